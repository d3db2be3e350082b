import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * Mean metrics (issue 16 §2): Welch's t-test of a variant's mean against the control's, and
 * CUPED (Deng, Xu, Kohavi & Walker, 2013), which removes the part of each user's metric that
 * the same metric before exposure predicts. Pure arithmetic over per-variant sums that one SQL
 * statement returns; t-distribution CDF and quantile from stdlib.
 */

/** Per-variant sums of y (the metric after exposure) and x (the same metric before it). */
export interface MetricSums {
  n: number;
  sumY: number;
  sumY2: number;
  sumX: number;
  sumX2: number;
  sumXY: number;
}

export interface Sample {
  n: number;
  mean: number;
  /** Sample variance (n − 1 in the denominator); 0 for fewer than two users. */
  variance: number;
}

export interface WelchComparison {
  difference: number;
  /** difference / control mean; null when the control mean is 0. */
  lift: number | null;
  /** 95% interval of the difference with the Welch–Satterthwaite degrees of freedom. */
  confidenceInterval: { lower: number; upper: number };
  tStatistic: number;
  degreesOfFreedom: number;
  /** Two-sided. */
  pValue: number;
}

const variance = (n: number, sum: number, sumSquares: number) => (n > 1 ? Math.max(0, (sumSquares - (sum * sum) / n) / (n - 1)) : 0);
const covariance = (n: number, sumA: number, sumB: number, sumAB: number) => (n > 1 ? (sumAB - (sumA * sumB) / n) / (n - 1) : 0);

export function sampleOf(s: MetricSums): Sample {
  return { n: s.n, mean: s.n ? s.sumY / s.n : 0, variance: variance(s.n, s.sumY, s.sumY2) };
}

/** Welch's unequal-variance t-test of variant − control; null when either arm has under two users or both variances are 0. */
export function welch(variant: Sample, control: Sample): WelchComparison | null {
  if (variant.n < 2 || control.n < 2) return null;
  const a = variant.variance / variant.n;
  const b = control.variance / control.n;
  const standardError = Math.sqrt(a + b);
  if (standardError === 0) return null;
  const difference = variant.mean - control.mean;
  const degreesOfFreedom = (a + b) ** 2 / (a ** 2 / (variant.n - 1) + b ** 2 / (control.n - 1));
  const tStatistic = difference / standardError;
  const margin = tQuantile(0.975, degreesOfFreedom) * standardError;
  return {
    difference,
    lift: control.mean !== 0 ? difference / control.mean : null,
    confidenceInterval: { lower: difference - margin, upper: difference + margin },
    tStatistic,
    degreesOfFreedom,
    pValue: Math.min(1, 2 * tCdf(-Math.abs(tStatistic), degreesOfFreedom)),
  };
}

/**
 * CUPED-adjusted samples: y − θ(x − x̄) with θ = cov(x, y) / var(x) over all users of all arms
 * (one θ, so the adjustment cannot favour an arm). With no pre-period variance θ is 0 and the
 * samples are the plain ones.
 */
export function cuped(arms: readonly MetricSums[]): { theta: number; samples: Sample[] } {
  const all = arms.reduce((t, s) => ({ n: t.n + s.n, sumY: t.sumY + s.sumY, sumY2: t.sumY2 + s.sumY2, sumX: t.sumX + s.sumX, sumX2: t.sumX2 + s.sumX2, sumXY: t.sumXY + s.sumXY }));
  const varianceX = variance(all.n, all.sumX, all.sumX2);
  const theta = varianceX > 0 ? covariance(all.n, all.sumX, all.sumY, all.sumXY) / varianceX : 0;
  const meanX = all.n ? all.sumX / all.n : 0;
  const samples = arms.map((s) => {
    const plain = sampleOf(s);
    if (!s.n) return plain;
    const adjusted = plain.variance + theta ** 2 * variance(s.n, s.sumX, s.sumX2) - 2 * theta * covariance(s.n, s.sumX, s.sumY, s.sumXY);
    return { n: s.n, mean: plain.mean - theta * (s.sumX / s.n - meanX), variance: Math.max(0, adjusted) };
  });
  return { theta, samples };
}
