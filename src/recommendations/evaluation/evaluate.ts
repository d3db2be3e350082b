import type { Database } from '../../db';
import type { TransactionColumns } from '../../import';
import { RecommendationsService } from '../recommendations.service';
import type { RecommendationsConfig } from '../../config';
import { STRATEGIES, type RefreshSummary, type StrategyName } from '../recommendation.model';
import { CREATE_STAGING, EVALUATED_BUYERS, INSERT_ORDERS, SPLIT, SPLIT_SUMMARY, TARGETS } from './evaluation.sql';
import { scoreLists, type StrategyScore } from './metrics';
import { readOrders, type EvalOrder, type TransactionLogStats } from './transaction-log';

export const K = 10;
const ORDERS_PER_STATEMENT = 1000;
const USERS_PER_STATEMENT = 500;

export interface SplitSummary {
  orders: number;
  lines: number;
  buyers: number;
  products: number;
  held_out: number;
  training_lines: number;
  evaluated: number;
  as_of: Date;
}

export interface EvaluationReport {
  file: string;
  log: TransactionLogStats;
  split: SplitSummary;
  refresh: RefreshSummary;
  scores: { strategy: StrategyName; score: StrategyScore; ms: number }[];
}

/** Stages orders in batches: one statement per ORDERS_PER_STATEMENT orders. */
async function stage(db: Database, orders: AsyncIterable<EvalOrder>): Promise<void> {
  for (const sql of CREATE_STAGING) await db.query(sql);
  let batch: EvalOrder[] = [];
  for await (const order of orders) {
    batch.push(order);
    if (batch.length >= ORDERS_PER_STATEMENT) {
      await db.query(INSERT_ORDERS, [JSON.stringify(batch)]);
      batch = [];
    }
  }
  if (batch.length) await db.query(INSERT_ORDERS, [JSON.stringify(batch)]);
}

/** Every strategy's top K for every evaluated buyer, through the service's own batch query. */
async function recommendAll(service: RecommendationsService, strategy: StrategyName, buyers: { profile_id: string; seed: string }[]) {
  const lists = new Map<string, string[]>();
  for (let i = 0; i < buyers.length; i += USERS_PER_STATEMENT) {
    const chunk = buyers.slice(i, i + USERS_PER_STATEMENT);
    const items = chunk.map((b) => ({ profileId: b.profile_id, productId: strategy === 'ALSO_BOUGHT' ? b.seed : null }));
    const results = await service.recommendBatch(strategy, items, { limit: K, excludePurchased: true });
    results.forEach((list, j) => lists.set(chunk[j].profile_id, list.map((r) => r.product.id)));
  }
  return lists;
}

async function loadTargets(db: Database): Promise<Map<string, Set<string>>> {
  const targets = new Map<string, Set<string>>();
  const { rows } = await db.query<{ profile_id: string; product_id: string }>(TARGETS);
  for (const r of rows) targets.set(r.profile_id, (targets.get(r.profile_id) ?? new Set()).add(r.product_id));
  return targets;
}

/**
 * Leave-last-order-out evaluation on a freshly migrated scratch database:
 * 1. the log's completed orders are staged and split (evaluation.sql.ts): each buyer with
 *    ≥ 2 orders has the last held out; all other orders are training data — a global,
 *    time-agnostic training set (other buyers' later orders included), refreshed once
 *    as of the last training purchase;
 * 2. RecommendationsService.refresh and recommendBatch — the production SQL — give each
 *    buyer K items per strategy, excluding what they bought in training (ALSO_BOUGHT is
 *    seeded with their most recent purchased item);
 * 3. hit rate@K and NDCG@K against the held-out order's new items.
 */
export async function evaluateRecommendations(
  db: Database,
  file: string,
  config: RecommendationsConfig,
  options: { columns?: Partial<TransactionColumns>; onProgress?: (message: string) => void } = {},
): Promise<EvaluationReport> {
  const progress = options.onProgress ?? (() => {});
  const log: TransactionLogStats = { rows: 0, rejectedRows: 0, refunds: 0 };
  await stage(db, readOrders(file, log, options.columns));
  progress(`staged ${log.rows} rows`);
  for (const sql of SPLIT) await db.query(sql);
  const split = (await db.query<SplitSummary>(SPLIT_SUMMARY)).rows[0];
  progress(`split: ${split.training_lines} training lines, ${split.evaluated} buyers to evaluate`);
  const service = new RecommendationsService(db, config);
  const refresh = await service.refresh(new Date(split.as_of));
  progress(`refresh: ${refresh.similarities} similarities in ${refresh.durationMs} ms`);
  const buyers = (await db.query<{ profile_id: string; seed: string }>(EVALUATED_BUYERS)).rows;
  const targets = await loadTargets(db);
  const scores: EvaluationReport['scores'] = [];
  for (const strategy of STRATEGIES) {
    const started = Date.now();
    const lists = await recommendAll(service, strategy, buyers);
    scores.push({ strategy, score: scoreLists(lists, targets, K), ms: Date.now() - started });
    progress(`${strategy} done`);
  }
  return { file, log, split, refresh, scores };
}
