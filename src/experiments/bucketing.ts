import { createHash } from 'node:crypto';

/** A variant as bucketing sees it: only its key and relative weight matter. */
export interface WeightedVariant {
  key: string;
  weight: number;
}

const TWO_POW_21 = 2 ** 21;
const TWO_POW_53 = 2 ** 53;

/**
 * Maps (experiment key, profile id) to a number in [0, 1), the same in every process
 * and after every restart: SHA-256 of `${experimentKey}:${profileId}` (UTF-8), whose first
 * 8 bytes are read big-endian and whose top 53 bits are divided by 2^53.
 *
 * Why 53 bits rather than "8 bytes / 2^64": a double holds 53 bits of mantissa, so
 * converting a 64-bit integer first would round values near 2^64 up to exactly 1.0.
 * Taking the top 53 bits keeps every result strictly below 1 and exactly uniform on the
 * 2^53 grid. A cryptographic hash means different experiment keys give independent
 * positions for the same profile, which plain string hashes do not guarantee.
 */
export function bucketPosition(experimentKey: string, profileId: string): number {
  const digest = createHash('sha256').update(`${experimentKey}:${profileId}`, 'utf8').digest();
  const high32 = digest.readUInt32BE(0);
  const next21 = digest.readUInt32BE(4) >>> 11;
  return (high32 * TWO_POW_21 + next21) / TWO_POW_53;
}

/**
 * The variant whose slice of [0, 1) contains `position`, slices laid out in the given
 * order with widths proportional to the weights. Weights need not sum to 1; they must
 * be positive (validated when an experiment is saved).
 */
export function pickVariant<V extends WeightedVariant>(variants: readonly V[], position: number): V {
  if (!variants.length) throw new Error('an experiment needs at least one variant');
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.weight / total;
    if (position < cumulative) return variant;
  }
  // Rounding can leave the running sum a hair below 1: the tail belongs to the last slice.
  return variants[variants.length - 1];
}

/** The variant a profile gets in an experiment, absent an earlier (sticky) assignment. */
export function bucket<V extends WeightedVariant>(experimentKey: string, profileId: string, variants: readonly V[]): V {
  return pickVariant(variants, bucketPosition(experimentKey, profileId));
}
