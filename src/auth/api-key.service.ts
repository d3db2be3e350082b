import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../common/errors';
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

interface KeyLookup {
  principal: Principal | null;
  userTokenSecret?: string;
}

interface CachedLookup {
  value: Promise<KeyLookup>;
  at: number;
  settled: boolean;
  refreshing: boolean;
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
  private generation = 0;

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
    const cached = this.cache.get(hash);
    if (cached && (Date.now() - cached.at < CACHE_TTL_MS || cached.refreshing)) return cached.value;
    if (cached?.settled) {
      cached.refreshing = true;
      this.remember(hash).catch(() => {
        cached.refreshing = false;
      });
      return cached.value;
    }
    return this.remember(hash);
  }

  /** Reads the key and caches the answer; a failed read is not cached. */
  private remember(hash: string): Promise<KeyLookup> {
    const generation = this.generation;
    const entry: CachedLookup = { value: this.read(hash), at: Date.now(), settled: false, refreshing: false };
    const previous = this.cache.get(hash);
    // While refreshing, the previous answer stays in place until the new one is known.
    if (!previous?.settled) this.cache.set(hash, entry);
    entry.value.then(
      () => {
        entry.settled = true;
        // A read that started before a revocation must not put the old answer back.
        if (generation !== this.generation) return;
        if (this.cache.size > 10_000) this.cache.clear();
        this.cache.set(hash, entry);
      },
      () => {
        if (this.cache.get(hash) === entry) this.cache.delete(hash);
      },
    );
    return entry.value;
  }

  private async read(hash: string): Promise<KeyLookup> {
    const key = await this.em().findOne(ApiKey, { hash, revokedAt: null });
    return { principal: key ? { keyId: key.id, name: key.name, scopes: key.scopes } : null, userTokenSecret: key?.userTokenSecret };
  }

  async create(name: string, scopes: string[], secret = generateApiKeySecret()): Promise<{ key: ApiKey; secret: string; userTokenSecret?: string }> {
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new ValidationError(`unknown scope(s) ${unknown.join(', ')}; allowed: ${SCOPES.join(', ')}`, 'scopes');
    if (!scopes.length) throw new ValidationError('at least one scope is required', 'scopes');
    if (!name.trim()) throw new ValidationError('must not be empty', 'name');
    const em = this.em();
    const userTokenSecret = scopes.includes('personalize') ? `ut_${crypto.randomBytes(32).toString('base64url')}` : undefined;
    const id = await em.insert(ApiKey, { name, prefix: secret.slice(0, 10), hash: hashApiKey(secret), scopes: scopes as Scope[], userTokenSecret });
    const key = await em.findOneOrFail(ApiKey, { id });
    return { key, secret, userTokenSecret };
  }

  /** Makes sure a key with this exact secret exists (used for ADMIN_API_KEY and the dev key). */
  async ensure(name: string, secret: string, scopes: Scope[]): Promise<void> {
    const em = this.em();
    const existing = await em.findOne(ApiKey, { hash: hashApiKey(secret) });
    if (existing) {
      if (existing.revokedAt || existing.scopes.join() !== scopes.join()) {
        await em.nativeUpdate(ApiKey, { id: existing.id }, { revokedAt: null, scopes });
        this.forgetAll();
      }
      return;
    }
    await this.create(name, scopes, secret);
  }

  async revoke(id: string): Promise<ApiKey> {
    const em = this.em();
    const key = await em.findOne(ApiKey, { id });
    if (!key) throw new NotFoundError(`No API key ${id}`);
    if (!key.revokedAt) await em.nativeUpdate(ApiKey, { id, revokedAt: null }, { revokedAt: new Date() });
    this.forgetAll();
    return em.findOneOrFail(ApiKey, { id }, { refresh: true });
  }

  private forgetAll(): void {
    this.generation++;
    this.cache.clear();
  }

  list(): Promise<ApiKey[]> {
    return this.em().find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
  }
}
