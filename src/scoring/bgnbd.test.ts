import { ValidationError } from '../common';
import {
  BgNbdParams,
  BuyerSummary,
  bgnbdLogLikelihood,
  expectedPurchases,
  expectedPurchasesNewCustomer,
  fitBgNbd,
  probabilityAlive,
} from './bgnbd';
import { summarizePurchases } from './purchase-summary';
import { hyp2f1, lnBeta, lnGamma } from './special-functions';
import { gammaVariate, mulberry32, openUniform, type Uniform } from './simulation.testing';

// Module-scope bindings: `Math.x` is a slow global lookup inside jest's vm sandbox.
const { PI, abs, atan, atanh, exp, log, pow, sqrt } = Math;

// ---------------------------------------------------------------------------
// Deterministic simulation of the BG/NBD generative story
// ---------------------------------------------------------------------------

function betaVariate(u: Uniform, a: number, b: number): number {
  const g = gammaVariate(u, a);
  return g / (g + gammaVariate(u, b));
}

/**
 * Buyers observed for T ~ U(30, 52) weeks after their first purchase. While alive they buy
 * at rate λ ~ Gamma(r, α); after each *repeat* purchase they leave with probability
 * p ~ Beta(a, b) (the first purchase cannot end a customer: that is why P(alive | x=0) = 1).
 */
function simulateBuyers(params: BgNbdParams, count: number, seed: number): BuyerSummary[] {
  const u = mulberry32(seed);
  const buyers: BuyerSummary[] = [];
  for (let i = 0; i < count; i++) {
    const lambda = gammaVariate(u, params.r) / params.alpha;
    const p = betaVariate(u, params.a, params.b);
    const T = 30 + 22 * u();
    let time = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      time += -log(openUniform(u)) / lambda;
      if (time > T) break;
      frequency++;
      recency = time;
      if (u() < p) break;
    }
    buyers.push({ frequency, recency, T });
  }
  return buyers;
}

// ---------------------------------------------------------------------------
// Numerical helpers for the checks
// ---------------------------------------------------------------------------

const KEYS = ['r', 'alpha', 'a', 'b'] as const;

/**
 * Asymptotic standard errors of the log-parameters: sqrt(diag(I⁻¹)), I the observed
 * information (minus the Hessian of the log-likelihood in log-parameters, by central
 * differences at the MLE).
 */
function logParamStandardErrors(params: BgNbdParams, buyers: BuyerSummary[]): number[] {
  const theta = KEYS.map((k) => log(params[k]));
  const ll = (th: number[]) =>
    bgnbdLogLikelihood({ r: exp(th[0]), alpha: exp(th[1]), a: exp(th[2]), b: exp(th[3]) }, buyers);
  const h = 1e-3;
  const shifted = (i: number, di: number, j: number, dj: number) =>
    theta.map((v, k) => v + (k === i ? di : 0) + (k === j ? dj : 0));
  const info = KEYS.map((_, i) =>
    KEYS.map((__, j) => {
      const d2 =
        ll(shifted(i, h, j, h)) - ll(shifted(i, h, j, -h)) - ll(shifted(i, -h, j, h)) + ll(shifted(i, -h, j, -h));
      return -d2 / (4 * h * h);
    }),
  );
  return invert(info).map((row, i) => sqrt(row[i]));
}

/** Gauss–Jordan with partial pivoting; 4×4 is all this file needs. */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const m = matrix.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let row = col + 1; row < n; row++) if (abs(m[row][col]) > abs(m[pivot][col])) pivot = row;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const scale = m[col][col];
    m[col] = m[col].map((v) => v / scale);
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = m[row][col];
      m[row] = m[row].map((v, j) => v - factor * m[col][j]);
    }
  }
  return m.map((row) => row.slice(n));
}

/** Composite Simpson's rule on [0, 1]. */
function simpson(f: (u: number) => number, intervals: number): number {
  const step = 1 / intervals;
  let sum = f(0) + f(1);
  for (let i = 1; i < intervals; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * step);
  return (sum * step) / 3;
}

