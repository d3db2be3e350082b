import type { Database, Queryable } from '../db';
import { ValidationError } from '../common';
import type { IngestedBatch } from '../ingest';
import type { ScheduledJob } from '../scheduler';
import { ProductCatalog, toProduct } from './product-catalog';
import { MAX_PRODUCT_ID_LENGTH } from './product-input';
import { explain, type ReasonFacts } from './reasons';
import type { RecommendationsConfig } from '../config';
import { STRATEGIES, type Recommendation, type RecommendationRequest, type RefreshSummary, type StrategyName } from './recommendation.model';
import { recommendationSql } from './recommendations.sql';
import * as refreshSql from './refresh.sql';

export const MAX_RECOMMENDATIONS = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Products kept per segment by the refresh. */
const SEGMENT_TOP = 100;

/** Resolves a visitor's identity to a profile id (the profiles feature does this). */
export interface ProfileLookup {
  byIdentity(kind: 'user_id' | 'anonymous_id', value: string): Promise<{ id: string } | null>;
}

export interface IdentifiedRequest extends Omit<RecommendationRequest, 'profileId'> {
  userId?: string | null;
  anonymousId?: string | null;
}

/** One visitor in a batch: the profile (null when unknown) and, for ALSO_BOUGHT, the product. */
export interface BatchItem {
  profileId: string | null;
  productId?: string | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Recommendations read precomputed tables (similarities, popularity) plus the visitor's
 * own purchases, so one request is one indexed statement. The refresh job recomputes
 * the tables set-based; the ingest hook keeps purchases and the catalog current.
 */
export class RecommendationsService {
  readonly products: ProductCatalog;
  private readonly sql = new Map<StrategyName, string>(STRATEGIES.map((s) => [s, recommendationSql(s)]));

  constructor(
    private readonly db: Database,
    private readonly profiles: ProfileLookup | null,
    readonly config: RecommendationsConfig,
  ) {
    this.products = new ProductCatalog(db);
  }

  /** The stable API other features call. An unknown profile gets POPULAR-style results, never an error. */
  async recommend(request: RecommendationRequest): Promise<Recommendation[]> {
    checkRequest(request);
    if (request.profileId !== null && !UUID.test(request.profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
    const [list] = await this.recommendBatch(request.strategy, [{ profileId: request.profileId, productId: request.productId?.trim() || null }], request);
    return list;
  }

  /**
   * For the GraphQL query: the visitor named by userId (preferred) or anonymousId;
   * neither, or unknown, is a new visitor. `mayPersonalize` is the consent check: a
   * visitor without personalization consent is served exactly as an unknown one
   * (nothing of their history is used).
   */
  async recommendFor(request: IdentifiedRequest, mayPersonalize: (profileId: string) => Promise<boolean> = async () => true): Promise<Recommendation[]> {
    checkRequest(request);
    const profile =
      (request.userId && (await this.profiles?.byIdentity('user_id', request.userId))) ||
      (request.anonymousId && (await this.profiles?.byIdentity('anonymous_id', request.anonymousId))) ||
      null;
    const usable = profile && (await mayPersonalize(profile.id)) ? profile.id : null;
    return this.recommend({ ...request, profileId: usable });
  }

  /** Many visitors, one strategy, ONE statement (the offline evaluation runs exactly this). */
  async recommendBatch(strategy: StrategyName, items: readonly BatchItem[], options: { limit: number; excludePurchased: boolean }): Promise<Recommendation[][]> {
    const { seedItems, viewWeight } = this.config.forYou;
    const params: unknown[] = [items.map((i) => i.profileId), items.map((i) => i.productId ?? null), options.limit, options.excludePurchased];
    if (strategy === 'FOR_YOU') params.push(seedItems, viewWeight);
    // Prepared per strategy: planning this statement costs about as much as running it.
    const { rows } = await this.db.query(this.sql.get(strategy)!, params, `recommend-${strategy.toLowerCase()}`);
    const lists: Recommendation[][] = items.map(() => []);
    for (const r of rows) lists[Number(r.ord) - 1].push(this.toRecommendation(strategy, r));
    return lists;
  }

  /** Recomputes similarities, popularity and segment popularity as of `asOf`, in one transaction. */
  async refresh(asOf: Date = new Date()): Promise<RefreshSummary> {
    if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new ValidationError('must be a valid date', 'asOf');
    const started = Date.now();
    const counts = await this.db.transaction((tx) => this.rebuild(tx, asOf));
    // Fresh statistics after replacing the tables: without them the planner picks plans
    // that made a FOR_YOU query 20× slower in the benchmark.
    await this.db.query(`analyze product_purchases, item_similarities, product_popularity`);
    return { asOf, ...counts, durationMs: Date.now() - started };
  }

  /** Ingest hook (inside the ingestion transaction). */
  onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    return this.products.onStored(tx, batch);
  }

  scheduledJob(): ScheduledJob {
    return { name: 'recommendations refresh', everyMs: this.config.refreshEveryMs, run: () => this.refresh() };
  }

  private async rebuild(tx: Queryable, asOf: Date): Promise<Omit<RefreshSummary, 'asOf' | 'durationMs'>> {
    const { similarity: s, popularity: p } = this.config;
    await tx.query(refreshSql.LOCK_REFRESH);
    await tx.query(refreshSql.REFRESH_WORK_MEM);
    await tx.query(refreshSql.createBaskets(s.basis), [asOf, s.halfLifeDays, s.historyDays, s.maxItemsPerBuyer]);
    await tx.query(refreshSql.ANALYZE_BASKETS);
    await tx.query(refreshSql.CREATE_ITEM_WEIGHTS);
    await tx.query(refreshSql.CLEAR_SIMILARITIES);
    const similarities = (await tx.query(refreshSql.INSERT_SIMILARITIES, [s.smoothing, s.topK])).rowCount ?? 0;
    const { rows } = await tx.query(`select count(distinct product_id)::int as n from item_similarities`);
    await tx.query(refreshSql.CLEAR_POPULARITY);
    const popularProducts = (await tx.query(refreshSql.INSERT_POPULARITY, [asOf, p.windowDays, p.recentDays, p.priorDays])).rowCount ?? 0;
    await tx.query(refreshSql.CLEAR_SEGMENT_POPULARITY);
    const segmentRows = (await tx.query(refreshSql.INSERT_SEGMENT_POPULARITY, [asOf, p.windowDays, SEGMENT_TOP])).rowCount ?? 0;
    return { similarities, itemsWithSimilarities: rows[0].n, popularProducts, segmentRows };
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
