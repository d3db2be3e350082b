import path from 'node:path';
import { firstMatchingRule, startPersonalizeBaseline } from '../baselines/personalize';
import { sampleUsers } from '../seed';
import { DEFAULT_CONTENT, PLACEMENT_KEYS, SEGMENT_KEYS, setUpPersonalization, tearDownPersonalization } from './personalize.setup';
import type { PersonalizeSourceOptions } from './personalize.source';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';
import type { LoadOutcome } from '../load/run-load';

const SOURCE = path.join(__dirname, 'personalize.source.js');
const AGREEMENT_SAMPLE = 300;

interface PersonalizeSummary {
  noContent: number;
  bySegment: number;
  firstError?: string;
}

function tallies(outcome: LoadOutcome): Check[] {
  const s = outcome.source as PersonalizeSummary;
  return [
    { name: 'every decision has content', ok: s.noContent === 0, detail: `${s.noContent} without content; ${s.bySegment} decided by a segment rule` },
    ...(s.firstError ? [{ name: 'no GraphQL errors', ok: false, detail: s.firstError }] : []),
  ];
}

/** Our decisions agree with the baseline's single SQL statement for a sample of users and placements. */
async function agreement(ctx: ScenarioContext, userIds: string[]): Promise<Check> {
  let differ = 0;
  let first = '';
  for (let i = 0; i < AGREEMENT_SAMPLE; i++) {
    const placement = PLACEMENT_KEYS[i % PLACEMENT_KEYS.length];
    const userId = userIds[(i * 7919) % userIds.length];
    const ours = await ctx.app.app.services.personalization.decide(placement, { userId });
    const hand = (await firstMatchingRule(ctx.pool, placement, userId))?.content ?? DEFAULT_CONTENT;
    if (ours.content?.key !== hand) {
      differ++;
      first ||= `${placement} ${userId}: ours ${ours.content?.key} (${ours.reason}), baseline ${hand}`;
    }
  }
  return { name: 'decisions equal the baseline SQL', ok: differ === 0, detail: `${differ} of ${AGREEMENT_SAMPLE} differ${first ? `; first: ${first}` : ''}` };
}

export const personalize: Scenario = {
  name: 'personalize',
  description: `GraphQL personalize(placement, userId): ${PLACEMENT_KEYS.length} placements of 4 segment rules over ${SEGMENT_KEYS.length} segments, random seeded users; aims: half the baseline's req/s, and p99 < 10 ms while carrying that load`,
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 64,
  aim: { minRatio: 0.5, latency: { maxP99Ms: 10, atRate: 'halfOfBaseline' } },
  async setup(ctx) {
    const services = ctx.app.app.services;
    const started = Date.now();
    await setUpPersonalization(services);
    ctx.log(`  created ${SEGMENT_KEYS.length} segments and ${PLACEMENT_KEYS.length} placements in ${Date.now() - started} ms`);
    const userIds = (await sampleUsers(ctx.pool, 10_000)).map((u) => u.userId);
    const options: PersonalizeSourceOptions = { placements: PLACEMENT_KEYS, userIds };
    const source = { module: SOURCE, options };
    const baseline = await startPersonalizeBaseline(ctx.databaseUrl, DEFAULT_CONTENT);
    return {
      ours: {
        url: ctx.app.graphqlUrl,
        headers: graphqlHeaders(ctx.app.adminKey),
        source,
        after: async (outcome) => [...tallies(outcome), await agreement(ctx, userIds)],
      },
      baseline: { url: baseline.url, headers: graphqlHeaders(), source, after: async (outcome) => tallies(outcome) },
      teardown: async () => {
        await baseline.close();
        await tearDownPersonalization(services);
      },
    };
  },
};
