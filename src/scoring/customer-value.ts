/**
 * Customer value from the two models: BG/NBD says how many purchases (bgnbd.ts), Gamma-Gamma
 * how much each is worth (gamma-gamma.ts), and spend is assumed independent of the purchase
 * process (Fader & Hardie 2013). Pure module.
 */
import { probabilityAlive, type BgNbdParams, type BuyerSummary } from './bgnbd';

const { log, exp, pow } = Math;
const DAYS_PER_WEEK = 7;

/** `purchase_probability_30d`'s horizon, in weeks. */
export const PROBABILITY_HORIZON_WEEKS = 30 / DAYS_PER_WEEK;
/** The CLV horizon: 52 weeks, discounted at the end of each 13-week quarter. */
export const CLV_QUARTERS_WEEKS = [13, 26, 39, 52] as const;

/**
 * P(at least one purchase in (T, T+t] | x, t_x, T). Someone who makes no purchase cannot drop
 * out (drop-out follows a purchase), so no purchase means: dead already, or alive and the
 * Poisson process quiet for t, whose chance under the posterior Gamma(r+x, α+T) of λ is
 * ((α+T)/(α+T+t))^(r+x). Hence P = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)).
 */
export function purchaseProbability(params: BgNbdParams, buyer: BuyerSummary, t: number): number {
  const quiet = exp((params.r + buyer.frequency) * (log(params.alpha + buyer.T) - log(params.alpha + buyer.T + t)));
  return probabilityAlive(params, buyer) * (1 - quiet);
}

/**
 * Expected purchases over the 52 weeks, plain and discounted: each quarter's expected
 * purchases (the growth of E[X(t)] over it) discounted at `annualRate` from the quarter's end.
 * `expectedBy(t)` is E[X(t)] for the buyer (BG/NBD eq. 10).
 */
export function expectedPurchasesOverYear(expectedBy: (weeks: number) => number, annualRate: number): { plain: number; discounted: number } {
  let previous = 0;
  let discounted = 0;
  for (const weeks of CLV_QUARTERS_WEEKS) {
    const cumulative = expectedBy(weeks);
    discounted += (cumulative - previous) / pow(1 + annualRate, weeks / 52);
    previous = cumulative;
  }
  return { plain: previous, discounted };
}
