/** A buyer's purchase dates as the BG/NBD summary (x, t_x, T) the model reads (bgnbd.ts). */
import { ValidationError } from '../common';
import type { BuyerSummary } from './bgnbd';

const { floor, max, min } = Math;
const { isFinite: isFiniteNumber } = Number;
const MS_PER_DAY = 86_400_000;
const DAYS_PER_WEEK = 7;

function utcDay(date: Date, path: string): number {
  const ms = date instanceof Date ? date.getTime() : NaN;
  if (!isFiniteNumber(ms)) throw new ValidationError('must be a valid date', path);
  return floor(ms / MS_PER_DAY);
}

/**
 * (x, t_x, T) in weeks as of `asOf`. The model counts purchase occasions, so purchases
 * on the same UTC calendar day are one; times are whole days / 7. Purchases after `asOf`
 * are ignored (they are the future a calibration period is fitted to predict).
 */
export function summarizePurchases(purchaseDates: readonly Date[], asOf: Date): BuyerSummary {
  const asOfDay = utcDay(asOf, 'asOf');
  const days = new Set<number>();
  purchaseDates.forEach((date, i) => {
    const day = utcDay(date, `purchaseDates[${i}]`);
    if (day <= asOfDay) days.add(day);
  });
  if (days.size === 0) {
    throw new ValidationError('no purchase on or before the as-of date', 'purchaseDates');
  }
  const first = min(...days);
  const last = max(...days);
  return {
    frequency: days.size - 1,
    recency: (last - first) / DAYS_PER_WEEK,
    T: (asOfDay - first) / DAYS_PER_WEEK,
  };
}
