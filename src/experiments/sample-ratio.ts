import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';

/** Below this p-value the split is flagged: the threshold GrowthBook, Optimizely and Microsoft's ExP use for SRM. */
export const SRM_THRESHOLD = 0.001;

export interface SampleRatio {
  /** Pearson's statistic Σ (observed − expected)² / expected, expected = total × weight. */
  chiSquare: number;
  degreesOfFreedom: number;
  /** P(χ² ≥ chiSquare) with variants − 1 degrees of freedom. */
  pValue: number;
  /** pValue < SRM_THRESHOLD: the split is not what the weights say; the results are not to be trusted. */
  mismatch: boolean;
}

/**
 * The sample-ratio-mismatch check: are the exposures per variant what the configured weights
 * predict? A chi-square goodness-of-fit test (the survival function from stdlib's chi-square
 * CDF). Null without exposures. Weights changed while running (ramping) make the test
 * compare with the current weights, which the whole history did not follow.
 */
export function sampleRatio(observed: readonly number[], weights: readonly number[]): SampleRatio | null {
  const total = observed.reduce((a, b) => a + b, 0);
  if (total === 0 || observed.length < 2) return null;
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const chiSquare = observed.reduce((sum, o, i) => {
    const expected = (total * weights[i]) / weightSum;
    return sum + (o - expected) ** 2 / expected;
  }, 0);
  const degreesOfFreedom = observed.length - 1;
  const pValue = Math.max(0, 1 - chisquareCdf(chiSquare, degreesOfFreedom));
  return { chiSquare, degreesOfFreedom, pValue, mismatch: pValue < SRM_THRESHOLD };
}
