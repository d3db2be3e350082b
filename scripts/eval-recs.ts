/**
 * Offline evaluation of the recommendation strategies on a real transaction log:
 * leave the last order of each repeat buyer out, train on the rest, and compare hit
 * rate@10 and NDCG@10 of every strategy with POPULAR (src/recommendations/evaluation).
 *
 *   npm run eval:recs -- [path/to/transactions.csv[.gz]]
 *
 * Default file: ../shared/data/online-retail/online_retail.csv.gz (read in place, never
 * copied). Database: a scratch `segmentary_eval`, dropped and recreated on the server of
 * EVAL_DATABASE_URL / DATABASE_URL / postgres://postgres@127.0.0.1:5432, and left there
 * for inspection. Tuning comes from the same environment variables as the server
 * (RECS_HALF_LIFE_DAYS, RECS_SMOOTHING, RECS_MAX_ITEMS_PER_BUYER, RECS_POPULAR_WINDOW_DAYS...).
 * Exit status: 0 when FOR_YOU and ALSO_BOUGHT beat POPULAR on hit rate, 1 when not, 2 on failure.
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadRecommendationsConfig } from '../src/config';
import { evaluateRecommendations } from '../src/recommendations/evaluation/evaluate';
import { formatReport } from '../src/recommendations/evaluation/report';
import { createScratchDatabase } from '../src/recommendations/evaluation/scratch-database';

const DEFAULT_FILE = resolve(__dirname, '../../shared/data/online-retail/online_retail.csv.gz');

async function main(): Promise<number> {
  const file = resolve(process.argv[2] ?? DEFAULT_FILE);
  const config = loadRecommendationsConfig(process.env);
  const scratch = await createScratchDatabase();
  process.stderr.write(`scratch database: ${scratch.url.replace(/\/\/[^@]*@/, '//')}\n`);
  try {
    const started = Date.now();
    const report = await evaluateRecommendations(scratch.db, file, config, { onProgress: (m) => process.stderr.write(`${m} (${Math.round((Date.now() - started) / 1000)} s)\n`) });
    process.stdout.write(`${formatReport(report, config)}\n`);
    const rate = (name: string) => report.scores.find((s) => s.strategy === name)!.score.hitRate;
    return rate('FOR_YOU') > rate('POPULAR') && rate('ALSO_BOUGHT') > rate('POPULAR') ? 0 : 1;
  } finally {
    await scratch.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`eval-recs failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(2);
  },
);
