import { ValidationError } from '../common';
import { expectedAverageValue, fitGammaGamma, gammaGammaLogLikelihood, populationMeanValue, type GammaGammaParams, type SpendSummary } from './gamma-gamma';
import { summarizeSpend } from './purchase-summary';
import { gammaVariate, mulberry32 } from './simulation.testing';

/**
 * Gamma-Gamma (Fader & Hardie 2013). Worked values computed independently with SciPy
 * (scipy.special.gammaln on the paper's per-customer likelihood, and the conditional
 * expectation written out by hand); the CDNOW reproduction itself is scripts/validate-gamma-gamma.ts.
 */

const CASES: Array<[GammaGammaParams, SpendSummary, number, number]> = [
  // params, customer, log-likelihood (SciPy), E(M | x, m) (by hand)
  [{ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 1, averageValue: 29.33 }, -3.918718287108291, 31.124860956618463],
  [{ p: 6.25, q: 3.74, gamma: 15.44 }, { frequency: 5, averageValue: 112.7 }, -7.5673990340454225, 106.45410414827892],
  [{ p: 0.8, q: 2.5, gamma: 40 }, { frequency: 3, averageValue: 7.25 }, -3.043875588032524, 12.666666666666668],
  [{ p: 12, q: 1.5, gamma: 3 }, { frequency: 20, averageValue: 55 }, -5.178451837304692, 55.03534303534303],
];

test.each(CASES)('per-customer log-likelihood and conditional expectation, %#', (params, buyer, logLikelihood, expected) => {
  expect(gammaGammaLogLikelihood(params, [buyer])).toBeCloseTo(logLikelihood, 10);
  expect(expectedAverageValue(params, buyer)).toBeCloseTo(expected, 10);
});

test('the population mean is pγ/(q − 1), the expectation for a customer without repeats, and infinite when q ≤ 1', () => {
  const params = { p: 6.25, q: 3.74, gamma: 15.44 };
  expect(populationMeanValue(params)).toBeCloseTo(35.21897810218978, 10);
  expect(expectedAverageValue(params, { frequency: 0, averageValue: 0 })).toBe(populationMeanValue(params));
  expect(populationMeanValue({ p: 1, q: 0.9, gamma: 1 })).toBe(Infinity);
  // The more repeat purchases, the closer the expectation to the customer's own average.
  const own = 200;
  const gaps = [1, 5, 50].map((frequency) => Math.abs(expectedAverageValue(params, { frequency, averageValue: own }) - own));
  expect(gaps[0]).toBeGreaterThan(gaps[1]);
  expect(gaps[1]).toBeGreaterThan(gaps[2]);
});

/** Customers drawn from the model: ν ~ Gamma(q, γ) (rate γ), each of x values ~ Gamma(p, ν) (rate ν). */
function simulate(truth: GammaGammaParams, count: number, seed: number): SpendSummary[] {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const nu = gammaVariate(u, truth.q) / truth.gamma;
    const frequency = 1 + Math.floor(u() * 8);
    let total = 0;
    for (let i = 0; i < frequency; i++) total += gammaVariate(u, truth.p) / nu;
    return { frequency, averageValue: total / frequency };
  });
}

test('recovers the parameters of simulated customers', () => {
  const truth = { p: 6, q: 4, gamma: 15 };
  const fit = fitGammaGamma(simulate(truth, 20_000, 19990101));
  expect(fit.converged).toBe(true);
  expect(fit.sampleSize).toBe(20_000);
  // Relative tolerances of about three standard errors at this size: fits of 20,000 customers
  // over other seeds spread by about ±8% (p), ±3% (q) and ±10% (γ); p and γ trade off.
  expect(Math.abs(fit.params.p / truth.p - 1)).toBeLessThan(0.2);
  expect(Math.abs(fit.params.q / truth.q - 1)).toBeLessThan(0.08);
  expect(Math.abs(fit.params.gamma / truth.gamma - 1)).toBeLessThan(0.25);
  // The fit is a maximum: the truth (and nearby points) are no more likely.
  const customers = simulate(truth, 20_000, 19990101);
  expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(truth, customers));
  expect(fit.logLikelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood({ ...fit.params, p: fit.params.p * 1.01 }, customers));
});

test('customers without a repeat purchase or a positive spend are left out; too few customers is bad input', () => {
  const customers = simulate({ p: 6, q: 4, gamma: 15 }, 500, 7);
  const fit = fitGammaGamma([...customers, { frequency: 0, averageValue: 0 }, { frequency: 2, averageValue: 0 }]);
  expect(fit.sampleSize).toBe(500);
  expect(fit.params).toEqual(fitGammaGamma(customers).params);
  expect(() => fitGammaGamma([{ frequency: 1, averageValue: 10 }])).toThrow(ValidationError);
  expect(() => gammaGammaLogLikelihood({ p: -1, q: 1, gamma: 1 }, customers)).toThrow(ValidationError);
});

test('summarizeSpend: same-day orders are one occasion, the first day is left out, later orders ignored', () => {
  const at = (iso: string) => new Date(iso);
  const orders = [
    { at: at('1997-01-01T10:00:00Z'), value: 29.33 },
    { at: at('1997-01-18T09:00:00Z'), value: 10 },
    { at: at('1997-01-18T21:00:00Z'), value: 19.73 },
    { at: at('1997-08-02T00:00:00Z'), value: 14.96 },
    { at: at('1997-12-12T00:00:00Z'), value: 26.48 },
  ];
  expect(summarizeSpend(orders, at('1997-09-30T00:00:00Z'))).toEqual({ frequency: 2, averageValue: (29.73 + 14.96) / 2 });
  expect(summarizeSpend(orders.slice(0, 1), at('1997-09-30T00:00:00Z'))).toEqual({ frequency: 0, averageValue: 0 });
  expect(() => summarizeSpend([{ at: at('1997-01-01T00:00:00Z'), value: NaN }], at('1998-01-01T00:00:00Z'))).toThrow(ValidationError);
});
