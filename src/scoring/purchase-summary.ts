/** A buyer's purchases as the summaries the models read: (x, t_x, T) for BG/NBD (bgnbd.ts), (x, m_x) for Gamma-Gamma (gamma-gamma.ts). */
import { ValidationError } from '../common';
import type { BuyerSummary } from './bgnbd';
import type { SpendSummary } from './gamma-gamma';

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

/** One purchase with its value (net revenue where the spec's refunds apply). */
export interface ValuedPurchase {
  at: Date;
  value: number;
}

/**
 * What the Gamma-Gamma model reads (gamma-gamma.ts) as of `asOf`: the repeat purchase days
 * and the average value of those days. Purchases on the same UTC day are one occasion whose
 * value is their sum, as in summarizePurchases; the first day is left out (the model describes
 * repeat spend); purchases after `asOf` are ignored.
 */
export function summarizeSpend(purchases: readonly ValuedPurchase[], asOf: Date): SpendSummary {
  const asOfDay = utcDay(asOf, 'asOf');
  const byDay = new Map<number, number>();
  purchases.forEach(({ at, value }, i) => {
    const day = utcDay(at, `purchases[${i}].at`);
    if (!isFiniteNumber(value)) throw new ValidationError('must be a finite number', `purchases[${i}].value`);
    if (day <= asOfDay) byDay.set(day, (byDay.get(day) ?? 0) + value);
  });
  const repeatDays = [...byDay.keys()].sort((a, b) => a - b).slice(1);
  const total = repeatDays.reduce((sum, day) => sum + byDay.get(day)!, 0);
  return { frequency: repeatDays.length, averageValue: repeatDays.length ? total / repeatDays.length : 0 };
}
