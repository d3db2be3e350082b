import { RateLimitedError } from '../common';
import type { Principal } from '../auth';
import type { RateLimit, RateLimits } from '../config';

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket per API key, in this process's memory. Behind a load balancer each of N
 * instances keeps its own buckets, so a key may reach N times its limit overall; a shared
 * store (Redis, or a PostgreSQL row per key) would make it exact at one round trip per request.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The limit a key lives under: the most generous among its scopes, else the default. */
  limitFor(principal: Principal): RateLimit {
    const candidates = principal.scopes.map((s) => this.limits.byScope[s]).filter((l): l is RateLimit => !!l);
    if (!candidates.length) return this.limits.default;
    if (candidates.some((l) => l.perSecond === 0)) return { perSecond: 0, burst: 0 };
    return candidates.reduce((best, l) => (l.perSecond > best.perSecond ? l : best));
  }

  /** Takes one token for this key or throws RATE_LIMITED with the seconds until one is free. */
  take(principal: Principal): void {
    const limit = this.limitFor(principal);
    if (limit.perSecond === 0) return;
    const now = this.now();
    const bucket = this.buckets.get(principal.keyId) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * limit.perSecond);
    bucket.at = now;
    this.buckets.set(principal.keyId, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return;
    }
    const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / limit.perSecond));
    throw new RateLimitedError(`Rate limit exceeded for this key (${limit.perSecond}/s, burst ${limit.burst}); retry after ${retryAfterSeconds} s`, {
      retryAfterSeconds,
    });
  }
}
