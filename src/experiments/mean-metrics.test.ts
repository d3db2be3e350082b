import { cuped, sampleOf, welch, type MetricSums } from './mean-metrics';

/**
 * Worked examples computed independently, outside this repository, with SciPy 1.17.1 and
 * NumPy 2.4.6: `scipy.stats.ttest_ind(b, a, equal_var=False)` (statistic, pvalue, df,
 * confidence_interval(0.95)) and, for CUPED, θ = np.cov(x, y)[0, 1] / np.var(x, ddof=1)
 * over all users, y − θ(x − x̄) per user, then the same Welch test on the adjusted values.
 */
function sums(y: number[], x: number[] = y.map(() => 0)): MetricSums {
  return {
    n: y.length,
    sumY: y.reduce((s, v) => s + v, 0),
    sumY2: y.reduce((s, v) => s + v * v, 0),
    sumX: x.reduce((s, v) => s + v, 0),
    sumX2: x.reduce((s, v) => s + v * v, 0),
    sumXY: y.reduce((s, v, i) => s + v * x[i], 0),
  };
}

test("Welch's t-test matches SciPy's ttest_ind(equal_var=False)", () => {
  const control = sampleOf(sums([12.0, 15.5, 9.0, 20.0, 14.0, 11.5, 17.0, 13.0]));
  const variant = sampleOf(sums([16.0, 18.5, 14.0, 25.0, 19.0, 15.5, 21.0, 17.5, 22.0, 12.0]));
  expect(control.mean).toBeCloseTo(14.0, 12);
  expect(control.variance).toBeCloseTo(11.928571428571429, 12);
  expect(variant.variance).toBeCloseTo(15.302777777777777, 12);
  const result = welch(variant, control)!;
  expect(result.difference).toBeCloseTo(4.05, 12);
  expect(result.tStatistic).toBeCloseTo(2.329992705237927, 10);
  expect(result.degreesOfFreedom).toBeCloseTo(15.79859206849841, 10);
  expect(result.pValue).toBeCloseTo(0.03340606769595675, 10);
  expect(result.confidenceInterval.lower).toBeCloseTo(0.36135298404476224, 9);
  expect(result.confidenceInterval.upper).toBeCloseTo(7.738647015955239, 9);
  expect(result.lift).toBeCloseTo(4.05 / 14, 12);
});

test('CUPED matches the adjustment computed with NumPy, and reduces the variance', () => {
  const x = [10, 12, 8, 15, 11, 9, 14, 13, 7, 16];
  const y = [11, 14, 9, 18, 12, 10, 15, 15, 8, 19];
  const group = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
  const arm = (g: number) => sums(y.filter((_, i) => group[i] === g), x.filter((_, i) => group[i] === g));
  const { theta, samples } = cuped([arm(0), arm(1)]);
  expect(theta).toBeCloseTo(1.2181818181818183, 12);
  expect(samples[0].mean).toBeCloseTo(12.827272727272728, 10);
  expect(samples[0].variance).toBeCloseTo(0.35702479338843046, 10);
  expect(samples[1].mean).toBeCloseTo(13.372727272727271, 10);
  expect(samples[1].variance).toBeCloseTo(0.07520661157024776, 10);
  expect(sampleOf(arm(0)).variance).toBeCloseTo(7.5, 12); // before: 7.5 and 12.7
  const adjusted = welch(samples[1], samples[0])!;
  expect(adjusted.tStatistic).toBeCloseTo(1.85517724230931, 9);
  expect(adjusted.degreesOfFreedom).toBeCloseTo(5.613586106051658, 9);
  expect(adjusted.pValue).toBeCloseTo(0.1163434313528952, 9);
});

test('no pre-period variance leaves the plain samples; too few users give no comparison', () => {
  const { theta, samples } = cuped([sums([1, 2, 3]), sums([2, 4])]);
  expect(theta).toBe(0);
  expect(samples).toEqual([sampleOf(sums([1, 2, 3])), sampleOf(sums([2, 4]))]);
  expect(welch(sampleOf(sums([1])), sampleOf(sums([1, 2])))).toBeNull();
  expect(welch(sampleOf(sums([2, 2])), sampleOf(sums([2, 2])))).toBeNull();
});
