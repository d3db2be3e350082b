import { DecisionTreeClassifier } from 'ml-cart';
import { clusterRule } from './cluster-rules';
import { bestKMeans, silhouette, standardization, standardize } from './clustering';
import { describeCentroid } from './clustering-features';

/** Silhouette values computed independently with SciPy (cdist and the definition, Rousseeuw 1987). */
const POINTS = [[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5], [9, 0], [9, 1], [10, 0.5], [4.5, 5.5]];

test('silhouette as SciPy computes it', () => {
  expect(silhouette(POINTS, [0, 0, 0, 1, 1, 1, 2, 2, 2, 1], 3)).toBeCloseTo(0.8328100920186194, 12);
  expect(silhouette(POINTS, [0, 0, 1, 1, 1, 1, 2, 2, 2, 0], 3)).toBeCloseTo(0.31768007764845324, 12);
});

test('k-means finds the three groups, the same for the same seed', () => {
  const first = bestKMeans(POINTS, 3, 7);
  expect(new Set(first.labels.slice(0, 3)).size).toBe(1);
  expect(first.labels[3]).toBe(first.labels[9]);
  expect(new Set([first.labels[0], first.labels[3], first.labels[6]]).size).toBe(3);
  expect(bestKMeans(POINTS, 3, 7)).toEqual(first);
});

test('standardization gives mean 0 and deviation 1 per feature', () => {
  const z = standardize(POINTS, standardization(POINTS));
  for (const j of [0, 1]) {
    const column = z.map((r) => r[j]);
    expect(column.reduce((a, b) => a + b, 0) / column.length).toBeCloseTo(0, 12);
    expect(Math.sqrt(column.reduce((a, b) => a + b * b, 0) / column.length)).toBeCloseTo(1, 12);
  }
});

/** Evaluates a rule the way the segment compiler reads it: any of all of stat comparisons. */
function select(definition: Record<string, unknown>, row: number[], names: string[]): boolean {
  const leaf = (c: { stat: { name: string; op: string; value: number } }) => (c.stat.op === 'lt' ? row[names.indexOf(c.stat.name)] < c.stat.value : row[names.indexOf(c.stat.name)] >= c.stat.value);
  const paths = (definition.any ?? [definition]) as Array<Record<string, unknown>>;
  return paths.some((p) => (p.all ? (p.all as Array<Parameters<typeof leaf>[0]>).every(leaf) : leaf(p as Parameters<typeof leaf>[0])));
}

test("the rule selects exactly the rows the tree predicts to be in the cluster, and its precision and recall are the tree's", () => {
  let state = 11;
  const random = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const names = ['a', 'b', 'c'];
  const rows = Array.from({ length: 400 }, () => [random() * 100, random() * 10, random()]);
  const inCluster = rows.map((r) => (r[0] > 60 && r[1] < 7) || r[2] > 0.9);
  const rule = clusterRule(rows, inCluster, names);
  const tree = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: 3, minNumSamples: 3 });
  tree.train(rows, inCluster.map(Number));
  const predicted = tree.predict(rows).map((p) => p === 1);
  expect(rows.map((r) => select(rule.definition, r, names))).toEqual(predicted);
  const tp = predicted.filter((p, i) => p && inCluster[i]).length;
  expect(rule.precision).toBeCloseTo(tp / predicted.filter(Boolean).length, 12);
  expect(rule.recall).toBeCloseTo(tp / inCluster.filter(Boolean).length, 12);
  expect(rule.recall).toBeGreaterThan(0.8);
});

test('descriptions name the features half a deviation or more from the mean', () => {
  expect(describeCentroid([-1, 1.2, 0.9, 0.1, -0.2])).toBe('recent, frequent, high spend');
  expect(describeCentroid([0, 0, 0, 0, 0])).toBe('average on every feature');
});
