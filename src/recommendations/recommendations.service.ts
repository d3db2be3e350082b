import type { Database, Queryable } from '../db';
import { ValidationError, wallClock, type Clock, isUuid } from '../common';
import { ORDER_COMPLETED, type IngestedBatch } from '../ingest';
import type { ScheduledJob } from '../scheduler';
import { ProductCatalog, toProduct } from './product-catalog';
import { MAX_PRODUCT_ID_LENGTH } from './product-input';
import { explain, type ReasonFacts } from './reasons';
import type { RecommendationsConfig } from '../config';
import { STRATEGIES, type Recommendation, type RecommendationRequest, type RefreshSummary, type StrategyName } from './recommendation.model';
import { keptForYouSql, recommendationSql } from './recommendations.sql';
import { RecommendationTables } from './recommendation-tables';
import { RefreshAfterIngest, type RefreshLog } from './refresh-after-ingest';
import { UserLists } from './user-lists';
import { KeptListCache, type KeptList } from './kept-list-cache';
import { PopularFillCache, type PopularFill } from './popular-fill-cache';
import type { ProfileCacheDeps } from '../realtime';

export const MAX_RECOMMENDATIONS = 100;

/** One visitor in a batch: the profile (null when unknown) and, for ALSO_BOUGHT, the product. */
export interface BatchItem {
  profileId: string | null;
  productId?: string | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Recommendations read precomputed tables (similarities, popularity, each visitor's
 * FOR_YOU list) plus the visitor's own purchases, so one request is one indexed
 * statement. The refresh job recomputes the tables set-based; the ingest hook keeps
 * purchases and the catalog current and marks the lists it changed, and a refresh
 * shortly after each batch with orders or views brings popularity and those lists up to date.
 */
export class RecommendationsService {
  readonly products: ProductCatalog;
  readonly tables: RecommendationTables;
  private readonly lists: UserLists;
  private readonly afterIngest: RefreshAfterIngest;
  private readonly sql = new Map<StrategyName, string>(STRATEGIES.map((s) => [s, recommendationSql(s)]));
  private readonly keptSql = keptForYouSql();
  /** A full refresh started because the tables were empty at start-up. */
  private catchingUp: Promise<unknown> | undefined;
  private readonly keptCache?: KeptListCache;
  private readonly popularFill?: PopularFillCache;

  /** `feed`: where list changes are heard; without it no list is kept in memory. */
  constructor(
    private readonly db: Database,
    readonly config: RecommendationsConfig,
    clock: Clock = wallClock,
    feed?: ProfileCacheDeps['feed'],
    /** Where the live statement reads (a replica when configured); kept lists are read on the primary, whose notices keep their cache true. */
    private readonly reads: Queryable = db,
  ) {
    if (feed && config.cachedLists > 0 && config.forYou.keptItems > 0) {
      this.keptCache = new KeptListCache(config.cachedLists, { feed, db });
      this.popularFill = new PopularFillCache({ feed, db });
    }
    this.products = new ProductCatalog(db);
    this.lists = new UserLists(db, config.forYou);
    this.tables = new RecommendationTables(db, config, this.lists, clock);
    this.afterIngest = new RefreshAfterIngest(config.ingestRefreshDelayMs, {
      popularity: () => this.tables.refreshPopularity(),
      lists: () => this.tables.recomputeWantedLists(),
    });
  }

  /**
   * When serving starts: popularity is filled at once if purchases exist without it (so
   * nothing answers empty), a full refresh follows in the background if lists or
   * similarities were never computed, and refreshes after ingest begin.
   */
  async start(log: RefreshLog): Promise<void> {
    const missing = await this.tables.missing();
    // Lists missing (a database filled by a tool) or not kept: a profile without a list state may have history.
    if (missing.lists || !this.lists.enabled) await this.lists.forgetCoverage();
    if (missing.popularity) await this.tables.refreshPopularity(true); // another instance's refresh may hold the lock: wait for it
    if (missing.popularity || missing.lists) {
      this.catchingUp = this.tables.refresh().catch((error) => log.error({ err: error }, 'refreshing recommendations at start-up failed'));
    }
    this.afterIngest.start(log);
  }

