import type { Database, Queryable } from '../db';
import { ValidationError, type Clock } from '../common';
import type { RecommendationsConfig } from '../config';
import type { RefreshSummary } from './recommendation.model';
import * as refreshSql from './refresh.sql';
import type { UserLists } from './user-lists';

/** Products kept per segment by the refresh. */
const SEGMENT_TOP = 100;

type Counts = Omit<RefreshSummary, 'asOf' | 'durationMs'>;

/**
 * The derived tables recommendations read, and every way they are refreshed: all of them
 * (the scheduled job, `refreshRecommendations`, the end of an import or of the demo seed),
 * popularity alone and the marked visitors' lists (shortly after ingest), all under one
 * advisory lock so refreshes never overlap, across instances too.
 */
export class RecommendationTables {
  constructor(
    private readonly db: Database,
    private readonly config: RecommendationsConfig,
    private readonly lists: UserLists,
    private readonly clock: Clock,
  ) {}

  /** Recomputes similarities, popularity, segment popularity and every visitor's list as of `asOf`, in one transaction. */
  async refresh(asOf: Date = this.clock.now()): Promise<RefreshSummary> {
    if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new ValidationError('must be a valid date', 'asOf');
    const started = Date.now();
    const counts = await this.db.transaction(async (tx) => {
      await tx.query(refreshSql.LOCK_REFRESH);
      await tx.query(refreshSql.REFRESH_WORK_MEM);
      const similarities = await this.rebuildSimilarities(tx, asOf);
      const popularity = await this.rebuildPopularity(tx, asOf);
      const visitorLists = await this.lists.rebuild(tx, { all: true }, this.clock.now());
      return { ...similarities, ...popularity, visitorLists };
    });
    // Fresh statistics after replacing the tables: without them the planner picks plans
    // that made a FOR_YOU query 20× slower in the benchmark.
    await this.db.query(`analyze product_purchases, item_similarities, product_popularity, recommendation_lists, user_recommendations`);
    return { asOf, ...counts, durationMs: Date.now() - started };
  }

  /**
   * Popularity, trending and segment popularity as of now; false when another refresh holds
   * the lock, unless `waitForLock` (start-up, where nothing may answer empty) waits for it.
   */
  refreshPopularity(waitForLock = false): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      if (waitForLock) await tx.query(refreshSql.LOCK_REFRESH);
      else if (!(await tryLock(tx))) return false;
      await this.rebuildPopularity(tx, this.clock.now());
      return true;
    });
  }

  /** The stale lists reads asked for; false when the lock was busy or some are left for later. */
  recomputeWantedLists(): Promise<boolean> {
    return this.lists.recomputeWanted(tryLock, () => this.clock.now());
  }

  /** At start-up: what is missing although purchases exist (a database filled before these tables, or by a tool). */
  async missing(): Promise<{ popularity: boolean; lists: boolean }> {
    const { rows } = await this.db.query<{ purchases: boolean; popularity: boolean; lists: boolean }>(refreshSql.FILLED);
    const { purchases, popularity, lists } = rows[0];
    return { popularity: purchases && !popularity, lists: purchases && !lists && this.lists.enabled };
  }

  private async rebuildSimilarities(tx: Queryable, asOf: Date): Promise<Pick<Counts, 'similarities' | 'itemsWithSimilarities'>> {
    const s = this.config.similarity;
    await tx.query(refreshSql.createBaskets(s.basis), [asOf, s.halfLifeDays, s.historyDays, s.maxItemsPerBuyer]);
    await tx.query(refreshSql.ANALYZE_BASKETS);
    await tx.query(refreshSql.CREATE_ITEM_WEIGHTS);
    await tx.query(refreshSql.CLEAR_SIMILARITIES);
    const similarities = (await tx.query(refreshSql.INSERT_SIMILARITIES, [s.smoothing, s.topK])).rowCount ?? 0;
    const { rows } = await tx.query(`select count(distinct product_id)::int as n from item_similarities`);
    return { similarities, itemsWithSimilarities: rows[0].n };
  }

  private async rebuildPopularity(tx: Queryable, asOf: Date): Promise<Pick<Counts, 'popularProducts' | 'segmentRows'>> {
    const p = this.config.popularity;
    await tx.query(refreshSql.CLEAR_POPULARITY);
    const popularProducts = (await tx.query(refreshSql.INSERT_POPULARITY, [asOf, p.windowDays, p.recentDays, p.priorDays])).rowCount ?? 0;
    await tx.query(refreshSql.CLEAR_SEGMENT_POPULARITY);
    const segmentRows = (await tx.query(refreshSql.INSERT_SEGMENT_POPULARITY, [asOf, p.windowDays, SEGMENT_TOP])).rowCount ?? 0;
    return { popularProducts, segmentRows };
  }
}

async function tryLock(tx: Queryable): Promise<boolean> {
  const { rows } = await tx.query<{ locked: boolean }>(refreshSql.TRY_LOCK_REFRESH);
  return rows[0].locked;
}
