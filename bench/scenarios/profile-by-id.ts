import path from 'node:path';
import { startProfileByIdBaseline } from '../baselines/profile-by-id';
import { sampleProfileIds } from '../seed';
import { graphqlHeaders, type Check, type Scenario } from './types';
import type { LoadOutcome } from '../load/run-load';

const SOURCE = path.join(__dirname, 'profile-by-id.source.js');

/** Every sampled id exists, so a null profile means the read is wrong. */
async function noneMissing(outcome: LoadOutcome): Promise<Check[]> {
  const { missing, firstError } = outcome.source as { missing: number; firstError?: string };
  return [
    { name: 'every profile found', ok: missing === 0, detail: `${missing} responses with profile null` },
    ...(firstError ? [{ name: 'no GraphQL errors', ok: false, detail: firstError }] : []),
  ];
}

export const profileById: Scenario = {
  name: 'profile-by-id',
  description: 'GraphQL profile(id) { id traits stats { orders revenue lastOrderAt } } for random seeded ids',
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 32,
  aim: { minRatio: 0.5 },
  async setup(ctx) {
    const ids = await sampleProfileIds(ctx.pool, 10_000);
    const baseline = await startProfileByIdBaseline(ctx.databaseUrl);
    const source = { module: SOURCE, options: { ids } };
    return {
      ours: { url: ctx.app.graphqlUrl, headers: graphqlHeaders(ctx.app.adminKey), source, after: noneMissing },
      baseline: { url: baseline.url, headers: graphqlHeaders(), source, after: noneMissing },
      teardown: () => baseline.close(),
    };
  },
};