/**
 * E[Y(t) | alive, x, T] straight from the model, independent of the ₂F₁ algebra: given
 * alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x); a customer with (λ, p) makes
 * (1 − e^{−λpt})/p purchases in t on average, and averaging e^{−λpt} over λ gives
 * ((α+T)/(α+T+pt))^(r+x). The remaining integral over p is done numerically. For a < 1
 * the substitution p = u^(1/a) absorbs the p^(a−1) singularity at 0 (for a ≥ 1 it would
 * create one, so p = u there). Needs b + x ≥ 1, i.e. a density bounded at p → 1.
 */
function expectedIfAliveByQuadrature(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  const k = a < 1 ? 1 / a : 1;
  const perCustomer = (p: number) =>
    p === 0 ? ((r + x) * t) / (alpha + T) : (1 - pow((alpha + T) / (alpha + T + p * t), r + x)) / p;
  // Beta(a, b+x) density in u, up to a constant that cancels in the ratio below.
  const weight = (u: number) => pow(u, k * a - 1) * pow(1 - pow(u, k), b + x - 1);
  const intervals = 20_000;
  return simpson((u) => weight(u) * perCustomer(pow(u, k)), intervals) / simpson(weight, intervals);
}

// ---------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------

describe('lnGamma / lnBeta', () => {
  const lnFactorial = (n: number) => {
    let sum = 0;
    for (let k = 2; k <= n; k++) sum += log(k);
    return sum;
  };
  it.each([
    [1, 0],
    [2, 0],
    [0.5, 0.5 * log(PI)],
    [1.5, log(sqrt(PI) / 2)],
    [10, lnFactorial(9)],
    [171, lnFactorial(170)],
    [1001, lnFactorial(1000)],
    // Γ(z) ≈ 1/z − γ near 0: exercises the reflection branch.
    [1e-8, -log(1e-8) - 0.5772156649015329 * 1e-8],
  ])('lnGamma(%p)', (z, expected) => {
    expect(lnGamma(z)).toBeCloseTo(expected, 10);
  });

  it('rejects non-positive arguments', () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
  });

  it('lnBeta matches B(a, b) = (a−1)!(b−1)!/(a+b−1)! on integers', () => {
    expect(lnBeta(3, 5)).toBeCloseTo(log((2 * 24) / 5040), 12);
  });
});

