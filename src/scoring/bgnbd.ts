/**
 * BG/NBD ("beta-geometric / negative binomial distribution") model of repeat buying,
 * after Fader, Hardie & Lee (2005), "Counting your customers the easy way".
 *
 * While alive, a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after
 * each repeat purchase they drop out for good with probability p ~ Beta(a, b). We only
 * ever see (x, t_x, T): repeat purchases, time of the last one, and time observed, all
 * measured from the first purchase, in weeks.
 *
 * Pure module: no I/O, deterministic, safe to call from anywhere. The special functions
 * (special-functions.ts), the simplex minimizer (nelder-mead.ts) and building (x, t_x, T)
 * from purchase dates (purchase-summary.ts) are beside it.
 */
import { ValidationError } from '../common';
import { minimizeWithRestarts } from './nelder-mead';
import { lnBeta, lnGamma, logSumExp, sumSeries } from './special-functions';

/** One customer's history, in weeks from their first purchase. */
export interface BuyerSummary {
  /** Repeat purchase days (the first purchase day is not counted). */
  frequency: number;
  /** First purchase → last purchase. */
  recency: number;
  /** First purchase → as-of date. */
  T: number;
}

export interface BgNbdParams {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

export interface FitOptions {
  /** Starting point; any parameter left out defaults to 1. */
  initial?: Partial<BgNbdParams>;
  /** Nelder–Mead iterations allowed per restart. */
  maxIterations?: number;
  /** Convergence tolerance on the mean log-likelihood per buyer and on log-parameters. */
  tolerance?: number;
  /** Fresh simplices built around the incumbent once a run has stalled. */
  maxRestarts?: number;
  /**
   * Opt-in early stop for likelihoods with a ridge (e.g. a, b → ∞ when the data show
   * little drop-out): a Nelder–Mead run ends, unconverged, once its best value has not
   * improved by more than `tolerance` for this many iterations, and a restart that then
   * gains no more than `tolerance` ends the fit (unconverged). Unset: runs end only by
   * convergence or `maxIterations`.
   */
  stallIterations?: number;
}

export interface FitResult {
  params: BgNbdParams;
  logLikelihood: number;
  /** Nelder–Mead iterations over all restarts. */
  iterations: number;
  converged: boolean;
  /** Number of buyers (not of distinct histories). */
  sampleSize: number;
}

// Bound once at module scope: under jest's vm sandbox every `Math.x` / `Number.x` is a
// slow global lookup, which made the fitting loops ~20× slower in tests than in production.
const { exp, expm1, log, log1p } = Math;
const { isFinite: isFiniteNumber, isInteger } = Number;
const NEGATIVE_INFINITY = -Infinity;


// ---------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------

const PARAM_KEYS = ['r', 'alpha', 'a', 'b'] as const;

function assertParams(params: BgNbdParams): void {
  for (const key of PARAM_KEYS) {
    const value = params[key];
    if (!(isFiniteNumber(value) && value > 0)) {
      throw new ValidationError(`must be a finite positive number, got ${value}`, `params.${key}`);
    }
  }
}

function assertBuyer(buyer: BuyerSummary, path: string): void {
  const { frequency: x, recency: tx, T } = buyer;
  if (!(isInteger(x) && x >= 0)) {
    throw new ValidationError(`must be a non-negative integer, got ${x}`, `${path}.frequency`);
  }
  if (!(isFiniteNumber(T) && T >= 0)) {
    throw new ValidationError(`must be a finite non-negative number, got ${T}`, `${path}.T`);
  }
  if (!(isFiniteNumber(tx) && tx >= 0 && tx <= T)) {
    throw new ValidationError(`must lie in [0, T = ${T}], got ${tx}`, `${path}.recency`);
  }
}

// ---------------------------------------------------------------------------
// Likelihood
// ---------------------------------------------------------------------------

/**
 * Buyers collapsed to distinct (x, t_x, T) with multiplicities. Real data has few
 * distinct histories (days are discrete, cohorts share an as-of date), so the likelihood
 * costs per distinct history, not per buyer.
 */
interface BuyerGroups {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  weight: Float64Array;
  /** Index into `distinctX` for each group: the Γ/B terms depend on x alone. */
  xIndex: Int32Array;
  distinctX: number[];
  totalWeight: number;
}

/** A distinct history and how many buyers share it (e.g. from SQL `group by x, t_x, T`). */
export interface WeightedBuyerSummary extends BuyerSummary {
  /** Buyers with this history; a positive integer. */
  count: number;
}

function groupBuyers(buyers: readonly BuyerSummary[], weights?: readonly number[], label = 'buyers'): BuyerGroups {
  if (buyers.length === 0) throw new ValidationError('at least one buyer is required', label);
  const byKey = new Map<string, { x: number; tx: number; T: number; weight: number }>();
  let totalWeight = 0;
  buyers.forEach((buyer, i) => {
    assertBuyer(buyer, `${label}[${i}]`);
    const weight = weights ? weights[i] : 1;
    if (!(isInteger(weight) && weight > 0)) {
      throw new ValidationError(`must be a positive integer, got ${weight}`, `${label}[${i}].count`);
    }
    totalWeight += weight;
    // t_x does not enter the likelihood when x = 0, so folding it lets all one-time
    // buyers with the same T share a group.
    const tx = buyer.frequency === 0 ? 0 : buyer.recency;
    const key = `${buyer.frequency}|${tx}|${buyer.T}`;
    const group = byKey.get(key);
    if (group) group.weight += weight;
    else byKey.set(key, { x: buyer.frequency, tx, T: buyer.T, weight });
  });

  const groups = [...byKey.values()];
  const distinctX = [...new Set(groups.map((g) => g.x))].sort((p, q) => p - q);
  const position = new Map(distinctX.map((x, i) => [x, i]));
  return {
    x: Float64Array.from(groups, (g) => g.x),
    tx: Float64Array.from(groups, (g) => g.tx),
    T: Float64Array.from(groups, (g) => g.T),
    weight: Float64Array.from(groups, (g) => g.weight),
    xIndex: Int32Array.from(groups, (g) => position.get(g.x)!),
    distinctX,
    totalWeight,
  };
}

/**
 * Eq. 6 of the paper, summed over groups. Per buyer, in logs:
 *   ln L = lnΓ(r+x) − lnΓ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *          + ln[ (α+T)^−(r+x) + δ_{x>0} · a/(b+x−1) · (α+t_x)^−(r+x) ]
 * using B(a+1, b+x−1)/B(a, b+x) = a/(b+x−1). The bracket is a log-sum-exp because both
 * terms underflow for heavy buyers long before their ratio becomes extreme.
 */
function groupedLogLikelihood({ r, alpha, a, b }: BgNbdParams, groups: BuyerGroups): number {
  const { distinctX } = groups;
  const constant = new Float64Array(distinctX.length);
  const lnDropoutOdds = new Float64Array(distinctX.length);
  const shared = -lnGamma(r) + r * log(alpha) - lnBeta(a, b);
  const lnA = log(a);
  for (let k = 0; k < distinctX.length; k++) {
    const x = distinctX[k];
    constant[k] = shared + lnGamma(r + x) + lnBeta(a, b + x);
    lnDropoutOdds[k] = x > 0 ? lnA - log(b + x - 1) : NEGATIVE_INFINITY;
  }

  let total = 0;
  for (let i = 0; i < groups.x.length; i++) {
    const x = groups.x[i];
    const k = groups.xIndex[i];
    const aliveTerm = -(r + x) * log(alpha + groups.T[i]);
    const ll = x > 0 ? logSumExp(aliveTerm, lnDropoutOdds[k] - (r + x) * log(alpha + groups.tx[i])) : aliveTerm;
    total += groups.weight[i] * (constant[k] + ll);
  }
  return total;
}

/** Total log-likelihood of the buyers under the parameters (eq. 6, summed). */
export function bgnbdLogLikelihood(params: BgNbdParams, buyers: readonly BuyerSummary[]): number {
  assertParams(params);
  return groupedLogLikelihood(params, groupBuyers(buyers));
}

// ---------------------------------------------------------------------------
// Fitting
// ---------------------------------------------------------------------------

function toParams(logParams: number[]): BgNbdParams {
  const [r, alpha, a, b] = logParams.map((v) => exp(v));
  return { r, alpha, a, b };
}

/**
 * Maximum-likelihood fit. Searches over log-parameters so every trial point is a valid
 * model, and minimizes the mean negative log-likelihood per buyer so the tolerance means
 * the same thing for 2,000 buyers as for 2,000,000. Nelder–Mead can stall on a collapsed
 * simplex, so it is restarted around the incumbent until a restart no longer improves it.
 * Fully deterministic: no random starts.
 */
export function fitBgNbd(buyers: readonly BuyerSummary[], options: FitOptions = {}): FitResult {
  return fitGroups(groupBuyers(buyers), options);
}

/**
 * The same fit from histories already collapsed with their multiplicities, so callers
 * that aggregate in SQL never expand them to one object per buyer. Gives exactly what
 * `fitBgNbd` gives for the list expanded in the same order; `sampleSize` is the sum of
 * the counts.
 */
export function fitBgNbdWeighted(histories: readonly WeightedBuyerSummary[], options: FitOptions = {}): FitResult {
  return fitGroups(groupBuyers(histories, histories.map((h) => h.count), 'histories'), options);
}

function fitGroups(groups: BuyerGroups, options: FitOptions): FitResult {
  const { initial = {}, maxIterations = 5000, tolerance = 1e-10, maxRestarts = 10, stallIterations } = options;
  // With no repeat purchases the likelihood only grows as r → 0 or α → ∞ and says
  // nothing about (a, b): the optimizer would "converge" on meaningless extremes.
  if (groups.distinctX.every((x) => x === 0)) {
    throw new ValidationError('at least one buyer with a repeat purchase is required to fit', 'buyers');
  }
  const start = { r: 1, alpha: 1, a: 1, b: 1, ...initial };
  assertParams(start);
  if (stallIterations !== undefined && !(isInteger(stallIterations) && stallIterations > 0)) {
    throw new ValidationError(`must be a positive integer, got ${stallIterations}`, 'options.stallIterations');
  }

  const objective = (logParams: number[]): number => {
    // exp() of a wild trial point can overflow or underflow to an invalid parameter.
    const params = toParams(logParams);
    if (!PARAM_KEYS.every((key) => params[key] > 0 && isFiniteNumber(params[key]))) return Infinity;
    return -groupedLogLikelihood(params, groups) / groups.totalWeight;
  };

  const best = minimizeWithRestarts(objective, PARAM_KEYS.map((key) => log(start[key])), { maxIterations, tolerance, maxRestarts, stallIterations });
  return {
    params: toParams(best.x),
    logLikelihood: -best.fx * groups.totalWeight,
    iterations: best.iterations,
    converged: best.converged,
    sampleSize: groups.totalWeight,
  };
}

// ---------------------------------------------------------------------------
// Customer-level predictions
// ---------------------------------------------------------------------------

/**
 * P(alive | x, t_x, T) = 1 / (1 + δ_{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 * Someone who never repurchased has had no chance to drop out, hence 1 for x = 0.
 */
export function probabilityAlive(params: BgNbdParams, buyer: BuyerSummary): number {
  assertParams(params);
  assertBuyer(buyer, 'buyer');
  const { r, alpha, a, b } = params;
  const { frequency: x, recency: tx, T } = buyer;
  if (x === 0) return 1;
  const lnOdds = log(a) - log(b + x - 1) + (r + x) * (log(alpha + T) - log(alpha + tx));
  return 1 / (1 + exp(lnOdds));
}

/**
 * Expected purchases in the next t weeks for a customer alive at T, before weighting by
 * P(alive). Eq. 10 of the paper reads
 *   (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) · ₂F₁(r+x, b+x; a+b+x−1; z)],  z = t/(α+T+t),
 * which is 0/0 at a = 1 and sums a series whose terms grow like n^x, i.e. overflow-prone
 * for heavy buyers. Euler's transformation ₂F₁(A,B;C;z) = (1−z)^(C−A−B) ₂F₁(C−A, C−B; C; z)
 * turns the bracket into 1 − (1−z)^(a−1) · ₂F₁(a+b−1−r, a−1; a+b+x−1; z), whose series
 * parameters do not grow with x. Its n ≥ 1 terms all carry the factor (a−1), which cancels
 * the 1/(a−1) in front, and the leading (a+b+x−1) cancels the 1/(a+b+x−1)_n pole of the
 * series at x = 0, a+b = 1. What is left is finite for all valid parameters:
 *   C · (1 − (1−z)^(a−1))/(a−1) − (1−z)^(a−1) · Σ_{n≥1} h_n,
 * with C = a+b+x−1, A' = a+b−1−r, h_1 = A'·z, h_{n+1} = h_n · (A'+n)(a−1+n) z / ((C+n)(n+1)).
 * (C+n > 0 for n ≥ 1 because C > −1, so no term can blow up.)
 */
function expectedPurchasesIfAlive(params: BgNbdParams, buyer: BuyerSummary, t: number): number {
  const { r, alpha, a, b } = params;
  const x = buyer.frequency;
  const c = a + b + x - 1;
  const aPrime = a + b - 1 - r;
  const z = t / (alpha + buyer.T + t);
  const lnOneMinusZ = -log1p(t / (alpha + buyer.T));
  const aMinus1 = a - 1;
  // (1 − (1−z)^(a−1)) / (a−1) → −ln(1−z) as a → 1; expm1 keeps it accurate near there.
  const firstPart = aMinus1 === 0 ? -lnOneMinusZ : -expm1(aMinus1 * lnOneMinusZ) / aMinus1;
  const tail = sumSeries(aPrime * z, (n) => ((aPrime + n + 1) * (a + n) * z) / ((c + n + 1) * (n + 2)), z);
  return c * firstPart - exp(aMinus1 * lnOneMinusZ) * tail;
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in (T, T+t] (eq. 10 of the paper). The series
 * converges for any t ≥ 0 but needs ~ln(1e−15)/ln(z) terms, so horizons thousands of
 * times longer than α+T throw a RangeError rather than spin.
 */
export function expectedPurchases(params: BgNbdParams, buyer: BuyerSummary, t: number): number {
  assertParams(params);
  assertBuyer(buyer, 'buyer');
  if (!(isFiniteNumber(t) && t >= 0)) {
    throw new ValidationError(`must be a finite non-negative number of weeks, got ${t}`, 't');
  }
  if (t === 0) return 0;
  return probabilityAlive(params, buyer) * expectedPurchasesIfAlive(params, buyer, t);
}

/**
 * E[X(t)] for a customer just acquired (eq. 9). Eq. 9 is eq. 10 with x = t_x = T = 0:
 * a brand-new customer is alive and carries only the prior.
 */
export function expectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  return expectedPurchases(params, { frequency: 0, recency: 0, T: 0 }, t);
}
