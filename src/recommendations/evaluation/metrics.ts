/** Top-N ranking metrics with binary relevance. */

/** 1 when any of the first `k` recommended items is relevant, else 0. */
export function hitAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  return recommended.slice(0, k).some((id) => relevant.has(id)) ? 1 : 0;
}

/**
 * NDCG@k: DCG = Σ rel_i / log2(i + 1) over positions i = 1..k, divided by the ideal DCG
 * of min(|relevant|, k) relevant items in the first positions. 0 when nothing is relevant.
 */
export function ndcgAtK(recommended: readonly string[], relevant: ReadonlySet<string>, k = 10): number {
  const ideal = Math.min(relevant.size, k);
  if (ideal === 0) return 0;
  let dcg = 0;
  recommended.slice(0, k).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let idcg = 0;
  for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
  return dcg / idcg;
}

export interface StrategyScore {
  users: number;
  hitRate: number;
  ndcg: number;
  /** Users who got fewer than k recommendations. */
  shortLists: number;
}

/** Averages over every evaluated user (a user with no list counts as a miss). */
export function scoreLists(lists: ReadonlyMap<string, readonly string[]>, targets: ReadonlyMap<string, ReadonlySet<string>>, k = 10): StrategyScore {
  let hits = 0;
  let ndcg = 0;
  let shortLists = 0;
  for (const [user, relevant] of targets) {
    const list = lists.get(user) ?? [];
    hits += hitAtK(list, relevant, k);
    ndcg += ndcgAtK(list, relevant, k);
    if (list.length < k) shortLists++;
  }
  const users = targets.size;
  return { users, hitRate: users ? hits / users : 0, ndcg: users ? ndcg / users : 0, shortLists };
}
