import { ValidationError, type Clock } from '../common';
import { SqlParams, type Queryable } from '../db';
import { unknownComputedTraits } from '../segments';
import { clusterRule, type ClusterRule } from './cluster-rules';
import { bestKMeans, silhouette, standardization, standardize, type Clustering } from './clustering';
import { clusteringVector, describeCentroid } from './clustering-features';
import { assignAllSql, buyerFeaturesSql, COUNT_BUYERS, FEATURE_STATS, sampleSql, TOP_CATEGORY_NAMES, type FeatureColumns } from './discovery.sql';

export interface DiscoveryRequest {
  /** One k, or a range chosen by silhouette. */
  k?: number | null;
  kMin?: number | null;
  kMax?: number | null;
  sampleSize?: number | null;
  seed?: number | null;
  /** Numeric computed traits to cluster on as well (keys). */
  computedTraits?: readonly string[] | null;
}

export interface DiscoveredCluster extends ClusterRule {
  index: number;
  /** Buyers assigned to it, all of them (not only the sample). */
  size: number;
  /** Mean stat values of its sample members, in the stats' own units. */
  centroid: Record<(typeof FEATURE_STATS)[number], number>;
  /** Mean of each other feature (category shares, computed traits) over its sample members. */
  otherFeatures: { name: string; mean: number }[];
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
const MAX_COMPUTED_FEATURES = 10;

/**
 * Discovers segments in the buyers: k-means over standardized RFM-style features of a sample,
 * k chosen by silhouette when a range is given, every buyer assigned to the nearest centroid in
 * SQL, and each cluster explained as a segment definition a decision tree learned. Run as a
 * job with progress by DiscoveryJobs.
 */
export class DiscoveryService {
  constructor(private readonly db: Queryable, private readonly clock: Clock) {}

  /** The request's k values, sample size and seed, or a ValidationError naming the argument. */
  check(request: DiscoveryRequest): { ks: number[]; sampleSize: number; seed: number; computedKeys: string[] } {
    return {
      ks: kValues(request),
      sampleSize: checkInteger(request.sampleSize ?? SAMPLE_LIMITS.default, SAMPLE_LIMITS.min, SAMPLE_LIMITS.max, 'sample'),
      seed: checkInteger(request.seed ?? 42, 0, 2 ** 31 - 1, 'seed'),
      computedKeys: checkComputedKeys(request.computedTraits),
    };
  }

  /** As `check`, and the computed traits named must exist: what a job checks before it is recorded. */
  async validate(request: DiscoveryRequest): Promise<void> {
    await this.featureColumns(this.check(request).computedKeys);
  }

  /** `progress` hears the share done after each k tried and after the assignment of every buyer. */
  async discover(request: DiscoveryRequest, progress: (share: number) => Promise<void> = async () => {}): Promise<Discovery> {
    const { ks, sampleSize, seed, computedKeys } = this.check(request);
    const now = this.clock.now();
    const columns = await this.featureColumns(computedKeys);
    const params = new SqlParams(4);
    const { rows } = await this.db.query<Record<string, number>>(sampleSql(buyerFeaturesSql(columns, params)), [now, seed, sampleSize, ...params.values]);
    const extraColumns = [...columns.categories.map((_, i) => `share_${i}`), ...columns.computedKeys.map((_, i) => `computed_${i}`)];
    const extraNames = [...columns.categories, ...columns.computedKeys];
    const raw = rows.map((r) => FEATURE_STATS.map((name) => Number(r[name])));
    const extra = rows.map((r) => extraColumns.map((name) => Number(r[name])));
    if (raw.length < Math.max(...ks) * 10) {
      throw new ValidationError(`needs at least ${Math.max(...ks) * 10} buyers for k = ${Math.max(...ks)}; found ${raw.length}`, 'k');
    }
    const vectors = raw.map((r, i) => clusteringVector([...r, ...extra[i]]));
    const scale = standardization(vectors);
    const points = standardize(vectors, scale);
    const silhouetteRows = points.slice(0, SILHOUETTE_ROWS);
    const tried: { clustering: Clustering; silhouette: number }[] = [];
    for (const k of ks) {
      const clustering = bestKMeans(points, k, seed);
      tried.push({ clustering, silhouette: silhouette(silhouetteRows, clustering.labels.slice(0, SILHOUETTE_ROWS), k) });
      await progress(tried.length / (ks.length + 1));
    }
    const chosen = tried.reduce((best, t) => (t.silhouette > best.silhouette ? t : best));
    const { clustering } = chosen;
    const assignParams = new SqlParams(5);
    const { rows: assigned } = await this.db.query<{ cluster: number; size: number }>(
      assignAllSql(buyerFeaturesSql(columns, assignParams), extraColumns), [now, JSON.stringify(clustering.centroids), scale.means, scale.deviations, ...assignParams.values]);
    const sizes = new Map(assigned.map((r) => [r.cluster, r.size]));
    await progress(1);
    const clusters = clustering.centroids.map((centroid, index): DiscoveredCluster => {
      const inCluster = clustering.labels.map((label) => label === index);
      const members = raw.filter((_, i) => inCluster[i]);
      const mean = FEATURE_STATS.map((_, j) => members.reduce((s, r) => s + r[j], 0) / Math.max(members.length, 1));
      const memberExtras = extra.filter((_, i) => inCluster[i]);
      const otherFeatures = extraNames.map((name, j) => ({
        name: j < columns.categories.length ? `share of ${name}` : name,
        mean: memberExtras.reduce((s, r) => s + r[j], 0) / Math.max(memberExtras.length, 1),
      }));
      return {
        index,
        size: sizes.get(index) ?? 0,
        centroid: Object.fromEntries(FEATURE_STATS.map((name, j) => [name, mean[j]])) as DiscoveredCluster['centroid'],
        otherFeatures,
        description: describeCentroid(centroid, extraNames),
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

  /** The top categories and the named computed traits (which must exist): the extra feature columns. */
  private async featureColumns(computedKeys: string[]): Promise<FeatureColumns> {
    const [categories, unknown] = await Promise.all([
      this.db.query<{ category: string }>(TOP_CATEGORY_NAMES).then((r) => r.rows.map((row) => row.category)),
      unknownComputedTraits(this.db, computedKeys),
    ]);
    if (unknown.length) throw new ValidationError(`names unknown computed traits: ${unknown.join(', ')}`, 'computedTraits');
    return { categories, computedKeys };
  }
}

function checkComputedKeys(keys: readonly string[] | null | undefined): string[] {
  if (!keys) return [];
  if (keys.length > MAX_COMPUTED_FEATURES) throw new ValidationError(`at most ${MAX_COMPUTED_FEATURES} computed traits`, 'computedTraits');
  return [...new Set(keys)];
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
