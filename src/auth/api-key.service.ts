import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, UnauthenticatedError, ValidationError, normalizeOrigin } from '../common';
import { verifyUserToken } from './end-user';
import { ApiKey, SCOPES, type Scope } from './api-key.entity';
import type { Principal } from './principal';

const CACHE_TTL_MS = 10_000;

export function hashApiKey(secret: string): string {
  return crypto.createHash('sha256').update(secret).digest('hex');
}

export function generateApiKeySecret(): string {
  return `sk_${crypto.randomBytes(24).toString('base64url')}`;
}

/**
 * A key was created, changed or revoked (`keyId`), here or on another instance; without
 * `keyId`, any key may have changed (the change feed reconnected and may have missed some).
 */
export interface KeyChange {
  keyId?: string;
  revoked?: boolean;
}

export type KeyChangeListener = (change: KeyChange) => void | Promise<void>;

/** How ensure() found a configured key: made now, there already, or revoked (and left so). */
export type EnsuredKey = 'created' | 'present' | 'revoked';

export interface NewKeyOptions {
  /** Browser origins the key is restricted to; omitted or null: not restricted. */
  allowedOrigins?: readonly string[] | null;
  /** The secret to store (ADMIN_API_KEY); a random one otherwise. */
  secret?: string;
}

interface KeyLookup {
  principal: Principal | null;
  userTokenSecret?: string;
}

/** One key's cache entry: its last answer (if any), and the read in flight (if any). */
interface CachedLookup {
  answer?: KeyLookup;
  at: number;
  reading?: Promise<KeyLookup>;
}

/**
 * Keys are high-entropy random strings, so a fast SHA-256 is enough to store them
 * safely. Lookups are cached for a few seconds: authentication sits on every request.
 *
 * Writes use `em.insert` / `em.nativeUpdate`, not `flush`: MikroORM's unit of work runs
 * inside an AsyncLocalStorage, and a storage once used installs promise hooks that tax
 * every promise of the process from then on (a few % of CPU per request).
 */
export class ApiKeyService {
  private readonly cache = new Map<string, CachedLookup>();
  private readonly changeListeners = new Set<KeyChangeListener>();

  constructor(private readonly em: () => EntityManager) {}

  async authenticate(secret: string): Promise<Principal | null> {
    return (await this.lookup(secret)).principal;
  }

  /**
   * Authenticates a request: the API key, and for `personalize` keys an optional
   * end-user token signed with that key's user-token secret.
   */
  async authenticateWithUserToken(secret: string, userToken: string | undefined): Promise<Principal | null> {
    const { principal, userTokenSecret } = await this.lookup(secret);
    if (!principal || !userToken) return principal;
    if (!userTokenSecret) throw new UnauthenticatedError('This key cannot verify user tokens (only personalize keys can)');
    return { ...principal, userId: await verifyUserToken(userToken, userTokenSecret) };
  }

  /**
   * One lookup per key at a time, and a stale answer while a refresh runs: when the
   * entry expired under load, every request arriving in the meantime used to start its
   * own database read, and the pile-up showed as a latency spike every 10 s.
   */
  private lookup(secret: string): Promise<KeyLookup> {
    const hash = hashApiKey(secret);
    let entry = this.cache.get(hash);
    if (!entry) {
      if (this.cache.size >= 10_000) this.cache.clear();
      this.cache.set(hash, (entry = { at: 0 }));
    }
    const fresh = Date.now() - entry.at < CACHE_TTL_MS;
    if (entry.answer && fresh) return Promise.resolve(entry.answer);
    const reading = this.refresh(hash, entry);
    if (!entry.answer) return reading;
    // The stale answer serves meanwhile; a failed refresh is retried by the next request.
    reading.catch(() => {});
    return Promise.resolve(entry.answer);
  }

  /**
   * Reads the key into its entry, once however many ask. A failed read leaves the entry
   * as it was. Once the cache is cleared the entry is no longer in it, so a read that
   * started before a revocation cannot put the old answer back.
   */
  private refresh(hash: string, entry: CachedLookup): Promise<KeyLookup> {
    entry.reading ??= this.read(hash).then(
      (answer) => {
        Object.assign(entry, { answer, at: Date.now(), reading: undefined });
        return answer;
      },
      (error: unknown) => {
        entry.reading = undefined;
        throw error;
      },
    );
    return entry.reading;
  }

  private async read(hash: string): Promise<KeyLookup> {
    const key = await this.em().findOne(ApiKey, { hash, revokedAt: null });
    if (!key) return { principal: null };
    const principal: Principal = { keyId: key.id, name: key.name, scopes: key.scopes };
    if (key.allowedOrigins) principal.allowedOrigins = key.allowedOrigins;
    return { principal, userTokenSecret: key.userTokenSecret };
  }

