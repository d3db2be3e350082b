import { graphqlOk, type RequestSource } from '../load/types';

/**
 * Every request asks a bare server for one piece of work (a recompute, a run of the
 * hand-written SQL, a status read) and checks the answer names `field` (default `size`).
 */
export function createSource(options: { field?: string } = {}): RequestSource {
  let firstError: string | undefined;
  const expected = `"${options.field ?? 'size'}"`;
  return {
    body: () => '{}',
    verify: (body) => {
      const ok = graphqlOk(body) && body.includes(expected);
      if (!ok) firstError ??= body.slice(0, 500);
      return ok;
    },
    summary: () => ({ firstError }),
  };
}
