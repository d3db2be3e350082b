import { graphqlOk, type RequestSource } from '../load/types';

export interface UserQuerySourceOptions {
  query: string;
  /** Variables every request sends; `userId` is added per request. */
  variables: Record<string, unknown>;
  userIds: string[];
  /** A response containing this is tallied as empty (e.g. no recommendations). */
  emptyMarker: string;
}

/** One GraphQL query per request for a random seeded user; tallies empty answers. */
export function createSource({ query, variables, userIds, emptyMarker }: UserQuerySourceOptions): RequestSource {
  let empty = 0;
  let answered = 0;
  let firstError: string | undefined;
  return {
    body: () => JSON.stringify({ query, variables: { ...variables, userId: userIds[Math.floor(Math.random() * userIds.length)] } }),
    verify: (body) => {
      const ok = graphqlOk(body);
      if (!ok) firstError ??= body.slice(0, 500);
      else {
        answered++;
        if (body.includes(emptyMarker)) empty++;
      }
      return ok;
    },
    summary: () => ({ empty, answered, firstError }),
  };
}