  async stop(): Promise<void> {
    await this.afterIngest.stop();
    await this.catchingUp;
  }

  /** Resolves when no refresh after ingest is scheduled or running (tests wait for it before they count statements). */
  refreshesSettled(): Promise<void> {
    return this.afterIngest.idle();
  }

  /** Resolves when the full refresh `start` began (if any) has finished (the bench waits before measuring). */
  async caughtUp(): Promise<void> {
    await this.catchingUp;
  }

  /** The stable API other features call. An unknown profile gets POPULAR-style results, never an error. */
  async recommend(request: RecommendationRequest): Promise<Recommendation[]> {
    checkRequest(request);
    if (request.profileId !== null && !isUuid(request.profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
    const kept = await this.fromMemoryOrKeptList(request);
    if (kept) return kept;
    const [list] = await this.recommendBatch(request.strategy, [{ profileId: request.profileId, productId: request.productId?.trim() || null }], request);
    return list;
  }

  /** Refuses a request that is not valid whoever the visitor is (strategy, limit, product), before the visitor is looked up. */
  check(request: Omit<RecommendationRequest, 'profileId'>): void {
    checkRequest(request);
  }

  /** Many visitors, one strategy, ONE statement (the offline evaluation runs exactly this). */
  async recommendBatch(strategy: StrategyName, items: readonly BatchItem[], options: { limit: number; excludePurchased: boolean }): Promise<Recommendation[][]> {
    const rows = await this.liveRows(this.reads, strategy, items, options);
    const lists: Recommendation[][] = items.map(() => []);
    for (const r of rows) lists[Number(r.ord) - 1].push(this.toRecommendation(strategy, r));
    return lists;
  }

  private async liveRows(on: Queryable, strategy: StrategyName, items: readonly BatchItem[], options: { limit: number; excludePurchased: boolean }): Promise<Row[]> {
    const { seedItems, viewWeight } = this.config.forYou;
    const params: unknown[] = [items.map((i) => i.profileId), items.map((i) => i.productId ?? null), options.limit, options.excludePurchased];
    if (strategy === 'FOR_YOU') params.push(seedItems, viewWeight);
    // Prepared per strategy: planning this statement costs about as much as running it.
    return (await on.query(this.sql.get(strategy)!, params, `recommend-${strategy.toLowerCase()}`)).rows;
  }

  /** Recomputes similarities, popularity, segment popularity and every visitor's list as of `asOf` (the app clock's now by default). */
  refresh(asOf?: Date): Promise<RefreshSummary> {
    return this.tables.refresh(asOf);
  }

  /** Ingest hook (inside the ingestion transaction): purchases and the catalog, then the lists it changed are marked. */
  async onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    await this.products.onStored(tx, batch);
    await this.lists.onStored(tx, batch);
  }

  /** After a batch committed: popularity is refreshed shortly when it held orders. */
  onIngested(batch: IngestedBatch): void {
    this.afterIngest.noticed({ popularity: batch.events.some(({ event }) => event.name === ORDER_COMPLETED) });
  }

  scheduledJob(): ScheduledJob {
    return { name: 'recommendations refresh', everyMs: this.config.refreshEveryMs, run: () => this.refresh() };
  }

  /**
   * FOR_YOU answered without the live statement. A visitor the server does not know, or
   * one without history, gets the POPULAR fill from memory. A returning visitor gets their
   * kept list (excluding what they bought): from memory, or one lookup by profile. Null
   * when that cannot answer exactly (no list, a stale one, or fewer than `limit` items
   * once inactive products are left out, where POPULAR may have to fill in): the live
   * statement answers then, and the list is asked for (recomputed shortly if it is stale).
   * A product being viewed is a seed the live statement leaves out: those go live too.
   */
  private async fromMemoryOrKeptList(request: RecommendationRequest): Promise<Recommendation[] | null> {
    if (request.strategy !== 'FOR_YOU' || request.productId?.trim()) return null;
    if (request.profileId === null) return this.popularFillFor('unknownVisitor', request.limit);
    if (!request.excludePurchased || request.limit > this.config.forYou.keptItems) return null;
    const list = await this.keptList(request.profileId);
    if (list.noHistory) return this.popularFillFor('noHistory', request.limit);
    if (list.items.length >= request.limit) return list.items.slice(0, request.limit);
    if (this.lists.want(request.profileId)) this.afterIngest.noticed({ lists: true });
    return null;
  }

  /** The visitor's whole kept list when it is fresh (no items when stale or missing). */
  private async keptList(profileId: string): Promise<KeptList> {
    const cached = await this.keptCache?.get(profileId);
    if (cached) return cached;
    const read = this.keptCache?.beginRead();
    const { rows } = await this.db.query(this.keptSql, [profileId, this.config.forYou.keptItems], 'recommend-for_you-kept');
    const items = rows.filter((r) => r.product_id !== null).map((r) => this.toRecommendation('FOR_YOU', r));
    const list = { profileId, items, noHistory: rows[0]?.no_history === true };
    if (read && (items.length || list.noHistory)) this.keptCache!.put(list, read);
    return list;
  }

  /**
   * The POPULAR fill FOR_YOU gives `who`, from memory (null without the cache or while it
   * cannot keep anything: the live statement for `limit` items costs less than reading the whole fill). It is read from
   * the primary, whose notifications keep it fresh, as the live statement would give it
   * to an unknown visitor for the most items asked; a visitor without history gets the
   * same rows explained as `no_input`.
   */
  private async popularFillFor(who: keyof PopularFill, limit: number): Promise<Recommendation[] | null> {
    if (!this.popularFill?.keeping) return null;
    const cached = await this.popularFill.get();
    if (cached) return cached[who].slice(0, limit);
    const read = this.popularFill.beginRead();
    const rows = await this.liveRows(this.db, 'FOR_YOU', [{ profileId: null }], { limit: MAX_RECOMMENDATIONS, excludePurchased: true });
    const fill: PopularFill = {
      unknownVisitor: rows.map((r) => this.toRecommendation('FOR_YOU', r)),
      noHistory: rows.map((r) => this.toRecommendation('FOR_YOU', { ...r, fallback: 'no_input' })),
    };
    this.popularFill.put(fill, read);
    return fill[who].slice(0, limit);
  }

  private toRecommendation(strategy: StrategyName, r: Row): Recommendation {
    const facts: ReasonFacts = {
      strategy,
      tier: r.tier,
      fallback: r.fallback,
      n1: r.n1,
      n2: r.n2,
      score: r.score,
      becauseProduct: r.because_product_name ?? r.because_product_id,
      becauseViewed: r.because_viewed,
      becauseSegment: r.because_segment_name,
    };
    const { reason, strategy: producedBy } = explain(facts, this.config.popularity);
    return { product: toProduct(r), score: r.score, reason, strategy: producedBy };
  }
}

function checkRequest(request: Omit<RecommendationRequest, 'profileId'>): void {
  if (!STRATEGIES.includes(request.strategy)) throw new ValidationError(`must be one of ${STRATEGIES.join(', ')}`, 'strategy');
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_RECOMMENDATIONS) {
    throw new ValidationError(`must be an integer between 1 and ${MAX_RECOMMENDATIONS}`, 'limit');
  }
  const product = request.productId?.trim();
  if (request.strategy === 'ALSO_BOUGHT' && !product) throw new ValidationError('is required for ALSO_BOUGHT (the product the visitor is looking at)', 'product');
  if (product && product.length > MAX_PRODUCT_ID_LENGTH) throw new ValidationError(`must be at most ${MAX_PRODUCT_ID_LENGTH} characters`, 'product');
}
