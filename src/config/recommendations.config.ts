import { readEnv, type EnvReader } from './env';

/**
 * What counts as "bought together": the items of one buyer's history (`buyer`, the
 * default: it won the offline evaluation) or of one order (`order`).
 */
export type SimilarityBasis = 'buyer' | 'order';

/** Recommendation tuning, read from the environment once at start-up. */
export interface RecommendationsConfig {
  /** How often the leader recomputes similarities and popularity (SIMILARITY_REFRESH_INTERVAL_MS). */
  refreshEveryMs: number;
  /**
   * How long after ingest stored orders popularity (overall, trending, per segment) is
   * refreshed, and after a read found a FOR_YOU list stale that list is recomputed; at most
   * one such refresh per interval per instance; 0 leaves them to the scheduled refresh
   * (RECS_INGEST_REFRESH_DELAY_MS).
   */
  ingestRefreshDelayMs: number;
  /** Fresh FOR_YOU lists each instance keeps in memory (about 3 KB each); 0 turns it off (RECS_CACHED_LISTS). */
  cachedLists: number;
  similarity: SimilarityParams;
  popularity: PopularityParams;
  forYou: ForYouParams;
}

/**
 * Item-to-item similarity from buyer histories (see src/recommendations/refresh.sql.ts for
 * the formula). The defaults won the offline evaluation on the UCI Online Retail log
 * (scripts/eval-recs.ts); change them only with a new evaluation.
 */
export interface SimilarityParams {
  /** Baskets that count as bought together: a buyer's history, or one order (RECS_SIMILARITY_BASIS). */
  basis: SimilarityBasis;
  /** A purchase this many days before the refresh counts half as much as one today. */
  halfLifeDays: number;
  /** Pseudo-buyers pulling P(j | i) toward j's overall share: larger = safer for rarely bought i, more popular results. */
  smoothing: number;
  /** Only each basket's most recent distinct items count (bounds the pairs a bulk buyer adds). */
  maxItemsPerBuyer: number;
  /** Purchases older than this are ignored. */
  historyDays: number;
  /** Similar items kept per item. */
  topK: number;
}

export interface PopularityParams {
  /** POPULAR counts distinct buyers over this many days. */
  windowDays: number;
  /** TRENDING compares the last `recentDays` ... */
  recentDays: number;
  /** ... with the rate over the `priorDays` before them. */
  priorDays: number;
}

export interface ForYouParams {
  /** The profile's most recent distinct bought or viewed items that seed FOR_YOU. */
  seedItems: number;
  /** Weight of an item only viewed (`Product Viewed`) relative to one bought. */
  viewWeight: number;
  /**
   * Items of each visitor's FOR_YOU list kept ready (user_recommendations); a request for
   * more than remain after inactive products are left out runs the live query. 0: no lists.
   */
  keptItems: number;
}

export const DEFAULT_SIMILARITY: SimilarityParams = { basis: 'buyer', halfLifeDays: 30, smoothing: 20, maxItemsPerBuyer: 100, historyDays: 365, topK: 50 };
export const DEFAULT_POPULARITY: PopularityParams = { windowDays: 90, recentDays: 7, priorDays: 28 };
export const DEFAULT_FOR_YOU: ForYouParams = { seedItems: 20, viewWeight: 0.5, keptItems: 20 };

const SIMILARITY_BASES: readonly SimilarityBasis[] = ['buyer', 'order'];

export function loadRecommendationsConfig(env: NodeJS.ProcessEnv): RecommendationsConfig {
  return readEnv(env, readRecommendationsConfig);
}

export function readRecommendationsConfig(env: EnvReader): RecommendationsConfig {
  const days = (name: string, fallback: number) => env.duration(name, fallback, { unit: 'd', min: 1, max: 3650 });
  const count = (name: string, fallback: number, min = 1) => env.integer(name, fallback, { min, max: 100_000 });
  return {
    refreshEveryMs: env.duration('SIMILARITY_REFRESH_INTERVAL_MS', 3_600_000, { min: 1000 }),
    ingestRefreshDelayMs: env.duration('RECS_INGEST_REFRESH_DELAY_MS', 60_000, { min: 0 }),
    cachedLists: env.integer('RECS_CACHED_LISTS', 20_000, { min: 0, max: 10_000_000 }),
    similarity: {
      basis: env.oneOf('RECS_SIMILARITY_BASIS', SIMILARITY_BASES, DEFAULT_SIMILARITY.basis),
      halfLifeDays: env.duration('RECS_HALF_LIFE_DAYS', DEFAULT_SIMILARITY.halfLifeDays, { unit: 'd', fractions: true, min: 1, max: 3650 }),
      smoothing: env.number('RECS_SMOOTHING', DEFAULT_SIMILARITY.smoothing, { min: 0, max: 1_000_000 }),
      maxItemsPerBuyer: count('RECS_MAX_ITEMS_PER_BUYER', DEFAULT_SIMILARITY.maxItemsPerBuyer, 2),
      historyDays: days('RECS_HISTORY_DAYS', DEFAULT_SIMILARITY.historyDays),
      topK: count('RECS_TOP_K', DEFAULT_SIMILARITY.topK),
    },
    popularity: {
      windowDays: days('RECS_POPULAR_WINDOW_DAYS', DEFAULT_POPULARITY.windowDays),
      recentDays: days('RECS_TRENDING_RECENT_DAYS', DEFAULT_POPULARITY.recentDays),
      priorDays: days('RECS_TRENDING_PRIOR_DAYS', DEFAULT_POPULARITY.priorDays),
    },
    forYou: {
      seedItems: count('RECS_FOR_YOU_SEED_ITEMS', DEFAULT_FOR_YOU.seedItems),
      viewWeight: env.number('RECS_VIEW_WEIGHT', DEFAULT_FOR_YOU.viewWeight, { min: 0, max: 1000 }),
      keptItems: env.integer('RECS_FOR_YOU_KEPT_ITEMS', DEFAULT_FOR_YOU.keptItems, { min: 0, max: 100 }),
    },
  };
}
