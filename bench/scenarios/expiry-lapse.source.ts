import { graphqlOk, type RequestSource } from '../load/types';

/** Every request reads the scenario's status (the lapse itself ran before the load; see expiry-lapse.ts). */
export function createSource(): RequestSource {
  let firstError: string | undefined;
  return {
    body: () => '{}',
    verify: (body) => {
      const ok = graphqlOk(body) && body.includes('"checks"');
      if (!ok) firstError ??= body.slice(0, 500);
      return ok;
    },
    summary: () => ({ firstError }),
  };
}
