import { compareToControl, conversionRate, erfc, normalCdf, twoSidedPValue } from './statistics';

/*
 * Worked example, by hand: control 200 conversions / 1000 exposures, variant 250 / 1000.
 *   p2 = 200/1000 = 0.2, p1 = 250/1000 = 0.25, d = p1 − p2 = 0.05
 *   lift = d / p2 = 0.05 / 0.2 = 0.25 (+25 %)
 *   Wald:   p1(1−p1)/n1 = 0.25·0.75/1000 = 0.0001875
 *           p2(1−p2)/n2 = 0.2·0.8/1000   = 0.00016
 *           se = sqrt(0.0003475) = 0.018641351882...
 *           1.96·se = 0.036537049689...
 *           CI = 0.05 ± 0.036537049689 = [0.013462950311, 0.086537049689]   (absolute difference)
 *   z-test: pooled p̂ = (250+200)/(1000+1000) = 0.225
 *           se0 = sqrt(0.225·0.775·(1/1000 + 1/1000)) = sqrt(0.174375·0.002) = sqrt(0.00034875)
 *               = 0.018674849397...
 *           z = 0.05 / 0.018674849397 = 2.677397763...
 *           p = 2·(1 − Φ(2.677397763)) = erfc(2.677397763/√2) = erfc(1.893206...) = 0.0074196493...
 *   (Φ(2.6774) ≈ 0.99629018, so 1 − Φ ≈ 0.00370982 and twice that ≈ 0.0074196; checked
 *   against scipy.stats.norm.sf(2.677397763008329)·2 = 0.007419649261025672.)
 */
test('a worked example: 200/1000 vs 250/1000', () => {
  const result = compareToControl({ exposures: 1000, conversions: 250 }, { exposures: 1000, conversions: 200 });
  expect(result.difference).toBeCloseTo(0.05, 12);
  expect(result.lift).toBeCloseTo(0.25, 12);
  expect(result.confidenceInterval!.lower).toBeCloseTo(0.013462950311, 10);
  expect(result.confidenceInterval!.upper).toBeCloseTo(0.086537049689, 10);
  expect(result.zScore).toBeCloseTo(2.677397763, 8);
  expect(result.pValue).toBeCloseTo(0.0074196493, 9);
});

test('a variant worse than control has negative lift, negative z and the same two-sided p', () => {
  const worse = compareToControl({ exposures: 1000, conversions: 200 }, { exposures: 1000, conversions: 250 });
  expect(worse.lift).toBeCloseTo(-0.2, 12);
  expect(worse.zScore).toBeCloseTo(-2.677397763, 8);
  expect(worse.pValue).toBeCloseTo(0.0074196493, 9);
  expect(worse.confidenceInterval!.upper).toBeLessThan(0);
});

test('unequal arms: 30/120 vs 45/300 (hand computed)', () => {
  // p1 = 0.25, p2 = 0.15, d = 0.1, lift = 0.1/0.15 = 0.6667
  // Wald se = sqrt(0.25·0.75/120 + 0.15·0.85/300) = sqrt(0.0015625 + 0.000425) = sqrt(0.0019875) = 0.0445814...
  // pooled p̂ = 75/420 = 0.178571..., se0 = sqrt(0.178571·0.821429·(1/120 + 1/300)) = sqrt(0.146684·0.0116667)
  //          = sqrt(0.00171131) = 0.0413680..., z = 0.1/0.041368 = 2.41733..., p = 0.015634...
  const r = compareToControl({ exposures: 120, conversions: 30 }, { exposures: 300, conversions: 45 });
  expect(r.lift).toBeCloseTo(2 / 3, 12);
  expect(r.confidenceInterval!.lower).toBeCloseTo(0.1 - 1.96 * Math.sqrt(0.0019875), 12);
  expect(r.zScore).toBeCloseTo(2.41733, 4);
  expect(r.pValue).toBeCloseTo(0.01563, 4);
});

