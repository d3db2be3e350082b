import { graphqlOk, type RequestSource } from '../load/types';

export const PERSONALIZE_QUERY = `query($placement: String!, $userId: String){
  personalize(placement: $placement, userId: $userId){ placement reason content { key } rule { position } segment { key } } }`;

export interface PersonalizeSourceOptions {
  placements: string[];
  userIds: string[];
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** personalize(placement, userId) for a random placement and seeded user; tallies decisions without content. */
export function createSource({ placements, userIds }: PersonalizeSourceOptions): RequestSource {
  let noContent = 0;
  let bySegment = 0;
  let firstError: string | undefined;
  return {
    body: () => JSON.stringify({ query: PERSONALIZE_QUERY, variables: { placement: pick(placements), userId: pick(userIds) } }),
    verify: (body) => {
      const ok = graphqlOk(body);
      if (!ok) firstError ??= body.slice(0, 500);
      else if (body.includes('"content":null')) noContent++;
      else if (body.includes('"reason":"segment"')) bySegment++;
      return ok;
    },
    summary: () => ({ noContent, bySegment, firstError }),
  };
}
