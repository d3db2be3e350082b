/**
 * The clustering space: log recency, log frequency, log net monetary value, tenure and average
 * order value, then any extra features (category shares, computed traits) as they are
 * (assignAllSql writes the same in SQL).
 */
export function clusteringVector([recencyDays, orders, revenue, tenureDays, averageOrderValue, ...extra]: readonly number[]): number[] {
  return [Math.log1p(Math.max(recencyDays, 0)), Math.log1p(orders), Math.log1p(Math.max(revenue, 0)), tenureDays, averageOrderValue, ...extra];
}

const WORDS: ReadonlyArray<[low: string, high: string]> = [
  ['recent', 'lapsed'],
  ['occasional', 'frequent'],
  ['low spend', 'high spend'],
  ['new', 'long-standing'],
  ['small baskets', 'large baskets'],
];

/**
 * Plain words for a standardized centroid: each feature half a standard deviation or more from
 * the mean; `extraNames` name the features after the five stats ("shoes" → "more shoes").
 */
export function describeCentroid(centroid: readonly number[], extraNames: readonly string[] = []): string {
  const wordsOf = (i: number): [string, string] => WORDS[i] ?? [`less ${extraNames[i - WORDS.length]}`, `more ${extraNames[i - WORDS.length]}`];
  const words = centroid.flatMap((z, i) => (z <= -0.5 ? [wordsOf(i)[0]] : z >= 0.5 ? [wordsOf(i)[1]] : []));
  return words.length ? words.join(', ') : 'average on every feature';
}
