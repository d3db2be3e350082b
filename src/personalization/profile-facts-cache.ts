import type { Queryable } from '../db';
import type { ChangeFeed, ChangeMessage } from '../realtime';

/** What a decision needs to know about a profile, as last read from the database. */
export interface ProfileFacts {
  profileId: string;
  /** Personalization consent as recorded (the request's own context is applied on top). */
  consented: boolean;
  segmentIds: ReadonlySet<string>;
}

/** Taken before reading facts from the database; `put` refuses them if they changed meanwhile. */
export interface FactsRead {
  generation: number;
  connection: number;
}

export interface FactsCacheStats {
  hits: number;
  misses: number;
  size: number;
}

/** The feed and database this cache follows (narrowed so the contract is visible). */
export interface FactsCacheDeps {
  feed: Pick<ChangeFeed, 'listening' | 'connection' | 'fence' | 'on'>;
  db: Queryable & { readonly commits: number };
}

/** How many recent invalidations are remembered to judge reads that were in flight. */
const INVALIDATION_LOG = 64;

/**
 * Per-instance memory of profile facts by identity (user id, or anonymous id when no user
 * id was given), so a frontend's decision needs no database round trip. Past `capacity`
 * the least recently used entries go first (nearly: see `get`); only identities that name
 * a profile are kept.
 *
 * Fresh by notification, not by expiry: every change to a profile's memberships, consents
 * or identities NOTIFYs its id (membership statements, and triggers on identities and
 * consents), and each instance drops that profile's entries. Changes committed on this
 * instance are seen by its very next decision: after a local commit, a lookup first waits
 * for the feed to deliver everything committed so far (`ChangeFeed.fence`, one round trip
 * shared by concurrent lookups). Another instance's change shows once its NOTIFY arrives
 * (about a millisecond). Without a LISTEN connection nothing is served or kept.
 */
export class ProfileFactsCache {
  /** In recency order (Map keeps insertion order); `used` is when an entry was last moved to the end. */
  private readonly entries = new Map<string, { facts: ProfileFacts; used: number }>();
  private uses = 0;
  private readonly keysByProfile = new Map<string, string[]>();
  private generation = 0;
  private readonly invalidations: { generation: number; profiles: ReadonlySet<string> | 'all' }[] = [];
  /** The feed connection and segment catalog the entries were read under. */
  private filledUnder?: { connection: number; catalog: object };
  private fencedCommits: number;
  private fencing?: { commits: number; done: Promise<boolean> };
  private hits = 0;
  private misses = 0;

  constructor(private readonly capacity: number, private readonly deps: FactsCacheDeps) {
    this.fencedCommits = deps.db.commits;
    deps.feed.on('membership', (_range, message) => this.invalidate(profilesNamed(message)));
    deps.feed.on('profiles', (_range, message) => this.invalidate(profilesNamed(message)));
  }

  /** The facts for `key` when they can be trusted now; undefined sends the caller to the database. */
  async get(key: string, catalog: object): Promise<ProfileFacts | undefined> {
    if (!this.usable(catalog)) return this.miss();
    const commits = this.deps.db.commits;
    if (commits !== this.fencedCommits && !(await this.fenceUpTo(commits))) return this.miss();
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
    return entry.facts;
  }

  beginRead(): FactsRead {
    return { generation: this.generation, connection: this.deps.feed.connection };
  }

  /** Keeps facts read from the database, unless they may have changed since `read` began. */
  put(key: string, facts: ProfileFacts, read: FactsRead, catalog: object): void {
    const sameConnection = this.deps.feed.listening && read.connection === this.deps.feed.connection && this.filledUnder?.connection === read.connection;
    if (!sameConnection || this.filledUnder?.catalog !== catalog || this.changedSince(read.generation, facts.profileId)) return;
    this.remove(key);
    this.entries.set(key, { facts, used: ++this.uses });
    const keys = this.keysByProfile.get(facts.profileId);
    if (keys) keys.push(key);
    else this.keysByProfile.set(facts.profileId, [key]);
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

  get stats(): FactsCacheStats {
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

  private fenceUpTo(commits: number): Promise<boolean> {
    if (this.fencing && this.fencing.commits >= commits) return this.fencing.done;
    const done = this.deps.feed.fence(this.deps.db).then((arrived) => {
      if (arrived && commits > this.fencedCommits) this.fencedCommits = commits;
      if (this.fencing?.done === done) this.fencing = undefined;
      return arrived;
    });
    this.fencing = { commits, done };
    return done;
  }

  private remove(key: string): void {
    const profileId = this.entries.get(key)?.facts.profileId;
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
