/**
 * The numeric step of the scoring job: fit BG/NBD to the distinct purchase histories
 * SQL hands over, and evaluate P(alive) and expected orders once per history. Pure
 * module: no I/O; the cost grows with distinct histories, not with buyers.
 */
import { ValidationError } from '../common';
import { fitBgNbdWeighted, probabilityAlive, type BgNbdParams, type BuyerSummary, type FitResult } from './bgnbd';
import { expectedPurchasesRobust } from './bgnbd-quadrature';
import { expectedPurchasesOverYear, PROBABILITY_HORIZON_WEEKS, purchaseProbability } from './customer-value';

const DAYS_PER_WEEK = 7;
/** The horizon of `expected_orders_90d`, in the model's unit (weeks). */
export const HORIZON_WEEKS = 90 / DAYS_PER_WEEK;

/** A distinct (x, t_x, T) in whole days, and how many buyers share it. */
export interface PurchaseHistory {
  /** Repeat purchase days. */
  x: number;
  /** Days from first to last purchase day. */
  tx_days: number;
  /** Days from first purchase day to the as-of day. */
  t_days: number;
  count: number;
  /** How many of them the fit uses (all when absent). */
  fit_count?: number;
}

/** Model output for one history, shaped for the scoring UPDATE's jsonb_to_recordset. */
export interface HistoryScore {
  x: number;
  tx_days: number;
  t_days: number;
  p_alive: number;
  churn_risk: number;
  /** Expected orders in the next 90 days; null in the (pathological) case the series cannot be summed. */
  expected: number | null;
  /** P(at least one order in the next 30 days). */
  p_purchase_30d: number;
  /** Expected orders in the next 52 weeks, and the same discounted quarter by quarter (customer-value.ts); null as `expected`. */
  expected_52w: number | null;
  expected_52w_discounted: number | null;
}

/** Weeks, per the conventions of purchase-summary.ts (`summarizePurchases`). */
export function toSummary(h: PurchaseHistory): BuyerSummary {
  return { frequency: h.x, recency: h.tx_days / DAYS_PER_WEEK, T: h.t_days / DAYS_PER_WEEK };
}

/**
 * A well-posed fit converges in a few hundred to a couple of thousand iterations. Data
 * with little visible drop-out put the optimum at a, b → ∞: the likelihood creeps up
 * along a/(a+b) ≈ const without ever meeting the convergence test, and the search
 * used to run its whole budget (55,000 iterations, minutes at 30k distinct histories).
 * Stopping once the best value has not moved by the tolerance for 200 iterations gives
 * the same optimum to 8 decimals of the log-likelihood on such data (recorded as not
 * converged), and leaves well-posed fits converged.
 */
export const FIT_OPTIONS = { stallIterations: 200 } as const;

/**
 * Buyers the fit uses at most: four parameters are pinned down long before this, and
 * the cost of a fit grows with the distinct histories of its sample. Scores are still
 * computed for every buyer.
 */
export const FIT_SAMPLE_MAX = 20_000;

/**
 * Maximum-likelihood fit, or null when the data cannot identify the model: no buyers,
 * or no buyer in the fit has bought on a second day yet.
 */
export function fitChurnModel(histories: readonly PurchaseHistory[]): FitResult | null {
  const sample = histories.map((h) => ({ ...toSummary(h), count: h.fit_count ?? h.count })).filter((h) => h.count > 0);
  if (!sample.some((h) => h.frequency > 0)) return null;
  return fitBgNbdWeighted(sample, FIT_OPTIONS);
}

function expectedOrSkip<T>(expected: () => T): T | null {
  try {
    return expected();
  } catch (e) {
    // Not expected with the quadrature fallback, but one history must not sink the run.
    if (e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * P(alive), churn risk = 1 − P(alive), expected orders in the next 90 days and 52 weeks
 * (plain and discounted at `annualDiscountRate`), and P(an order in the next 30 days), per
 * history. Under BG/NBD a buyer with no repeat purchase cannot have dropped out yet,
 * so one-time buyers always get P(alive) = 1 and churn risk 0.
 */
export function scoreHistories(params: BgNbdParams, histories: readonly PurchaseHistory[], annualDiscountRate = 0.1): HistoryScore[] {
  return histories.map((h, i) => {
    if (!(Number.isInteger(h.x) && Number.isInteger(h.tx_days) && Number.isInteger(h.t_days))) {
      throw new ValidationError('x, tx_days and t_days must be whole numbers', `histories[${i}]`);
    }
    const summary = toSummary(h);
    const pAlive = probabilityAlive(params, summary);
    const year = expectedOrSkip(() => expectedPurchasesOverYear((weeks) => expectedPurchasesRobust(params, summary, weeks), annualDiscountRate));
    return {
      x: h.x, tx_days: h.tx_days, t_days: h.t_days, p_alive: pAlive, churn_risk: 1 - pAlive,
      expected: expectedOrSkip(() => expectedPurchasesRobust(params, summary, HORIZON_WEEKS)),
      p_purchase_30d: purchaseProbability(params, summary, PROBABILITY_HORIZON_WEEKS),
      expected_52w: year?.plain ?? null,
      expected_52w_discounted: year?.discounted ?? null,
    };
  });
}
