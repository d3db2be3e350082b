import { ProfileCache, type CacheRead, type ProfileCacheDeps } from '../realtime';
import type { Product, Recommendation } from './recommendation.model';

/** A visitor's fresh kept list as served: inactive products left out, in rank order. */
export interface KeptList {
  profileId: string;
  items: Recommendation[];
  /** No list state although lists cover every visitor: the visitor bought and viewed nothing. */
  noHistory: boolean;
}

/** Kept lists depend on no catalog object of this instance: product changes arrive as notifications. */
const NO_CATALOG = {};

/**
 * Fresh FOR_YOU lists in memory, per instance, so a returning visitor's FOR_YOU needs no
 * database round trip (as the decision facts, with the same freshness rule: ProfileCache).
 * Triggers on `recommendation_lists` name the visitor whose list state was written (marked
 * stale by ingest, recomputed, dropped by a merge or an erasure) and any product write
 * drops everything (migration 20261207900001). Products are shared between lists (one
 * object per product version), so an entry costs about its items' scores and reasons.
 * A visitor without history is kept too (no items), until a purchase or view inserts
 * their list state and its trigger names them.
 */
export class KeptListCache {
  private readonly lists: ProfileCache<KeptList>;
  private readonly products = new Map<string, Product>();

  constructor(capacity: number, deps: ProfileCacheDeps) {
    this.lists = new ProfileCache<KeptList>(capacity, deps, { channels: ['recommendations'], profileOf: (list) => list.profileId });
  }

  get(profileId: string): Promise<KeptList | undefined> {
    return this.lists.get(profileId, NO_CATALOG);
  }

  beginRead(): CacheRead {
    return this.lists.beginRead();
  }

  put(list: KeptList, read: CacheRead): void {
    for (const item of list.items) item.product = this.shared(item.product);
    this.lists.put(list.profileId, list, read, NO_CATALOG);
  }

  private shared(product: Product): Product {
    const known = this.products.get(product.id);
    if (known && known.updatedAt.getTime() === product.updatedAt.getTime()) return known;
    this.products.set(product.id, product);
    return product;
  }
}
