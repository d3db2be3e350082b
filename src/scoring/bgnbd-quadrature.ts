/**
 * BG/NBD conditional expectation by quadrature, for the parameter region where the
 * hypergeometric series in bgnbd.ts gets slow.
 *
 * Why: `expectedPurchases` sums a series whose terms first grow for about a·z terms
 * (z = t/(α+T+t)) before they shrink. Fits on data with little visible drop-out can put
 * a and b in the millions (the likelihood is nearly flat along a/(a+b) = const), and
 * then each buyer costs millions of terms or a RangeError.
 *
 * How: given alive at T, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x), independently, and a
 * live customer makes (1 − e^(−λpt))/p purchases in the next t on average (eq. 7 of the
 * paper). Integrating λ out in closed form leaves one dimension:
 *   E[Y(t) | alive] = E_p[ (1 − (1 + p·t/(α+T))^−(r+x)) / p ],   p ~ Beta(a, b+x).
 * In y = logit(p) the Beta density becomes p^a (1−p)^(b+x): smooth, log-concave and
 * bell-shaped for every a, b > 0, and the integrand is analytic in a strip around the
 * real line, so the plain trapezoid rule converges geometrically. The normalising
 * constant cancels between numerator and denominator on the same grid.
 *
 * Pure module: no I/O.
 */
import { expectedPurchases, probabilityAlive, type BgNbdParams, type BuyerSummary } from './bgnbd';

const { exp, expm1, log, log1p, sqrt } = Math;

/** Grid points per standard deviation of logit(p); the error is ~e^(−2π²·STEPS²) in the bulk. */
const STEPS_PER_SD = 8;
/** Stop a tail once its density is below e^−40 of the mode's (≈ 4e−18, far below double precision). */
const TAIL_NATS = 40;
const MAX_POINTS = 100_000;
/** Above this a·z the series in `expectedPurchases` needs more than a few hundred terms. */
export const SERIES_LIMIT = 30;

/** ln(1 + e^y) without overflow. */
function softplus(y: number): number {
  return y > 0 ? y + log1p(exp(-y)) : log1p(exp(y));
}

/** E[Y(t) | alive at T, x, t_x, T] (the bracket of eq. 10) by trapezoid quadrature over logit(p). */
export function expectedPurchasesIfAliveByQuadrature(params: BgNbdParams, buyer: BuyerSummary, t: number): number {
  const { r, alpha, a, b } = params;
  const bx = b + buyer.frequency;
  const shape = r + buyer.frequency;
  const s = t / (alpha + buyer.T);
  if (t === 0) return 0;

  const logDensity = (y: number) => -a * softplus(-y) - bx * softplus(y);
  // p = 1/(1+e^−y); (1 − (1+ps)^−k)/p, via expm1/log1p so p → 0 keeps its limit k·s.
  const purchases = (y: number) => {
    const p = exp(-softplus(-y));
    return -expm1(-shape * log1p(p * s)) / p;
  };

  const mode = log(a / bx);
  const peak = logDensity(mode);
  // 1/sqrt of the curvature at the mode: (a+bx)·p(1−p) there equals 1/(1/a + 1/bx).
  const h = sqrt(1 / a + 1 / bx) / STEPS_PER_SD;
  let weightSum = 0;
  let valueSum = 0;
  const add = (y: number): boolean => {
    const w = exp(logDensity(y) - peak);
    weightSum += w;
    valueSum += w * purchases(y);
    return w > exp(-TAIL_NATS);
  };
  add(mode);
  for (let i = 1; i < MAX_POINTS && add(mode + i * h); i++);
  for (let i = 1; i < MAX_POINTS && add(mode - i * h); i++);
  return valueSum / weightSum;
}

/**
 * E[Y(t) | x, t_x, T]: `expectedPurchases` from bgnbd.ts where its series is cheap, the
 * quadrature above where it is not (a·z > SERIES_LIMIT). The two agree to ~1e−10
 * where both are cheap (see the tests).
 */
export function expectedPurchasesRobust(params: BgNbdParams, buyer: BuyerSummary, t: number): number {
  const z = t / (params.alpha + buyer.T + t);
  if (params.a * z <= SERIES_LIMIT) return expectedPurchases(params, buyer, t);
  return probabilityAlive(params, buyer) * expectedPurchasesIfAliveByQuadrature(params, buyer, t);
}
