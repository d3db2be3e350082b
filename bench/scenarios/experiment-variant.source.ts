import crypto from 'node:crypto';
import { graphqlOk, type RequestSource } from '../load/types';

export const EXPERIMENT_VARIANT_QUERY = `query($e: String!, $a: String) { experimentVariant(experiment: $e, anonymousId: $a) { experimentKey variant } }`;

export interface ExperimentVariantSourceOptions {
  experiment: string;
}

/** experimentVariant for a brand-new random anonymous id each time (a first visit); tallies visitors outside the experiment. */
export function createSource({ experiment }: ExperimentVariantSourceOptions): RequestSource {
  let excluded = 0;
  let firstError: string | undefined;
  return {
    body: () => JSON.stringify({ query: EXPERIMENT_VARIANT_QUERY, variables: { e: experiment, a: crypto.randomUUID() } }),
    verify: (body) => {
      const ok = graphqlOk(body);
      if (!ok) firstError ??= body.slice(0, 500);
      else if (body.includes('"experimentVariant":null')) excluded++;
      return ok;
    },
    summary: () => ({ excluded, firstError }),
  };
}
