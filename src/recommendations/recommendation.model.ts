/** Domain shapes of the recommendations feature (the GraphQL types in recommendations.types.ts mirror them). */

export const STRATEGIES = ['POPULAR', 'TRENDING', 'SEGMENT_POPULAR', 'ALSO_BOUGHT', 'FOR_YOU'] as const;
export type StrategyName = (typeof STRATEGIES)[number];

export interface Product {
  id: string;
  name: string | null;
  category: string | null;
  price: number | null;
  imageUrl: string | null;
  url: string | null;
  attributes: Record<string, unknown>;
  active: boolean;
  updatedAt: Date;
  firstSeenAt: Date;
}

export interface Recommendation {
  product: Product;
  score: number;
  /** Why this item, in words a shop could show: "42 customers who bought X also bought this". */
  reason: string;
  /** The strategy that produced this item: POPULAR when it filled in for the one asked. */
  strategy: StrategyName;
}

/** The stable API other features call (personalization's userContext among them). */
export interface RecommendationRequest {
  profileId: string | null;
  strategy: StrategyName;
  productId?: string | null;
  limit: number;
  excludePurchased: boolean;
}

/** What an admin may set on a product; an absent field is left as it is, null clears it. */
export interface ProductUpsert {
  id: string;
  name?: string | null;
  category?: string | null;
  price?: number | null;
  imageUrl?: string | null;
  url?: string | null;
  attributes?: Record<string, unknown> | null;
  active?: boolean | null;
}

/** What one refresh of similarities and popularity wrote. */
export interface RefreshSummary {
  asOf: Date;
  similarities: number;
  itemsWithSimilarities: number;
  popularProducts: number;
  segmentRows: number;
  /** Visitors whose FOR_YOU lists were written. */
  visitorLists: number;
  durationMs: number;
}
