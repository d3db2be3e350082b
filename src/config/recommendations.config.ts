import { numberFromEnv } from './env';

/**
 * What counts as "bought together": the items of one buyer's history (`buyer`, the
 * default: it won the offline evaluation) or of one order (`order`).
 */
export type SimilarityBasis = 'buyer' | 'order';

/** Recommendation tuning, read from the environment once at start-up. */
export interface RecommendationsConfig {
  /** How often the leader recomputes similarities and popularity (SIMILARITY_REFRESH_INTERVAL_MS). */
  refreshEveryMs: number;
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
}

export const DEFAULT_SIMILARITY: SimilarityParams = { basis: 'buyer', halfLifeDays: 30, smoothing: 20, maxItemsPerBuyer: 100, historyDays: 365, topK: 50 };
export const DEFAULT_POPULARITY: PopularityParams = { windowDays: 90, recentDays: 7, priorDays: 28 };
export const DEFAULT_FOR_YOU: ForYouParams = { seedItems: 20, viewWeight: 0.5 };


function basisFrom(raw: string | undefined): SimilarityBasis {
  if (raw === undefined || raw === '') return DEFAULT_SIMILARITY.basis;
  if (raw !== 'buyer' && raw !== 'order') throw new Error(`RECS_SIMILARITY_BASIS: expected buyer or order, got "${raw}"`);
  return raw;
}

export function loadRecommendationsConfig(env: NodeJS.ProcessEnv): RecommendationsConfig {
  return {
    refreshEveryMs: numberFromEnv(env, 'SIMILARITY_REFRESH_INTERVAL_MS', 3_600_000, { min: 1000 }),
    similarity: {
      basis: basisFrom(env.RECS_SIMILARITY_BASIS),
      halfLifeDays: numberFromEnv(env, 'RECS_HALF_LIFE_DAYS', DEFAULT_SIMILARITY.halfLifeDays, { integer: false }),
      smoothing: numberFromEnv(env, 'RECS_SMOOTHING', DEFAULT_SIMILARITY.smoothing, { integer: false, min: 0 }),
      maxItemsPerBuyer: numberFromEnv(env, 'RECS_MAX_ITEMS_PER_BUYER', DEFAULT_SIMILARITY.maxItemsPerBuyer, { min: 2 }),
      historyDays: numberFromEnv(env, 'RECS_HISTORY_DAYS', DEFAULT_SIMILARITY.historyDays),
      topK: numberFromEnv(env, 'RECS_TOP_K', DEFAULT_SIMILARITY.topK),
    },
    popularity: {
      windowDays: numberFromEnv(env, 'RECS_POPULAR_WINDOW_DAYS', DEFAULT_POPULARITY.windowDays),
      recentDays: numberFromEnv(env, 'RECS_TRENDING_RECENT_DAYS', DEFAULT_POPULARITY.recentDays),
      priorDays: numberFromEnv(env, 'RECS_TRENDING_PRIOR_DAYS', DEFAULT_POPULARITY.priorDays),
    },
    forYou: {
      seedItems: numberFromEnv(env, 'RECS_FOR_YOU_SEED_ITEMS', DEFAULT_FOR_YOU.seedItems),
      viewWeight: numberFromEnv(env, 'RECS_VIEW_WEIGHT', DEFAULT_FOR_YOU.viewWeight, { integer: false, min: 0 }),
    },
  };
}
