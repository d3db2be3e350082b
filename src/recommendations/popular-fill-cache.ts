import { ProfileCache, type CacheRead, type ProfileCacheDeps } from '../realtime';
import type { Recommendation } from './recommendation.model';

/** FOR_YOU for a visitor it knows nothing about: the POPULAR fill, under the label each kind of visitor gets. */
export interface PopularFill {
  /** An id the server has never seen (`unknown_user`). */
  unknownVisitor: Recommendation[];
  /** A known profile that bought and viewed nothing (`no_input`). */
  noHistory: Recommendation[];
}

/** The one entry, filed under a key no profile has: profile notifications never name it. */
const KEY = 'popular-fill';
/** The fill depends on no catalog object of this instance: product changes arrive as notifications. */
const NO_CATALOG = {};

/**
 * The POPULAR fill in memory, per instance, so that first-time visitors and visitors
 * without history cost no database round trip (the kept lists do the same for returning
 * buyers: kept-list-cache.ts). Fresh by notification, as ProfileCache: product_popularity's
 * rewrites say so on `popularity`, and any product write (a deactivation) says
 * `{all: true}` on `recommendations` (migration 20261209000001).
 */
export class PopularFillCache {
  private readonly fill: ProfileCache<PopularFill>;

  constructor(private readonly deps: ProfileCacheDeps) {
    this.fill = new ProfileCache<PopularFill>(1, deps, { channels: ['popularity', 'recommendations'], profileOf: () => KEY });
  }

  /** False while the feed is down: nothing read now would be kept. */
  get keeping(): boolean {
    return this.deps.feed.listening;
  }

  get(): Promise<PopularFill | undefined> {
    return this.fill.get(KEY, NO_CATALOG);
  }

  beginRead(): CacheRead {
    return this.fill.beginRead();
  }

  put(fill: PopularFill, read: CacheRead): void {
    this.fill.put(KEY, fill, read, NO_CATALOG);
  }
}
