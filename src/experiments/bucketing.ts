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

/** How a hashing unit's value becomes a position: ours (SHA-256), or GrowthBook's FNV-1a "v2". */
export type HashingAlgorithm = 'SHA256' | 'GROWTHBOOK';

/**
 * 32-bit FNV-1a over UTF-16 code units (as JavaScript strings hold them, which is what
 * GrowthBook's SDKs hash), offset basis 0x811c9dc5, prime 16777619.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

/**
 * GrowthBook's hashing version 2: FNV-1a of seed + value, hashed again as its decimal text,
 * modulo 10,000, as a fraction: a position on a 1/10,000 grid in [0, 1). Re-hashing spreads
 * seeds that share a prefix, which version 1 did not.
 */
export function growthbookPosition(seed: string, value: string): number {
  return (fnv1a32(String(fnv1a32(seed + value))) % 10_000) / 10_000;
}

/** The position of a hashing unit's value for an experiment's seed, by its algorithm. */
export function positionOf(algorithm: HashingAlgorithm, seed: string, value: string): number {
  return algorithm === 'GROWTHBOOK' ? growthbookPosition(seed, value) : bucketPosition(seed, value);
}

/**
 * The variant at `position` when only `coverage` of the traffic is included, or null for a
 * position outside every variant's range. Each variant owns [start, start + coverage × weight)
 * where start is the sum of the weights before it (GrowthBook's bucket ranges, computed in the
 * same order so that the same floating-point boundaries come out), so raising the coverage
 * only adds people to each variant: nobody included moves. SHA256 at full coverage keeps
 * pickVariant's slices, as experiments made before coverage existed were assigned.
 */
export function variantAt<V extends WeightedVariant>(algorithm: HashingAlgorithm, variants: readonly V[], position: number, coverage: number): V | null {
  if (algorithm === 'SHA256' && coverage >= 1) return pickVariant(variants, position);
  let start = 0;
  for (const variant of variants) {
    if (position >= start && position < start + coverage * variant.weight) return variant;
    start += variant.weight;
  }
  return null;
}
