import { graphqlOk, type RequestSource } from '../load/types';

export interface StatsHistoryOptions {
  segment: string;
  from: string;
  to: string;
}

const QUERY = `query($segment: String!, $from: DateTimeISO!, $to: DateTimeISO!) {
  segmentStats(segment: $segment, from: $from, to: $to, interval: MONTH, source: HISTORY) { start size entered exited members orders revenue buyers }
}`;

/** Every request asks the same question: ours as GraphQL, the baseline reads only `variables`. */
export function createSource(options: StatsHistoryOptions): RequestSource {
  let firstError: string | undefined;
  const body = JSON.stringify({ query: QUERY, variables: options });
  return {
    body: () => body,
    verify: (response) => {
      const ok = graphqlOk(response) && response.includes('"segmentStats"');
      if (!ok) firstError ??= response.slice(0, 500);
      return ok;
    },
    summary: () => ({ firstError }),
  };
}
