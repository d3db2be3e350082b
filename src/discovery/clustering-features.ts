/** The clustering space: log recency, log frequency, log net monetary value, tenure and average order value (ASSIGN_ALL writes the same in SQL). */
export function clusteringVector([recencyDays, orders, revenue, tenureDays, averageOrderValue]: readonly number[]): number[] {
  return [Math.log1p(Math.max(recencyDays, 0)), Math.log1p(orders), Math.log1p(Math.max(revenue, 0)), tenureDays, averageOrderValue];
}

const WORDS: ReadonlyArray<[low: string, high: string]> = [
  ['recent', 'lapsed'],
  ['occasional', 'frequent'],
  ['low spend', 'high spend'],
  ['new', 'long-standing'],
  ['small baskets', 'large baskets'],
];

/** Plain words for a standardized centroid: each feature half a standard deviation or more from the mean. */
export function describeCentroid(centroid: readonly number[]): string {
  const words = centroid.flatMap((z, i) => (z <= -0.5 ? [WORDS[i][0]] : z >= 0.5 ? [WORDS[i][1]] : []));
  return words.length ? words.join(', ') : 'average on every feature';
}
