import type { RecommendationsConfig } from '../../config';
import { K, type EvaluationReport } from './evaluate';

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, digits = 4) => x.toFixed(digits);
const ratio = (x: number, base: number) => (base > 0 ? `${(x / base).toFixed(2)}×` : 'n/a');

/** The result table: each strategy beside POPULAR, with the ratio. */
export function formatReport(report: EvaluationReport, config: RecommendationsConfig): string {
  const { split, log, refresh } = report;
  const popular = report.scores.find((s) => s.strategy === 'POPULAR')!.score;
  const s = config.similarity;
  const lines = [
    `file: ${report.file}`,
    `rows read ${log.rows}, rejected ${log.rejectedRows} (guest/invalid), cancellations dropped ${log.refunds}`,
    `orders ${split.orders}, lines ${split.lines}, buyers ${split.buyers}, products ${split.products}`,
    `held out: last order of ${split.held_out} buyers with ≥ 2 orders; evaluated ${split.evaluated} whose held-out order has an item they had not bought`,
    `training: ${split.training_lines} purchase lines, as of ${new Date(split.as_of).toISOString()}`,
    `similarity: ${s.basis} baskets, half-life ${s.halfLifeDays} d, smoothing ${s.smoothing}, ≤ ${s.maxItemsPerBuyer} items/buyer, top ${s.topK}; popularity window ${config.popularity.windowDays} d`,
    `refresh: ${refresh.similarities} similarities for ${refresh.itemsWithSimilarities} items in ${refresh.durationMs} ms`,
    '',
    `${pad('strategy', 16)} ${pad(`hit@${K}`, 8)} ${pad('vs POP', 7)} ${pad(`NDCG@${K}`, 8)} ${pad('vs POP', 7)} ${pad('short', 6)} ms`,
  ];
  for (const { strategy, score, ms } of report.scores) {
    lines.push(
      `${pad(strategy, 16)} ${pad(num(score.hitRate), 8)} ${pad(ratio(score.hitRate, popular.hitRate), 7)} ${pad(num(score.ndcg), 8)} ${pad(ratio(score.ndcg, popular.ndcg), 7)} ${pad(String(score.shortLists), 6)} ${ms}`,
    );
  }
  lines.push('', `short = buyers given fewer than ${K} items; every strategy is asked with excludePurchased = true (ALSO_BOUGHT seeded with the most recent purchase).`);
  return lines.join('\n');
}
