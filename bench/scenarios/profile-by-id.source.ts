import { graphqlOk, type RequestSource } from '../load/types';

export const PROFILE_BY_ID_QUERY = 'query($id: ID!){ profile(id:$id){ id traits stats { orders revenue lastOrderAt } } }';

export interface ProfileByIdSourceOptions {
  ids: string[];
}

/** GraphQL profile(id) requests over random pre-selected ids; counts responses with no profile. */
export function createSource({ ids }: ProfileByIdSourceOptions): RequestSource {
  let missing = 0;
  let firstError: string | undefined;
  return {
    body: () => JSON.stringify({ query: PROFILE_BY_ID_QUERY, variables: { id: ids[Math.floor(Math.random() * ids.length)] } }),
    verify: (body) => {
      const ok = graphqlOk(body);
      if (!ok) firstError ??= body.slice(0, 500);
      else if (body.includes('"profile":null')) missing++;
      return ok;
    },
    summary: () => ({ missing, firstError }),
  };
}
