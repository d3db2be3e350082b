import path from 'node:path';
import type { LoadOutcome } from '../load/run-load';
import { sampleUsers } from '../seed';
import { PLACEMENT_KEYS, setUpPersonalization, tearDownPersonalization } from './personalize.setup';
import type { UserQuerySourceOptions } from './user-query.source';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'user-query.source.js');
/** Offered load of the latency runs: a busy storefront's share for one instance, about half of what one instance carries flat out here. */
const USER_QUERY_RATE = 500;
const RECOMMENDATIONS = `query($userId: String){ recommendations(userId: $userId, strategy: FOR_YOU, limit: 10){ product { id } score reason strategy } }`;
const USER_CONTEXT = `query($userId: String, $placements: [String!]!){ userContext(userId: $userId, placements: $placements, recommendations: { strategy: FOR_YOU, limit: 10 }){
  profileId known segments decisions { placement reason content { key } } recommendations { product { id } score strategy } } }`;

/** Rebuilds what recommendations read from the seeded events (timed: it is part of what a deployment runs). */
async function refreshRecommendations(ctx: ScenarioContext): Promise<void> {
  const started = Date.now();
  await ctx.app.app.services.recommendations.refresh();
  ctx.log(`  recommendations refreshed in ${Date.now() - started} ms`);
}

function emptyAnswers(what: string) {
  return async (outcome: LoadOutcome): Promise<Check[]> => {
    const s = outcome.source as { empty: number; answered: number; firstError?: string };
    return [
      { name: `answers with ${what} (not an aim)`, ok: true, detail: `${s.answered - s.empty} of ${s.answered}` },
      ...(s.firstError ? [{ name: 'no GraphQL errors', ok: false, detail: s.firstError }] : []),
    ];
  };
}

async function source(ctx: ScenarioContext, query: string, variables: Record<string, unknown>, emptyMarker: string) {
  const userIds = (await sampleUsers(ctx.pool, 10_000)).map((u) => u.userId);
  const options: UserQuerySourceOptions = { query, variables, userIds, emptyMarker };
  return { module: SOURCE, options };
}

export const recommendationsForYou: Scenario = {
  name: 'recommendations-for-you',
  description: 'GraphQL recommendations(userId, strategy: FOR_YOU, limit: 10) for random seeded users; aim p99 < 20 ms at 500 req/s (no baseline)',
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 32,
  aim: { latency: { maxP99Ms: 20, atRate: USER_QUERY_RATE } },
  async setup(ctx) {
    await refreshRecommendations(ctx);
    const src = await source(ctx, RECOMMENDATIONS, {}, '"recommendations":[]');
    return { ours: { url: ctx.app.graphqlUrl, headers: graphqlHeaders(ctx.app.adminKey), source: src, after: emptyAnswers('recommendations') } };
  },
};

export const userContext: Scenario = {
  name: 'user-context',
  description: 'GraphQL userContext(userId, 3 placements, 10 FOR_YOU recommendations) for random seeded users; aim p99 < 20 ms at 500 req/s (no baseline)',
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 32,
  aim: { latency: { maxP99Ms: 20, atRate: USER_QUERY_RATE } },
  async setup(ctx) {
    const services = ctx.app.app.services;
    await setUpPersonalization(services);
    await refreshRecommendations(ctx);
    const src = await source(ctx, USER_CONTEXT, { placements: PLACEMENT_KEYS.slice(0, 3) }, '"recommendations":[]');
    return {
      ours: { url: ctx.app.graphqlUrl, headers: graphqlHeaders(ctx.app.adminKey), source: src, after: emptyAnswers('recommendations') },
      teardown: () => tearDownPersonalization(services),
    };
  },
};
