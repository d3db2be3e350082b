import { UnauthenticatedError } from '../common';
import type { KeyChangeListener, Principal } from '../auth';
import type { AppMetrics } from '../ops';
import { assertKeyServesOrigin } from './cors';
import type { RateLimiter } from './rate-limiter';
import type { RequestInfo } from './request-log';

/** What the HTTP wing needs from the API key service: authentication, and news of key changes. */
export interface KeyAuthenticator {
  authenticateWithUserToken(secret: string, userToken: string | undefined): Promise<Principal | null>;
  /** Called for every key created, changed or revoked, on any instance (see ApiKeyService.onChange). */
  onChange(listener: KeyChangeListener): () => void;
  /** Every origin some active key is restricted to. */
  activeAllowedOrigins(): Promise<string[]>;
  /** Those of `ids` that are revoked or gone. */
  revokedAmong(ids: readonly string[]): Promise<string[]>;
}

/**
 * Who may come in: the API key of a request (and, for `personalize` keys, an end-user
 * token), then one token of that key's rate-limit bucket.
 */
export class Admission {
  constructor(
    private readonly keys: KeyAuthenticator,
    private readonly limiter: RateLimiter,
    private readonly metrics: AppMetrics,
  ) {}

  /**
   * `Authorization: Bearer <key>` and an optional `X-User-Token`; undefined without a header.
   * A key restricted to other origins than the request's `Origin` is FORBIDDEN.
   */
  async bearer(header: string | undefined, userToken?: string, origin?: string): Promise<Principal | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <key>"');
    const principal = await this.keys.authenticateWithUserToken(match[1], userToken);
    if (!principal) throw new UnauthenticatedError('Unknown or revoked API key');
    assertKeyServesOrigin(principal, origin);
    return principal;
  }

  /** A write key given any way the Segment convention allows (see segment-v1.ts), with an optional end-user token, checked against `Origin` like bearer(). */
  async writeKey(secret: string, userToken?: string, origin?: string): Promise<Principal | undefined> {
    const principal = await this.keys.authenticateWithUserToken(secret, userToken);
    if (principal) assertKeyServesOrigin(principal, origin);
    return principal ?? undefined;
  }

  /** Every authenticated request spends a token of its key's bucket. */
  admit(principal: Principal, info?: RequestInfo): void {
    if (info) {
      info.keyName = principal.name;
      info.keyId = principal.keyId;
    }
    try {
      this.limiter.take(principal);
    } catch (error) {
      this.metrics.countRateLimited();
      throw error;
    }
  }
}