  /**
   * Calls `listener` on every key change: this instance's own at once (before the
   * mutation answers), other instances' when their NOTIFY arrives (keysChanged).
   */
  onChange(listener: KeyChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * A change announced on `segmentary_api_keys` (a trigger on api_keys sends it in the
   * changing transaction), or `{}` after the feed reconnected: forget every cached lookup
   * and tell the listeners.
   */
  async keysChanged(change: KeyChange): Promise<void> {
    this.cache.clear();
    await Promise.all([...this.changeListeners].map((listener) => listener(change)));
  }

  /** Every origin some active key is restricted to (what a CORS preflight may come from). */
  async activeAllowedOrigins(): Promise<string[]> {
    const rows = await this.em()
      .getConnection()
      .execute<{ origin: string }[]>(`select distinct unnest(allowed_origins) as origin from api_keys where revoked_at is null and allowed_origins is not null`);
    return rows.map((r) => r.origin);
  }

  /** Those of `ids` that are revoked or gone. */
  async revokedAmong(ids: readonly string[]): Promise<string[]> {
    if (!ids.length) return [];
    const active = await this.em().find(ApiKey, { id: { $in: [...ids] }, revokedAt: null }, { fields: ['id'] });
    const alive = new Set(active.map((k) => k.id));
    return ids.filter((id) => !alive.has(id));
  }

  async create(name: string, scopes: string[], options: NewKeyOptions = {}): Promise<{ key: ApiKey; secret: string; userTokenSecret?: string }> {
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new ValidationError(`unknown scope(s) ${unknown.join(', ')}; allowed: ${SCOPES.join(', ')}`, 'scopes');
    if (!scopes.length) throw new ValidationError('at least one scope is required', 'scopes');
    if (!name.trim()) throw new ValidationError('must not be empty', 'name');
    const allowedOrigins = options.allowedOrigins ? originList(options.allowedOrigins) : undefined;
    const secret = options.secret ?? generateApiKeySecret();
    const em = this.em();
    const userTokenSecret = scopes.includes('personalize') ? `ut_${crypto.randomBytes(32).toString('base64url')}` : undefined;
    const id = await em.insert(ApiKey, { name, prefix: secret.slice(0, 10), hash: hashApiKey(secret), scopes: scopes as Scope[], userTokenSecret, allowedOrigins });
    await this.keysChanged({ keyId: id, revoked: false });
    const key = await em.findOneOrFail(ApiKey, { id });
    return { key, secret, userTokenSecret };
  }

  /**
   * Makes sure a key with this exact secret exists (ADMIN_API_KEY, the development key).
   * A revoked one stays revoked: a restart must not undo a revocation. The caller decides
   * what to do about it (src/main.ts).
   */
  async ensure(name: string, secret: string, scopes: Scope[]): Promise<EnsuredKey> {
    const em = this.em();
    const existing = await em.findOne(ApiKey, { hash: hashApiKey(secret) });
    if (!existing) {
      await this.create(name, scopes, { secret });
      return 'created';
    }
    if (existing.revokedAt) return 'revoked';
    if (existing.scopes.join() !== scopes.join()) {
      await em.nativeUpdate(ApiKey, { id: existing.id }, { scopes });
      await this.keysChanged({ keyId: existing.id, revoked: false });
    }
    return 'present';
  }

  /** Revokes at once here; other instances follow when the trigger's NOTIFY reaches them (milliseconds). */
  async revoke(id: string): Promise<ApiKey> {
    const em = this.em();
    const key = await em.findOne(ApiKey, { id });
    if (!key) throw new NotFoundError(`No API key ${id}`);
    if (!key.revokedAt) await em.nativeUpdate(ApiKey, { id, revokedAt: null }, { revokedAt: new Date() });
    await this.keysChanged({ keyId: id, revoked: true });
    return em.findOneOrFail(ApiKey, { id }, { refresh: true });
  }

  list(): Promise<ApiKey[]> {
    return this.em().find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
  }
}

/** allowedOrigins as given to createApiKey, normalized; BAD_USER_INPUT naming the entry otherwise. */
function originList(given: readonly string[]): string[] {
  const origins = given.map((raw, i) => {
    try {
      return normalizeOrigin(raw);
    } catch (error) {
      throw new ValidationError((error as Error).message, `allowedOrigins[${i}]`);
    }
  });
  return [...new Set(origins)];
}
