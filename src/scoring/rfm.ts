/**
 * RFM: recency, frequency and monetary quintiles among buyers, and the named cells
 * marketers use. Pure module: the grid below is the single source of truth, read by
 * `rfmCell`, by the scoring SQL (bound as a parameter) and by the built-in segments.
 *
 * Scores are quintiles computed with NTILE(5) over buyers as of the scoring date,
 * 5 = best: most recent last order, most orders, highest revenue. Ties are broken by
 * profile id, so equal values may land in neighbouring quintiles, deterministically.
 */
import { ValidationError } from '../common';

export const RFM_CELLS = [
  'Champions', 'Loyal', 'Potential Loyalist', 'New', 'Promising', 'Need Attention',
  'About to Sleep', 'At Risk', 'Cannot Lose', 'Hibernating', 'Lost',
] as const;
export type RfmCell = (typeof RFM_CELLS)[number];

/**
 * The cell of each (R, F) pair: `RFM_GRID[5 - r][f - 1]`, rows from R = 5 (bought
 * most recently) down to R = 1, columns F = 1 … 5.
 *
 *   R\F  1               2                   3                   4             5
 *   5    New             Potential Loyalist  Potential Loyalist  Champions     Champions
 *   4    Promising       Potential Loyalist  Potential Loyalist  Loyal         Loyal
 *   3    About to Sleep  About to Sleep      Need Attention      Loyal         Loyal
 *   2    Hibernating     Hibernating         At Risk             At Risk       Cannot Lose
 *   1    Lost            Hibernating         At Risk             At Risk       Cannot Lose
 *
 * Read it as: recent and frequent = Champions; frequent but cooling = Loyal; recent
 * with a few orders = Potential Loyalist; recent single order = New (R 5) or Promising
 * (R 4); middling = Need Attention / About to Sleep; used to buy often but long gone =
 * At Risk, and the most frequent of those = Cannot Lose; long gone with few orders =
 * Hibernating, and the least recent single-order buyers = Lost. Every cell occurs.
 */
export const RFM_GRID: readonly (readonly RfmCell[])[] = [
  ['New', 'Potential Loyalist', 'Potential Loyalist', 'Champions', 'Champions'],
  ['Promising', 'Potential Loyalist', 'Potential Loyalist', 'Loyal', 'Loyal'],
  ['About to Sleep', 'About to Sleep', 'Need Attention', 'Loyal', 'Loyal'],
  ['Hibernating', 'Hibernating', 'At Risk', 'At Risk', 'Cannot Lose'],
  ['Lost', 'Hibernating', 'At Risk', 'At Risk', 'Cannot Lose'],
];

function assertQuintile(value: number, path: string): void {
  if (!(Number.isInteger(value) && value >= 1 && value <= 5)) {
    throw new ValidationError(`must be an integer from 1 to 5, got ${value}`, path);
  }
}

/** The named cell for an R score and an F score (each 1–5, 5 = best). */
export function rfmCell(r: number, f: number): RfmCell {
  assertQuintile(r, 'r');
  assertQuintile(f, 'f');
  return RFM_GRID[5 - r][f - 1];
}

/** The grid as rows, for binding into SQL (`jsonb_to_recordset`). */
export function rfmGridRows(): { r: number; f: number; cell: RfmCell }[] {
  return RFM_GRID.flatMap((row, i) => row.map((cell, j) => ({ r: 5 - i, f: j + 1, cell })));
}

/** `Cannot Lose` → `cannot-lose`: the suffix of the built-in segment key. */
export function slugOf(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
