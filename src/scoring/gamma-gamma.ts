/**
 * Gamma-Gamma model of monetary value, after Fader & Hardie (2013), "The Gamma-Gamma Model of
 * Monetary Value" (and Colombo & Jiang, 1999). A customer's transaction values are
 * Gamma(p, ν) around their own mean p/ν, and ν varies across customers as Gamma(q, γ). We see,
 * per customer with at least one repeat purchase, x (repeat purchase days) and m_x (the
 * average value of those days). Spend is assumed independent of the purchase process, so the
 * model pairs with BG/NBD for customer lifetime value.
 *
 * Pure module: no I/O, deterministic. The fit shares BG/NBD's simplex minimizer.
 */
import { ValidationError } from '../common';
import { minimizeWithRestarts } from './nelder-mead';
import { lnGamma } from './special-functions';

const { exp, log } = Math;
const { isFinite: isFiniteNumber } = Number;

/** One customer's repeat purchases: how many days, and their average value. */
export interface SpendSummary {
  frequency: number;
  averageValue: number;
}

export interface GammaGammaParams {
  p: number;
  q: number;
  gamma: number;
}

export interface GammaGammaFit {
  params: GammaGammaParams;
  logLikelihood: number;
  iterations: number;
  converged: boolean;
  /** Customers with at least one repeat purchase and a positive average value. */
  sampleSize: number;
}

/** Only customers the model describes: a repeat purchase, and a positive average value (the model's support). */
export function usableSpend(buyers: readonly SpendSummary[]): SpendSummary[] {
  return buyers.filter((b) => b.frequency >= 1 && b.averageValue > 0 && isFiniteNumber(b.averageValue));
}

/**
 * One customer's log-likelihood (Fader & Hardie 2013, eq. 3 integrated over ν):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + x·m)
 */
function customerLogLikelihood({ p, q, gamma }: GammaGammaParams, { frequency: x, averageValue: m }: SpendSummary): number {
  const px = p * x;
  return lnGamma(px + q) - lnGamma(px) - lnGamma(q) + q * log(gamma) + (px - 1) * log(m) + px * log(x) - (px + q) * log(gamma + x * m);
}

export function gammaGammaLogLikelihood(params: GammaGammaParams, buyers: readonly SpendSummary[]): number {
  assertParams(params);
  return usableSpend(buyers).reduce((sum, b) => sum + customerLogLikelihood(params, b), 0);
}

/**
 * Maximum likelihood over log-parameters (every trial point a valid model), minimizing the
 * mean negative log-likelihood per customer with the BG/NBD fit's restarted simplex. Deterministic.
 */
export function fitGammaGamma(buyers: readonly SpendSummary[], options: { maxIterations?: number; tolerance?: number; maxRestarts?: number } = {}): GammaGammaFit {
  const { maxIterations = 5000, tolerance = 1e-12, maxRestarts = 10 } = options;
  const usable = usableSpend(buyers);
  if (usable.length < 2) throw new ValidationError('at least two customers with a repeat purchase and a positive spend are required to fit', 'buyers');
  const objective = (logParams: number[]): number => {
    const [p, q, gamma] = logParams.map(exp);
    if (![p, q, gamma].every((v) => v > 0 && isFiniteNumber(v))) return Infinity;
    let sum = 0;
    for (const b of usable) sum += customerLogLikelihood({ p, q, gamma }, b);
    return isFiniteNumber(sum) ? -sum / usable.length : Infinity;
  };
  const best = minimizeWithRestarts(objective, [0, 0, 0], { maxIterations, tolerance, maxRestarts });
  const [p, q, gamma] = best.x.map(exp);
  return { params: { p, q, gamma }, logLikelihood: -best.fx * usable.length, iterations: best.iterations, converged: best.converged, sampleSize: usable.length };
}

/**
 * E(M | p, q, γ, m_x, x) = (γ + x·m_x)·p / (p·x + q − 1): a weighted average of the population
 * mean and the customer's own average, the own average weighing more as x grows. Without repeat
 * purchases (x = 0) it is the population mean. Needs q > 1 (a finite population mean).
 */
export function expectedAverageValue(params: GammaGammaParams, buyer: SpendSummary): number {
  assertParams(params);
  if (buyer.frequency <= 0 || !(buyer.averageValue > 0)) return populationMeanValue(params);
  const { p, q, gamma } = params;
  return ((gamma + buyer.frequency * buyer.averageValue) * p) / (p * buyer.frequency + q - 1);
}

/** E(M) = p·γ / (q − 1); Infinity when q ≤ 1 (the spend distribution has no mean). */
export function populationMeanValue({ p, q, gamma }: GammaGammaParams): number {
  return q > 1 ? (p * gamma) / (q - 1) : Infinity;
}

function assertParams(params: GammaGammaParams): void {
  for (const [name, value] of Object.entries(params)) {
    if (!(value > 0) || !isFiniteNumber(value)) throw new ValidationError(`must be a positive finite number, got ${value}`, `params.${name}`);
  }
}
