import { ValidationError, type Clock } from '../common';
import type { Queryable } from '../db';
import { clusterRule, type ClusterRule } from './cluster-rules';
import { bestKMeans, silhouette, standardization, standardize, type Clustering } from './clustering';
import { clusteringVector, describeCentroid } from './clustering-features';
import { ASSIGN_ALL, COUNT_BUYERS, FEATURE_STATS, SAMPLE_BUYERS } from './discovery.sql';

export interface DiscoveryRequest {
  /** One k, or a range chosen by silhouette. */
  k?: number | null;
  kMin?: number | null;
  kMax?: number | null;
  sampleSize?: number | null;
  seed?: number | null;
}

export interface DiscoveredCluster extends ClusterRule {
  index: number;
  /** Buyers assigned to it, all of them (not only the sample). */
  size: number;
  /** Mean stat values of its sample members, in the stats' own units. */
  centroid: Record<(typeof FEATURE_STATS)[number], number>;
  description: string;
}

export interface Discovery {
  k: number;
  silhouette: number;
  silhouettes: { k: number; silhouette: number }[];
  sampleSize: number;
  buyers: number;
  clusters: DiscoveredCluster[];
}

const K_LIMITS = { min: 2, max: 12 };
const SAMPLE_LIMITS = { min: 50, max: 20_000, default: 5_000 };
/** Silhouettes are O(n²): computed on the first rows of the (already random) sample. */
const SILHOUETTE_ROWS = 2_000;

/**
 * Discovers segments in the buyers: k-means over standardized RFM-style features of a sample,
 * k chosen by silhouette when a range is given, every buyer assigned to the nearest centroid in
 * SQL, and each cluster explained as a segment definition a decision tree learned. Run as a
 * job with progress by DiscoveryJobs.
 */
export class DiscoveryService {
  constructor(private readonly db: Queryable, private readonly clock: Clock) {}

  /** The request's k values, sample size and seed, or a ValidationError naming the argument. */
  check(request: DiscoveryRequest): { ks: number[]; sampleSize: number; seed: number } {
    return {
      ks: kValues(request),
      sampleSize: checkInteger(request.sampleSize ?? SAMPLE_LIMITS.default, SAMPLE_LIMITS.min, SAMPLE_LIMITS.max, 'sample'),
      seed: checkInteger(request.seed ?? 42, 0, 2 ** 31 - 1, 'seed'),
    };
  }

  /** `progress` hears the share done after each k tried and after the assignment of every buyer. */
  async discover(request: DiscoveryRequest, progress: (share: number) => Promise<void> = async () => {}): Promise<Discovery> {
    const { ks, sampleSize, seed } = this.check(request);
    const now = this.clock.now();
    const { rows } = await this.db.query<Record<string, number>>(SAMPLE_BUYERS, [now, seed, sampleSize]);
    const raw = rows.map((r) => FEATURE_STATS.map((name) => Number(r[name])));
    if (raw.length < Math.max(...ks) * 10) {
      throw new ValidationError(`needs at least ${Math.max(...ks) * 10} buyers for k = ${Math.max(...ks)}; found ${raw.length}`, 'k');
    }
    const scale = standardization(raw.map(clusteringVector));
    const points = standardize(raw.map(clusteringVector), scale);
    const silhouetteRows = points.slice(0, SILHOUETTE_ROWS);
    const tried: { clustering: Clustering; silhouette: number }[] = [];
    for (const k of ks) {
      const clustering = bestKMeans(points, k, seed);
      tried.push({ clustering, silhouette: silhouette(silhouetteRows, clustering.labels.slice(0, SILHOUETTE_ROWS), k) });
      await progress(tried.length / (ks.length + 1));
    }
    const chosen = tried.reduce((best, t) => (t.silhouette > best.silhouette ? t : best));
    const { clustering } = chosen;
    const { rows: assigned } = await this.db.query<{ cluster: number; size: number }>(ASSIGN_ALL, [now, JSON.stringify(clustering.centroids), scale.means, scale.deviations]);
    const sizes = new Map(assigned.map((r) => [r.cluster, r.size]));
    await progress(1);
    const clusters = clustering.centroids.map((centroid, index): DiscoveredCluster => {
      const inCluster = clustering.labels.map((label) => label === index);
      const members = raw.filter((_, i) => inCluster[i]);
      const mean = FEATURE_STATS.map((_, j) => members.reduce((s, r) => s + r[j], 0) / Math.max(members.length, 1));
      return {
        index,
        size: sizes.get(index) ?? 0,
        centroid: Object.fromEntries(FEATURE_STATS.map((name, j) => [name, mean[j]])) as DiscoveredCluster['centroid'],
        description: describeCentroid(centroid),
        ...clusterRule(raw, inCluster, FEATURE_STATS),
      };
    });
    return {
      k: clustering.k,
      silhouette: chosen.silhouette,
      silhouettes: tried.map((t) => ({ k: t.clustering.k, silhouette: t.silhouette })),
      sampleSize: raw.length,
      buyers: (await this.db.query<{ n: number }>(COUNT_BUYERS)).rows[0].n,
      clusters,
    };
  }
}

function checkInteger(value: number, min: number, max: number, path: string): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(`must be a whole number from ${min} to ${max}`, path);
  return value;
}

function kValues({ k, kMin, kMax }: DiscoveryRequest): number[] {
  if (k != null) {
    if (kMin != null || kMax != null) throw new ValidationError('give k, or kMin and kMax, not both', 'k');
    return [checkInteger(k, K_LIMITS.min, K_LIMITS.max, 'k')];
  }
  if (kMin == null || kMax == null) throw new ValidationError('give k, or kMin and kMax', 'k');
  const low = checkInteger(kMin, K_LIMITS.min, K_LIMITS.max, 'kMin');
  const high = checkInteger(kMax, K_LIMITS.min, K_LIMITS.max, 'kMax');
  if (low >= high) throw new ValidationError('must be below kMax', 'kMin');
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}
