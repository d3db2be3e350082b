import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../common';
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
        this.cache.clear();
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
    this.cache.clear();
    return em.findOneOrFail(ApiKey, { id }, { refresh: true });
  }

  list(): Promise<ApiKey[]> {
    return this.em().find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
  }
}
