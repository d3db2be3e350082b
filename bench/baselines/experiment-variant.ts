import pg from 'pg';
import { positionOf, variantAt, type HashingAlgorithm } from '../../src/experiments/bucketing';
import { startBareJsonServer, type BareServer } from './http-server';

/** The one read a variant needs: the visitor's recorded assignment, if any. */
const RECORDED = `
  select a.variant from identities i join assignments a on a.profile_id = i.profile_id and a.experiment_id = $2
   where i.kind = 'anonymous_id' and i.value = $1`;

export interface BareExperiment {
  id: string;
  key: string;
  seed: string;
  hashing: HashingAlgorithm;
  coverage: number;
  variants: { key: string; weight: number }[];
}

/**
 * node:http + pg (pool of 8) answering experimentVariant(experiment, anonymousId) like the
 * GraphQL shape: the experiment from memory, the recorded assignment by one indexed read, else
 * the same pure hash our server uses.
 */
export async function startExperimentVariantBaseline(databaseUrl: string, experiment: BareExperiment, poolSize = 8): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async (body) => {
    const anonymousId = (body as { variables?: { a?: string } }).variables?.a ?? '';
    const { rows } = await pool.query<{ variant: string }>({ name: 'recorded_variant', text: RECORDED, values: [anonymousId, experiment.id] });
    const variant = rows[0]?.variant ?? variantAt(experiment.hashing, experiment.variants, positionOf(experiment.hashing, experiment.seed, anonymousId), experiment.coverage)?.key;
    return { status: 200, json: { data: { experimentVariant: variant ? { experimentKey: experiment.key, variant } : null } } };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
