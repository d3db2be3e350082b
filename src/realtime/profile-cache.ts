import type { Channel, ChangeFeed, ChangeMessage, CommitCounting } from './change-feed';

/** Taken before reading a value from the database; `put` refuses it if its profile changed meanwhile. */
export interface CacheRead {
  generation: number;
  connection: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  size: number;
}

/** The feed and database a cache follows (narrowed so the contract is visible). */
export interface ProfileCacheDeps {
  feed: Pick<ChangeFeed, 'listening' | 'connection' | 'caughtUpWith' | 'on'>;
  db: CommitCounting;
}

/** What a cache keeps and how it hears of changes. */
export interface ProfileCacheOptions<T> {
  /** Channels whose notifications name changed profiles (`{profiles: [...]}`; any other payload means all). */
  channels: readonly Channel[];
  /** The profile a value belongs to (its entries go when that profile changes). */
  profileOf(value: T): string;
}

/** How many recent invalidations are remembered to judge reads that were in flight. */
const INVALIDATION_LOG = 64;

/**
 * Per-instance memory of values read from the database about one profile each (decision
 * facts, FOR_YOU lists), by a caller's key, so a frontend's request needs no database
 * round trip. Past `capacity` the least recently used entries go first (nearly: see `get`).
 *
 * Fresh by notification, not by expiry: every change to what a value is made of NOTIFYs
 * the profile's id on one of `options.channels`, and each instance drops that profile's
 * entries. Changes committed on this instance are seen by its very next request: after a
 * local commit, a lookup first waits for the feed to deliver everything committed so far
 * (`ChangeFeed.caughtUpWith`, one round trip shared by concurrent lookups and caches). Another instance's
 * change shows once its NOTIFY arrives (about a millisecond). Without a LISTEN connection
 * nothing is served or kept.
 */
export class ProfileCache<T> {
  /** In recency order (Map keeps insertion order); `used` is when an entry was last moved to the end. */
  private readonly entries = new Map<string, { value: T; profileId: string; used: number }>();
  private uses = 0;
  private readonly keysByProfile = new Map<string, string[]>();
  private generation = 0;
  private readonly invalidations: { generation: number; profiles: ReadonlySet<string> | 'all' }[] = [];
  /** The feed connection and segment catalog the entries were read under. */
  private filledUnder?: { connection: number; catalog: object };
  private hits = 0;
  private misses = 0;

  constructor(
    private readonly capacity: number,
    private readonly deps: ProfileCacheDeps,
    private readonly options: ProfileCacheOptions<T>,
  ) {
    for (const channel of options.channels) deps.feed.on(channel, (_range, message) => this.invalidate(profilesNamed(message)));
  }

  /** The value for `key` when it can be trusted now; undefined sends the caller to the database. */
  async get(key: string, catalog: object): Promise<T | undefined> {
    if (!this.usable(catalog)) return this.miss();
    if (!(await this.deps.feed.caughtUpWith(this.deps.db))) return this.miss();
    const entry = this.entries.get(key);
    if (!entry) return this.miss();
    // Only entries in the older half move to the end: nearly LRU, without rewriting (and
    // regrowing) the Map on every hit, which would churn the old generation of the heap.
    if (this.uses - entry.used > this.capacity / 2) {
      this.entries.delete(key);
      entry.used = ++this.uses;
      this.entries.set(key, entry);
    }
    this.hits++;
    return entry.value;
  }

  beginRead(): CacheRead {
    return { generation: this.generation, connection: this.deps.feed.connection };
  }

  /** Keeps a value read from the database, unless its profile may have changed since `read` began. */
  put(key: string, value: T, read: CacheRead, catalog: object): void {
    const profileId = this.options.profileOf(value);
    const sameConnection = this.deps.feed.listening && read.connection === this.deps.feed.connection && this.filledUnder?.connection === read.connection;
    if (!sameConnection || this.filledUnder?.catalog !== catalog || this.changedSince(read.generation, profileId)) return;
    this.remove(key);
    this.entries.set(key, { value, profileId, used: ++this.uses });
    const keys = this.keysByProfile.get(profileId);
    if (keys) keys.push(key);
    else this.keysByProfile.set(profileId, [key]);
    if (this.entries.size > this.capacity) this.remove(this.entries.keys().next().value!);
  }

  /** Drops what is known about these profiles ('all': everything). */
  invalidate(profiles: readonly string[] | 'all'): void {
    this.generation++;
    this.invalidations.push({ generation: this.generation, profiles: profiles === 'all' ? 'all' : new Set(profiles) });
    if (this.invalidations.length > INVALIDATION_LOG) this.invalidations.shift();
    if (profiles === 'all') {
      this.entries.clear();
      this.keysByProfile.clear();
      return;
    }
    for (const profileId of profiles) {
      for (const key of this.keysByProfile.get(profileId) ?? []) this.entries.delete(key);
      this.keysByProfile.delete(profileId);
    }
  }

  get stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, size: this.entries.size };
  }

  private miss(): undefined {
    this.misses++;
    return undefined;
  }

  /**
   * Entries hold only while the feed that keeps them fresh is up, and for the connection and
   * catalog they were read under: a reconnect or a new catalog drops them all here.
   */
  private usable(catalog: object): boolean {
    if (!this.deps.feed.listening) return false;
    const connection = this.deps.feed.connection;
    if (this.filledUnder?.connection !== connection || this.filledUnder.catalog !== catalog) {
      if (this.filledUnder) this.invalidate('all');
      this.filledUnder = { connection, catalog };
    }
    return true;
  }

  private changedSince(generation: number, profileId: string): boolean {
    if (generation === this.generation) return false;
    const oldest = this.invalidations[0];
    if (!oldest || oldest.generation > generation + 1) return true; // the log no longer reaches back that far
    return this.invalidations.some((i) => i.generation > generation && (i.profiles === 'all' || i.profiles.has(profileId)));
  }

  private remove(key: string): void {
    const profileId = this.entries.get(key)?.profileId;
    if (profileId === undefined) return;
    this.entries.delete(key);
    const keys = this.keysByProfile.get(profileId)?.filter((k) => k !== key);
    if (keys?.length) this.keysByProfile.set(profileId, keys);
    else this.keysByProfile.delete(profileId);
  }
}

/** The profiles a notification names; 'all' when it names none (a big change, or an older writer). */
function profilesNamed(message: ChangeMessage): readonly string[] | 'all' {
  const profiles = message.profiles;
  return Array.isArray(profiles) && profiles.every((p) => typeof p === 'string') ? profiles : 'all';
}
