import crypto from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, ValidationError } from '../common/errors';
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
 * Keys are high-entropy random strings, so a fast SHA-256 is enough to store them
 * safely. Lookups are cached for a few seconds: authentication sits on every request.
 */
export class ApiKeyService {
  private readonly cache = new Map<string, { principal: Principal | null; at: number }>();

  constructor(private readonly em: () => EntityManager) {}

  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashApiKey(secret);
    const cached = this.cache.get(hash);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS) return cached.principal;
    const key = await this.em().findOne(ApiKey, { hash, revokedAt: null });
    const principal = key ? { keyId: key.id, name: key.name, scopes: key.scopes } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, at: Date.now() });
    return principal;
  }

  async create(name: string, scopes: string[], secret = generateApiKeySecret()): Promise<{ key: ApiKey; secret: string }> {
    const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) throw new ValidationError(`unknown scope(s) ${unknown.join(', ')}; allowed: ${SCOPES.join(', ')}`, 'scopes');
    if (!scopes.length) throw new ValidationError('at least one scope is required', 'scopes');
    if (!name.trim()) throw new ValidationError('must not be empty', 'name');
    const em = this.em();
    const key = em.create(ApiKey, { name, prefix: secret.slice(0, 10), hash: hashApiKey(secret), scopes: scopes as Scope[] });
    await em.persistAndFlush(key);
    return { key, secret };
  }

  /** Makes sure a key with this exact secret exists (used for ADMIN_API_KEY and the dev key). */
  async ensure(name: string, secret: string, scopes: Scope[]): Promise<void> {
    const em = this.em();
    const existing = await em.findOne(ApiKey, { hash: hashApiKey(secret) });
    if (existing) {
      if (existing.revokedAt || existing.scopes.join() !== scopes.join()) {
        existing.revokedAt = undefined;
        existing.scopes = scopes;
        await em.flush();
      }
      return;
    }
    await this.create(name, scopes, secret);
  }

  async revoke(id: string): Promise<ApiKey> {
    const em = this.em();
    const key = await em.findOne(ApiKey, { id });
    if (!key) throw new NotFoundError(`No API key ${id}`);
    key.revokedAt ??= new Date();
    await em.flush();
    this.cache.clear();
    return key;
  }

  list(): Promise<ApiKey[]> {
    return this.em().find(ApiKey, {}, { orderBy: { createdAt: 'asc' } });
  }
}
