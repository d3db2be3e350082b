import { graphqlOk, type RequestSource } from '../load/types';

/** Every request asks for one recompute (ours) or one run of the hand-written SQL (baseline). */
export function createSource(): RequestSource {
  let firstError: string | undefined;
  return {
    body: () => '{}',
    verify: (body) => {
      const ok = graphqlOk(body) && body.includes('"size"');
      if (!ok) firstError ??= body.slice(0, 500);
      return ok;
    },
    summary: () => ({ firstError }),
  };
}
