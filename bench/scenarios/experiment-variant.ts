import path from 'node:path';
import { startExperimentVariantBaseline } from '../baselines/experiment-variant';
import type { ExperimentVariantSourceOptions } from './experiment-variant.source';
import { graphqlHeaders, type Scenario } from './types';
import { ExperimentHashing, HashingUnit } from '../../src/experiments/experiments.types';

const SOURCE = path.join(__dirname, 'experiment-variant.source.js');
const KEY = 'bench-experiment-variant';

/** Issue 16: a variant for first visits (random new anonymous ids), no profile, one read each. */
export const experimentVariant: Scenario = {
  name: 'experiment-variant',
  description: 'GraphQL experimentVariant(experiment, anonymousId) for random new anonymous ids (GrowthBook hashing, 90% coverage) vs a bare node:http + pg handler doing the same read and hash; aims: ratio ≥ 0.8, p99 < 10 ms at half the baseline rate',
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 64,
  aim: { minRatio: 0.8, latency: { maxP99Ms: 10, atRate: 'halfOfBaseline' } },
  async setup(ctx) {
    const experiments = ctx.app.app.services.experiments;
    const remove = () => ctx.pool.query(`delete from experiments where key = $1`, [KEY]);
    await remove();
    await experiments.create({
      key: KEY, name: 'bench', goalEvent: 'Order Completed', variants: [{ key: 'control' }, { key: 'treatment' }],
      hashing: ExperimentHashing.GROWTHBOOK, hashingUnit: HashingUnit.ANONYMOUS_ID, coverage: 0.9,
    });
    const started = await experiments.start(KEY);
    const options: ExperimentVariantSourceOptions = { experiment: KEY };
    const source = { module: SOURCE, options };
    const baseline = await startExperimentVariantBaseline(ctx.databaseUrl, {
      id: started.id, key: KEY, seed: started.seed, hashing: started.hashing, coverage: started.coverage, variants: started.variants,
    });
    return {
      ours: {
        url: ctx.app.graphqlUrl,
        headers: graphqlHeaders(ctx.app.adminKey),
        source,
        after: async (outcome) => {
          const s = outcome.source as { excluded: number; firstError?: string };
          return [{ name: 'no GraphQL errors', ok: !s.firstError, detail: s.firstError ?? `${s.excluded} visitors outside the 90% coverage` }];
        },
      },
      baseline: { url: baseline.url, headers: graphqlHeaders(), source },
      teardown: async () => {
        await baseline.close();
        await remove();
      },
    };
  },
};
