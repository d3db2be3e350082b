import { DecisionTreeClassifier } from 'ml-cart';

/**
 * A cluster explained as a rule: a decision tree (ml-cart, CART with Gini, depth ≤ 3) trained
 * to separate the cluster from the rest on the raw stat values, turned into a segment
 * definition: the paths to the leaves that predict the cluster, each an `all` of `stat`
 * comparisons, under one `any`. ml-cart sends `value < split` left and the rest right, which
 * is exactly `lt` and `gte`.
 */

export interface ClusterRule {
  definition: Record<string, unknown>;
  /** On the fitted sample: of those the rule selects, the share in the cluster; of the cluster, the share it selects. */
  precision: number;
  recall: number;
}

interface TreeNode {
  splitColumn?: number;
  splitValue?: number;
  left?: TreeNode;
  right?: TreeNode;
  distribution?: { to2DArray(): number[][] };
}

type Condition = { stat: { name: string; op: 'lt' | 'gte'; value: number } };

export const MAX_DEPTH = 3;

/** Rows are raw stat values in the order of `statNames`; `inCluster[i]` whether row i belongs to the cluster. */
export function clusterRule(rows: number[][], inCluster: boolean[], statNames: readonly string[]): ClusterRule {
  const tree = new DecisionTreeClassifier({ gainFunction: 'gini', maxDepth: MAX_DEPTH, minNumSamples: Math.max(3, Math.floor(rows.length / 200)) });
  tree.train(rows, inCluster.map((b) => (b ? 1 : 0)));
  const paths: Condition[][] = [];
  collectPaths((tree as unknown as { root: TreeNode }).root, [], paths, statNames);
  const definition = paths.length === 0
    ? { stat: { name: statNames[0], op: 'lt', value: -1 } } // nothing predicts the cluster: a rule no buyer meets
    : { any: paths.map((conditions) => (conditions.length === 1 ? conditions[0] : { all: conditions })) };
  const selected = rows.map((row) => paths.some((conditions) => conditions.every((c) => meets(row, c, statNames))));
  const truePositives = selected.filter((s, i) => s && inCluster[i]).length;
  const chosen = selected.filter(Boolean).length;
  const members = inCluster.filter(Boolean).length;
  return { definition, precision: chosen ? truePositives / chosen : 0, recall: members ? truePositives / members : 0 };
}

function collectPaths(node: TreeNode, path: Condition[], out: Condition[][], statNames: readonly string[]): void {
  if (node.left && node.right && node.splitColumn !== undefined && node.splitValue !== undefined) {
    const name = statNames[node.splitColumn];
    collectPaths(node.left, [...path, { stat: { name, op: 'lt', value: node.splitValue } }], out, statNames);
    collectPaths(node.right, [...path, { stat: { name, op: 'gte', value: node.splitValue } }], out, statNames);
    return;
  }
  const [distribution] = node.distribution?.to2DArray() ?? [[1]];
  // The cluster is class 1; the leaf predicts it when it holds the larger share (ties: not).
  if ((distribution[1] ?? 0) > (distribution[0] ?? 0)) out.push(path.length ? path : [{ stat: { name: statNames[0], op: 'gte', value: -1e300 } }]);
}

function meets(row: readonly number[], c: Condition, statNames: readonly string[]): boolean {
  const value = row[statNames.indexOf(c.stat.name)];
  return c.stat.op === 'lt' ? value < c.stat.value : value >= c.stat.value;
}
