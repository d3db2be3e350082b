/**
 * Special functions the BG/NBD formulas need (bgnbd.ts): ln Γ, ln B, log-sum-exp and the
 * Gauss hypergeometric series, in double precision.
 */

// Bound once at module scope: under jest's vm sandbox every `Math.x` / `Number.x` is a
// slow global lookup (see bgnbd.ts).
const { PI, abs, exp, log, log1p, max, min, sin } = Math;
const { isInteger } = Number;
const NEGATIVE_INFINITY = -Infinity;

// Lanczos approximation with g = 7, n = 9 (Godfrey's coefficients): ~15 significant digits
// for Γ, which is all a double can hold; the log form keeps it from overflowing.
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LN_TWO_PI = 0.5 * log(2 * PI);

/** ln Γ(z) for z > 0. */
export function lnGamma(z: number): number {
  if (!(z > 0)) throw new RangeError(`lnGamma is only defined here for z > 0, got ${z}`);
  // The Lanczos series loses accuracy below 1/2; the reflection formula moves us above it.
  if (z < 0.5) return log(PI / sin(PI * z)) - lnGamma(1 - z);
  const zm1 = z - 1;
  let series = LANCZOS_COEFFICIENTS[0];
  for (let i = 1; i < LANCZOS_G + 2; i++) series += LANCZOS_COEFFICIENTS[i] / (zm1 + i);
  const t = zm1 + LANCZOS_G + 0.5;
  return HALF_LN_TWO_PI + (zm1 + 0.5) * log(t) - t + log(series);
}

/** ln B(a, b) for a, b > 0; in logs because B underflows for the counts heavy buyers reach. */
export function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** ln(e^u + e^v) without overflow or underflow. */
export function logSumExp(u: number, v: number): number {
  const hi = max(u, v);
  if (hi === NEGATIVE_INFINITY) return NEGATIVE_INFINITY;
  return hi + log1p(exp(min(u, v) - hi));
}

const SERIES_MAX_TERMS = 1_000_000;
const SERIES_RELATIVE_TOLERANCE = 1e-15;

/**
 * Σ_{n≥0} t_n where t_{n+1} = t_n · ratio(n) and ratio(n) → limit, |limit| < 1.
 *
 * Stops once the geometric bound on the tail is below the tolerance: the term ratios of
 * the hypergeometric series approach `limit` monotonically once n is past the parameters,
 * so the tail after t_n is at most |t_n|·q/(1 − q) with q = max(|ratio(n)|, |limit|).
 * That costs about ln(tol)/ln(limit) terms, which is why arguments near 1 are slow.
 */
export function sumSeries(first: number, ratio: (n: number) => number, limit: number): number {
  let term = first;
  let sum = first;
  let rho = ratio(0);
  for (let n = 0; n < SERIES_MAX_TERMS; n++) {
    if (term === 0) return sum;
    term *= rho;
    sum += term;
    rho = ratio(n + 1);
    const q = max(abs(rho), abs(limit));
    if (q < 1 && (abs(term) * q) / (1 - q) <= SERIES_RELATIVE_TOLERANCE * abs(sum)) return sum;
  }
  throw new RangeError(
    `hypergeometric series did not converge in ${SERIES_MAX_TERMS} terms (argument ${limit} too close to 1)`,
  );
}

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) by its defining power series.
 *
 * Valid for |z| < 1 and c not a non-positive integer (where ₂F₁ has poles). The series
 * converges like zⁿ, so it is exact to double precision but slow as |z| → 1 — for the
 * BG/NBD expectation, z = t/(α+T+t) only approaches 1 for horizons many times longer
 * than the customer's history, and `expectedPurchases` uses a transformed series that
 * also stays finite at a = 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(abs(z) < 1)) throw new RangeError(`hyp2f1 series needs |z| < 1, got ${z}`);
  if (c <= 0 && isInteger(c)) throw new RangeError(`hyp2f1 has a pole at c = ${c}`);
  return sumSeries(1, (n) => ((a + n) * (b + n) * z) / ((c + n) * (n + 1)), z);
}
