import type { RequestSource } from '../load/types';

/** Each request asks the scenario's trigger server for one membership change (the body is unused). */
export function createSource(): RequestSource {
  let firstError: string | undefined;
  return {
    body: () => '{}',
    verify: (body) => {
      const ok = body.includes('"delivered"');
      if (!ok) firstError ??= body.slice(0, 500);
      return ok;
    },
    summary: () => ({ firstError }),
  };
}
