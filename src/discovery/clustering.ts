import { kmeans } from 'ml-kmeans';

/**
 * k-means over standardized features (ml-kmeans: k-means++ seeding, a fixed seed per restart,
 * the lowest within-cluster sum of squares kept) and the silhouette that chooses k. Pure.
 */

export interface Standardization {
  means: number[];
  deviations: number[];
}

export function standardization(rows: readonly number[][]): Standardization {
  const n = rows.length;
  const dims = rows[0].length;
  const means = Array.from({ length: dims }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  const deviations = means.map((m, j) => Math.sqrt(rows.reduce((s, r) => s + (r[j] - m) ** 2, 0) / n) || 1);
  return { means, deviations };
}

export function standardize(rows: readonly number[][], { means, deviations }: Standardization): number[][] {
  return rows.map((r) => r.map((v, j) => (v - means[j]) / deviations[j]));
}

export interface Clustering {
  k: number;
  /** Cluster of each row, 0-based. */
  labels: number[];
  centroids: number[][];
  /** Within-cluster sum of squared distances. */
  inertia: number;
}

const squaredDistance = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, j) => s + (v - b[j]) ** 2, 0);

/** The best of `restarts` k-means++ runs (seeds seed, seed + 1, …) by inertia. */
export function bestKMeans(rows: number[][], k: number, seed: number, restarts = 5): Clustering {
  let best: Clustering | null = null;
  for (let i = 0; i < restarts; i++) {
    const result = kmeans(rows, k, { initialization: 'kmeans++', seed: seed + i, maxIterations: 300 });
    const labels = result.clusters;
    const centroids = result.centroids;
    const inertia = rows.reduce((s, r, idx) => s + squaredDistance(r, centroids[labels[idx]]), 0);
    if (!best || inertia < best.inertia) best = { k, labels, centroids, inertia };
  }
  return best!;
}

/** Mean silhouette (Rousseeuw 1987): per row (b − a) / max(a, b), a its mean distance within its cluster, b to the nearest other; 0 for a singleton. */
export function silhouette(rows: readonly number[][], labels: readonly number[], k: number): number {
  let total = 0;
  for (let i = 0; i < rows.length; i++) {
    const sums = new Array(k).fill(0);
    const counts = new Array(k).fill(0);
    for (let j = 0; j < rows.length; j++) {
      if (i === j) continue;
      sums[labels[j]] += Math.sqrt(squaredDistance(rows[i], rows[j]));
      counts[labels[j]]++;
    }
    const own = labels[i];
    if (!counts[own]) continue;
    const a = sums[own] / counts[own];
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && counts[c]) b = Math.min(b, sums[c] / counts[c]);
    total += b === Infinity ? 0 : (b - a) / Math.max(a, b);
  }
  return total / rows.length;
}
