import path from 'node:path';
import { startPersonalizeBaseline } from '../baselines/personalize';
import type { LoadOutcome } from '../load/run-load';
import { sampleUsers } from '../seed';
import { DEFAULT_CONTENT, PLACEMENT_KEYS, setUpPersonalization, tearDownPersonalization } from './personalize.setup';
import type { PersonalizeSourceOptions } from './personalize.source';
import type { UserQuerySourceOptions } from './user-query.source';
import { graphqlHeaders, type Aim, type Check, type LoadTarget, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'user-query.source.js');
const PERSONALIZE_SOURCE = path.join(__dirname, 'personalize.source.js');
/**
 * Against the bare personalize baseline measured in the same run (issue 13): at least half
 * its throughput, and p99 < 20 ms while offered a quarter of its rate.
 */
const USER_QUERY_AIM: Aim = { minRatio: 0.5, latency: { maxP99Ms: 20, atRate: 'quarterOfBaseline' } };
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

/**
 * The bare personalize baseline (bench/baselines/personalize.ts: node:http + pg, one
 * membership lookup per request) for the same users, as the personalize scenario runs it:
 * the cheapest personalized answer this machine gives, measured beside ours.
 */
async function personalizeBaseline(ctx: ScenarioContext): Promise<{ target: LoadTarget; close(): Promise<void> }> {
  const userIds = (await sampleUsers(ctx.pool, 10_000)).map((u) => u.userId);
  const options: PersonalizeSourceOptions = { placements: PLACEMENT_KEYS, userIds };
  const baseline = await startPersonalizeBaseline(ctx.databaseUrl, DEFAULT_CONTENT);
  return { target: { url: baseline.url, headers: graphqlHeaders(), source: { module: PERSONALIZE_SOURCE, options } }, close: () => baseline.close() };
}

/** A GraphQL user query for random seeded users, against the bare personalize baseline of the same run. */
function userQueryScenario(name: string, description: string, query: string, variables: Record<string, unknown>): Scenario {
  return {
    name,
    description,
    unit: 'req/s',
    perRequest: 1,
    defaultConnections: 32,
    aim: USER_QUERY_AIM,
    async setup(ctx) {
      const services = ctx.app.app.services;
      await setUpPersonalization(services);
      await refreshRecommendations(ctx);
      const src = await source(ctx, query, variables, '"recommendations":[]');
      const baseline = await personalizeBaseline(ctx);
      return {
        ours: { url: ctx.app.graphqlUrl, headers: graphqlHeaders(ctx.app.adminKey), source: src, after: emptyAnswers('recommendations') },
        baseline: baseline.target,
        teardown: async () => {
          await baseline.close();
          await tearDownPersonalization(services);
        },
      };
    },
  };
}

export const recommendationsForYou = userQueryScenario(
  'recommendations-for-you',
  'GraphQL recommendations(userId, strategy: FOR_YOU, limit: 10) for random seeded users, against the bare personalize baseline; aims: half its req/s, p99 < 20 ms at a quarter of it',
  RECOMMENDATIONS,
  {},
);

export const userContext = userQueryScenario(
  'user-context',
  'GraphQL userContext(userId, 3 placements, 10 FOR_YOU recommendations) for random seeded users, against the bare personalize baseline; aims: half its req/s, p99 < 20 ms at a quarter of it',
  USER_CONTEXT,
  { placements: PLACEMENT_KEYS.slice(0, 3) },
);
