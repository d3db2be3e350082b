import { sampleRatio, SRM_THRESHOLD } from './sample-ratio';
import { erfc } from './statistics';

/**
 * The SRM check against independent references:
 * - the upper 0.001 critical values of the chi-square distribution in the NIST/SEMATECH
 *   e-Handbook of Statistical Methods, §1.3.6.7.4 (df 1: 10.828, 2: 13.816, 3: 16.266, 4: 18.467):
 *   at those statistics the p-value is 0.001;
 * - closed forms: with 2 degrees of freedom P(χ² ≥ x) = e^(−x/2); with 1, erfc(√(x/2)).
 */
test('p-values at the NIST table critical values are 0.001', () => {
  for (const [df, critical] of [[1, 10.828], [2, 13.816], [3, 16.266], [4, 18.467]]) {
    // Observed counts whose statistic is the critical value: k variants of weight 1, the first shifted.
    const k = df + 1;
    const n = 100_000;
    // Σ (o−e)²/e with o₀ = e + d and the others e − d/df: d²/e · (1 + 1/df) = critical.
    const e = n / k;
    const d = Math.sqrt((critical * e) / (1 + 1 / df));
    const observed = [e + d, ...Array.from({ length: df }, () => e - d / df)];
    const check = sampleRatio(observed, new Array(k).fill(1))!;
    expect(check.chiSquare).toBeCloseTo(critical, 9);
    expect(check.degreesOfFreedom).toBe(df);
    expect(Math.abs(check.pValue - 0.001)).toBeLessThan(2e-6);
  }
});

test('closed forms: 2 degrees of freedom e^(−x/2), 1 degree erfc(√(x/2))', () => {
  // 1000 / 1000 / 1090 over equal thirds: expected 1030 each, χ² = 5400 / 1030.
  const three = sampleRatio([1000, 1000, 1090], [1, 1, 1])!;
  expect(three.chiSquare).toBeCloseTo(5400 / 1030, 12);
  expect(three.pValue).toBeCloseTo(Math.exp(-three.chiSquare / 2), 12);
  // 20/80 weights, 230 / 770 observed: expected 200 / 800, χ² = 900/200 + 900/800 = 5.625.
  const two = sampleRatio([230, 770], [0.2, 0.8])!;
  expect(two.chiSquare).toBeCloseTo(5.625, 12);
  expect(two.pValue).toBeCloseTo(erfc(Math.sqrt(5.625 / 2)), 12);
  expect(two.mismatch).toBe(false);
});

test('a skewed split is flagged, a fair one is not, no exposures gives no check', () => {
  expect(sampleRatio([5_000, 5_000], [0.5, 0.5])).toEqual({ chiSquare: 0, degreesOfFreedom: 1, pValue: 1, mismatch: false });
  const skewed = sampleRatio([5_200, 4_800], [0.5, 0.5])!; // χ² = 16
  expect(skewed.chiSquare).toBeCloseTo(16, 12);
  expect(skewed.pValue).toBeLessThan(SRM_THRESHOLD);
  expect(skewed.mismatch).toBe(true);
  expect(sampleRatio([0, 0], [0.5, 0.5])).toBeNull();
});