test.each([
  ['no exposures in the variant', { exposures: 0, conversions: 0 }, { exposures: 100, conversions: 10 }],
  ['no exposures in the control', { exposures: 100, conversions: 10 }, { exposures: 0, conversions: 0 }],
])('%s: nothing to compare, every statistic is null', (_name, variant, control) => {
  expect(compareToControl(variant, control)).toEqual({ difference: null, lift: null, confidenceInterval: null, zScore: null, pValue: null });
});

test('a control rate of 0 has no lift (division by zero) but a defined test', () => {
  const r = compareToControl({ exposures: 100, conversions: 5 }, { exposures: 100, conversions: 0 });
  expect(r.lift).toBeNull();
  expect(r.difference).toBeCloseTo(0.05, 12);
  // Wald se = sqrt(0.05·0.95/100 + 0) = sqrt(0.000475) = 0.0217945
  expect(r.confidenceInterval!.lower).toBeCloseTo(0.05 - 1.96 * 0.021794495, 8);
  // pooled 5/200 = 0.025; se0 = sqrt(0.025·0.975·0.02) = sqrt(0.0004875) = 0.0220794; z = 2.26455
  expect(r.zScore).toBeCloseTo(2.26455, 4);
  expect(r.pValue).toBeCloseTo(0.023540, 5);
});

test('both rates 0: no lift, no z-test (zero variance), and a degenerate Wald interval at 0', () => {
  const r = compareToControl({ exposures: 50, conversions: 0 }, { exposures: 80, conversions: 0 });
  expect(r).toEqual({ difference: 0, lift: null, confidenceInterval: { lower: 0, upper: 0 }, zScore: null, pValue: null });
});

test('equal rates give z = 0 and p = 1', () => {
  const r = compareToControl({ exposures: 400, conversions: 40 }, { exposures: 200, conversions: 20 });
  expect(r.zScore).toBe(0);
  expect(r.pValue).toBe(1);
  expect(r.lift).toBe(0);
});

test('conversion rate', () => {
  expect(conversionRate({ exposures: 0, conversions: 0 })).toBeNull();
  expect(conversionRate({ exposures: 8, conversions: 0 })).toBe(0);
  expect(conversionRate({ exposures: 8, conversions: 2 })).toBe(0.25);
});

// Reference values: Python's math.erfc (correctly rounded libm) and scipy.stats.norm.
test.each([
  [0, 1],
  [0.1, 0.8875370839817152],
  [0.5, 0.4795001221869535],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689274],
  [1.99, 0.004888586800383003],
  [2, 0.004677734981047265],
  [2.5, 0.0004069520174449589],
  [3, 2.2090496998585438e-5],
  [4, 1.541725790028002e-8],
  [5, 1.5374597944280351e-12],
  [6, 2.1519736712498916e-17],
  [8, 1.1224297172982928e-29],
])('erfc(%f) matches the reference to 1e-12 relative', (x, expected) => {
  expect(Math.abs(erfc(x) - expected)).toBeLessThanOrEqual(1e-12 * expected);
  expect(Math.abs(erfc(-x) - (2 - expected))).toBeLessThanOrEqual(1e-15 * 2);
});

test.each([
  [1.96, 0.9750021048517795],
  [-3, 0.0013498980316300933],
  [0.5, 0.6914624612740131],
  [0, 0.5],
])('Φ(%f) matches the reference to 1e-12', (z, expected) => {
  expect(Math.abs(normalCdf(z) - expected)).toBeLessThan(1e-12);
});

test('two-sided p-values at familiar critical values', () => {
  expect(twoSidedPValue(1.959963984540054)).toBeCloseTo(0.05, 12);
  expect(twoSidedPValue(-2.5758293035489)).toBeCloseTo(0.01, 12);
  expect(twoSidedPValue(0)).toBe(1);
  expect(twoSidedPValue(40)).toBe(0);
});