describe('hyp2f1', () => {
  it.each([
    // ₂F₁(1, 1; 2; z) = −ln(1−z)/z
    [1, 1, 2, 0.3, -log(0.7) / 0.3],
    [1, 1, 2, 0.999, -log(0.001) / 0.999],
    // ₂F₁(a, b; b; z) = (1−z)^−a
    [2.5, 0.7, 0.7, 0.9, pow(0.1, -2.5)],
    // ₂F₁(1/2, 1; 3/2; z²) = artanh(z)/z
    [0.5, 1, 1.5, 0.64, atanh(0.8) / 0.8],
    [0.5, 1, 1.5, -0.64, atan(0.8) / 0.8],
  ])('₂F₁(%p, %p; %p; %p)', (a, b, c, z, expected) => {
    expect(hyp2f1(a, b, c, z) / expected).toBeCloseTo(1, 12);
  });

  it.each([
    [1, 1, 2, 1],
    [1, 1, -2, 0.5],
  ])('refuses ₂F₁(%p, %p; %p; %p) outside the series’ domain', (a, b, c, z) => {
    expect(() => hyp2f1(a, b, c, z)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Likelihood
// ---------------------------------------------------------------------------

describe('bgnbdLogLikelihood', () => {
  const params: BgNbdParams = { r: 0.4, alpha: 3, a: 0.8, b: 2 };
  const { r, alpha, a, b } = params;

  it.each<[string, BuyerSummary, number]>([
    // x = 0: Γ and B ratios are 1, leaving (α/(α+T))^r.
    ['x = 0', { frequency: 0, recency: 0, T: 20 }, r * log(alpha / (alpha + 20))],
    // x = 1: Γ(r+1)/Γ(r) = r, B(a, b+1)/B(a, b) = b/(a+b), B(a+1, b)/B(a, b) = a/(a+b).
    [
      'x = 1',
      { frequency: 1, recency: 5, T: 20 },
      log(
        r *
          pow(alpha, r) *
          ((b / (a + b)) * pow(alpha + 20, -(r + 1)) + (a / (a + b)) * pow(alpha + 5, -(r + 1))),
      ),
    ],
  ])('matches the closed form for %s', (_, buyer, expected) => {
    expect(bgnbdLogLikelihood(params, [buyer])).toBeCloseTo(expected, 12);
  });

  it('stays finite for a very heavy buyer, where the raw likelihood underflows', () => {
    const ll = bgnbdLogLikelihood(params, [{ frequency: 400, recency: 51, T: 52 }]);
    expect(Number.isFinite(ll)).toBe(true);
  });

  it('is additive over buyers, however they are grouped', () => {
    const buyers: BuyerSummary[] = [
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 0, recency: 0, T: 10 },
      { frequency: 3, recency: 7, T: 10 },
    ];
    const separately = buyers.reduce((sum, buyer) => sum + bgnbdLogLikelihood(params, [buyer]), 0);
    expect(bgnbdLogLikelihood(params, buyers)).toBeCloseTo(separately, 10);
  });

  it.each<[string, BuyerSummary[]]>([
    ['no buyers', []],
    ['fractional frequency', [{ frequency: 1.5, recency: 1, T: 2 }]],
    ['negative frequency', [{ frequency: -1, recency: 0, T: 2 }]],
    ['recency after T', [{ frequency: 1, recency: 3, T: 2 }]],
    ['non-finite T', [{ frequency: 0, recency: 0, T: NaN }]],
  ])('rejects %s', (_, buyers) => {
    expect(() => bgnbdLogLikelihood(params, buyers)).toThrow(ValidationError);
  });

  it('rejects non-positive parameters', () => {
    expect(() => bgnbdLogLikelihood({ ...params, alpha: 0 }, [{ frequency: 0, recency: 0, T: 1 }])).toThrow(
      ValidationError,
    );
  });
});

// ---------------------------------------------------------------------------
// Fitting simulated data
// ---------------------------------------------------------------------------

describe('fitBgNbd on simulated buyers', () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.7, b: 2.5 };
  const buyers = simulateBuyers(truth, 20_000, 20050101);
  const fit = fitBgNbd(buyers);

  /**
   * Relative tolerances of ≈ 4 standard errors at n = 20,000 with T in 30–52 weeks. On the
   * log scale those errors are about r 1.3%, α 2.1%, a 5%, b 6.6%: the spread of 30
   * independent simulate-and-fit runs at n = 10,000, divided by √2, agrees with the
   * observed information of this sample (checked below). The dropout parameters are the
   * hard ones: p only shows through the silence after a repeater's last purchase. Since
   * ln(1 + tol) < −ln(1 − tol), the upper side binds: ln(1.3) = 0.26 ≈ 4 × 6.6% for b.
   * A correct fit then fails with probability < 1e−4 per parameter; the seed is fixed anyway.
   */
  const tolerances: [keyof BgNbdParams, number][] = [
    ['r', 0.06],
    ['alpha', 0.09],
    ['a', 0.22],
    ['b', 0.3],
  ];

  it('converges and counts every buyer', () => {
    expect(fit.converged).toBe(true);
    expect(fit.sampleSize).toBe(buyers.length);
  });

  it.each(tolerances)('recovers %s within %p relative', (key, tolerance) => {
    expect(abs(fit.params[key] / truth[key] - 1)).toBeLessThanOrEqual(tolerance);
  });

  it('uses tolerances of at least 3.5 asymptotic standard errors for this sample', () => {
    const standardErrors = logParamStandardErrors(fit.params, buyers);
    // ln(1 + tol) is the tolerance on the log scale, where the SEs live.
    const tooTight = tolerances
      .map(([key, tolerance]) => ({ key, sigmas: log(1 + tolerance) / standardErrors[KEYS.indexOf(key)] }))
      .filter(({ sigmas }) => !(sigmas >= 3.5));
    expect(tooTight).toEqual([]);
  });

  it('finds at least the likelihood of the true parameters (it is the maximum)', () => {
    expect(bgnbdLogLikelihood(truth, buyers)).toBeLessThanOrEqual(fit.logLikelihood);
    expect(fit.logLikelihood).toBeCloseTo(bgnbdLogLikelihood(fit.params, buyers), 6);
  });

  it('refuses data without a single repeat purchase, where the model is unidentified', () => {
    const oneTimeBuyers = buyers.filter((buyer) => buyer.frequency === 0).slice(0, 100);
    expect(() => fitBgNbd(oneTimeBuyers)).toThrow(ValidationError);
  });

  it('is deterministic', () => {
    const sample = buyers.slice(0, 2000);
    expect(fitBgNbd(sample)).toEqual(fitBgNbd(sample));
  });

  it('predicts the mean number of repeat purchases actually simulated (eq. 9)', () => {
    const observed = buyers.map((buyer) => buyer.frequency);
    const mean = observed.reduce((s, v) => s + v, 0) / observed.length;
    const variance = observed.reduce((s, v) => s + (v - mean) ** 2, 0) / (observed.length - 1);
    const predicted =
      buyers.reduce((s, buyer) => s + expectedPurchasesNewCustomer(truth, buyer.T), 0) / buyers.length;
    expect(abs(predicted - mean)).toBeLessThanOrEqual(4 * sqrt(variance / observed.length));
  });
});

// ---------------------------------------------------------------------------
// Customer-level predictions
// ---------------------------------------------------------------------------

/** Published CDNOW estimates (Fader, Hardie & Lee 2005). */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('probabilityAlive', () => {
  it.each([10, 39, 100])('is 1 for a buyer who never repurchased (T = %p)', (T) => {
    expect(probabilityAlive(CDNOW, { frequency: 0, recency: 0, T })).toBe(1);
  });

  it.each([
    [1, 5],
    [2, 30.43],
    [10, 20],
  ])('decreases with T for x = %p, t_x = %p: a long silence is evidence of dropout', (frequency, recency) => {
    const curve = [recency, recency + 1, recency + 5, recency + 20, recency + 100].map((T) =>
      probabilityAlive(CDNOW, { frequency, recency, T }),
    );
    curve.forEach((p) => expect(p).toBeGreaterThan(0));
    expect(curve[0]).toBeLessThanOrEqual(1);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeLessThan(curve[i - 1]);
  });

  it('increases with recency for fixed x and T', () => {
    const early = probabilityAlive(CDNOW, { frequency: 3, recency: 5, T: 39 });
    const late = probabilityAlive(CDNOW, { frequency: 3, recency: 35, T: 39 });
    expect(late).toBeGreaterThan(early);
  });
});

describe('expectedPurchases', () => {
  const buyers: [string, BuyerSummary][] = [
    ['one-time buyer', { frequency: 0, recency: 0, T: 38.86 }],
    ['CDNOW customer 1', { frequency: 2, recency: 30.43, T: 38.86 }],
    ['lapsed regular', { frequency: 8, recency: 10, T: 38.86 }],
    ['heavy buyer', { frequency: 150, recency: 38, T: 38.86 }],
  ];

  it.each(buyers)('is positive and increasing in t for the %s', (_, buyer) => {
    const curve = [1, 4, 13, 39, 104, 520].map((t) => expectedPurchases(CDNOW, buyer, t));
    expect(curve[0]).toBeGreaterThan(0);
    for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThan(curve[i - 1]);
  });

  it('is 0 over an empty horizon and rejects a negative one', () => {
    expect(expectedPurchases(CDNOW, buyers[1][1], 0)).toBe(0);
    expect(() => expectedPurchases(CDNOW, buyers[1][1], -1)).toThrow(ValidationError);
  });

  it('reproduces the paper’s worked example: E[Y(39) | x=2, t_x=30.43, T=38.86] = 1.226', () => {
    expect(expectedPurchases(CDNOW, { frequency: 2, recency: 30.43, T: 38.86 }, 39)).toBeCloseTo(1.226, 3);
  });

  it.each(buyers.slice(0, 3))('agrees with eq. 10 evaluated literally with ₂F₁ for the %s', (_, buyer) => {
    const { r, alpha, a, b } = CDNOW;
    const { frequency: x, T } = buyer;
    const t = 52;
    const literal =
      ((a + b + x - 1) / (a - 1)) *
      (1 - pow((alpha + T) / (alpha + T + t), r + x) * hyp2f1(r + x, b + x, a + b + x - 1, t / (alpha + T + t)));
    const expected = literal * probabilityAlive(CDNOW, buyer);
    expect(expectedPurchases(CDNOW, buyer, t) / expected).toBeCloseTo(1, 9);
  });

  it.each<[string, BgNbdParams, BuyerSummary, number]>([
    ['CDNOW, customer 1', CDNOW, { frequency: 2, recency: 30.43, T: 38.86 }, 39],
    ['CDNOW, one-time buyer, long horizon', CDNOW, { frequency: 0, recency: 0, T: 20 }, 200],
    ['a > 1', { r: 1.2, alpha: 8, a: 2.5, b: 4 }, { frequency: 5, recency: 20, T: 30 }, 26],
    ['a = 1 exactly (eq. 10 is 0/0 there)', { r: 0.5, alpha: 5, a: 1, b: 2 }, { frequency: 3, recency: 10, T: 40 }, 52],
  ])('matches direct numerical integration over the posterior: %s', (_, params, buyer, t) => {
    const byIntegration =
      probabilityAlive(params, buyer) * expectedIfAliveByQuadrature(params, buyer.frequency, buyer.T, t);
    expect(expectedPurchases(params, buyer, t) / byIntegration).toBeCloseTo(1, 5);
  });

  it('is continuous through a = 1', () => {
    const buyer = { frequency: 3, recency: 10, T: 40 };
    const at = (a: number) => expectedPurchases({ r: 0.5, alpha: 5, a, b: 2 }, buyer, 52);
    expect(at(1 - 1e-7) / at(1)).toBeCloseTo(1, 6);
    expect(at(1 + 1e-7) / at(1)).toBeCloseTo(1, 6);
  });

  it('stays finite where the untransformed series would overflow (x = 400, t = 10⁴ weeks)', () => {
    const value = expectedPurchases(CDNOW, { frequency: 400, recency: 51.9, T: 52 }, 10_000);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(0);
  });

  it('for a new customer equals the conditional expectation with no history', () => {
    expect(expectedPurchasesNewCustomer(CDNOW, 39)).toBe(
      expectedPurchases(CDNOW, { frequency: 0, recency: 0, T: 0 }, 39),
    );
    expect(expectedPurchasesNewCustomer(CDNOW, 39)).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------
// summarizePurchases
// ---------------------------------------------------------------------------

describe('summarizePurchases', () => {
  const at = (iso: string) => new Date(iso);
  const asOf = at('1997-09-30T00:00:00Z');

  it.each<[string, string[], BuyerSummary]>([
    ['a single purchase', ['1997-01-01T10:00:00Z'], { frequency: 0, recency: 0, T: 272 / 7 }],
    [
      'same-UTC-day purchases collapsed to one',
      ['1997-01-01T00:00:00Z', '1997-01-01T23:59:59Z', '1997-01-18T08:00:00Z', '1997-01-18T20:00:00Z'],
      { frequency: 1, recency: 17 / 7, T: 272 / 7 },
    ],
    [
      'unsorted input',
      ['1997-08-02T12:00:00Z', '1997-01-01T12:00:00Z', '1997-01-18T12:00:00Z'],
      { frequency: 2, recency: 213 / 7, T: 272 / 7 },
    ],
    [
      'purchases after the as-of date ignored',
      ['1997-01-01T12:00:00Z', '1997-09-30T23:00:00Z', '1997-10-01T00:00:00Z', '1997-12-12T00:00:00Z'],
      { frequency: 1, recency: 272 / 7, T: 272 / 7 },
    ],
    ['a first purchase on the as-of date', ['1997-09-30T18:00:00Z'], { frequency: 0, recency: 0, T: 0 }],
  ])('%s', (_, dates, expected) => {
    const summary = summarizePurchases(dates.map(at), asOf);
    expect(summary.frequency).toBe(expected.frequency);
    expect(summary.recency).toBeCloseTo(expected.recency, 12);
    expect(summary.T).toBeCloseTo(expected.T, 12);
  });

  it.each<[string, Date[], Date]>([
    ['no purchases', [], asOf],
    ['only future purchases', [at('1997-10-01T00:00:00Z')], asOf],
    ['an invalid purchase date', [at('not a date')], asOf],
    ['an invalid as-of date', [at('1997-01-01T00:00:00Z')], at('nope')],
  ])('rejects %s', (_, dates, asOfDate) => {
    expect(() => summarizePurchases(dates, asOfDate)).toThrow(ValidationError);
  });
});
