import { RateLimitedError } from '../common';
import type { Principal } from '../auth';
import { loadRateLimits } from '../config';
import { RateLimiter } from './rate-limiter';

const key = (keyId: string, ...scopes: Principal['scopes'][number][]): Principal => ({ keyId, name: keyId, scopes });

describe('RateLimiter', () => {
  test('spends the burst, then refills at the rate and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter({ default: { perSecond: 2, burst: 3 }, byScope: {} }, () => now);
    const k = key('a', 'read');
    for (let i = 0; i < 3; i++) limiter.take(k);
    expect(() => limiter.take(k)).toThrow(RateLimitedError);
    try {
      limiter.take(k);
    } catch (e) {
      expect((e as RateLimitedError).details).toEqual({ retryAfterSeconds: 1 });
    }
    now += 500; // one token back at 2/s
    expect(() => limiter.take(k)).not.toThrow();
    expect(() => limiter.take(k)).toThrow(RateLimitedError);
    now += 10_000; // refills to the burst, not beyond
    for (let i = 0; i < 3; i++) limiter.take(k);
    expect(() => limiter.take(k)).toThrow(RateLimitedError);
  });

  test('keys have separate buckets', () => {
    const limiter = new RateLimiter({ default: { perSecond: 1, burst: 1 }, byScope: {} }, () => 0);
    limiter.take(key('a', 'read'));
    expect(() => limiter.take(key('a', 'read'))).toThrow(RateLimitedError);
    expect(() => limiter.take(key('b', 'read'))).not.toThrow();
  });

  test.each([
    [['read'], { perSecond: 100, burst: 200 }],
    [['personalize'], { perSecond: 1000, burst: 2000 }],
    [['read', 'personalize'], { perSecond: 1000, burst: 2000 }],
    [['admin'], { perSecond: 0, burst: 0 }],
  ])('defaults: a %j key gets %j', (scopes, expected) => {
    const limiter = new RateLimiter(loadRateLimits({}));
    expect(limiter.limitFor(key('k', ...(scopes as Principal['scopes'][number][])))).toEqual(expected);
  });

  test('per-scope settings from the environment; the burst follows a changed rate', () => {
    const limits = loadRateLimits({ RATE_LIMIT_PER_SECOND: '5', RATE_LIMIT_INGEST_PER_SECOND: '50', RATE_LIMIT_PERSONALIZE_BURST: '10' });
    expect(limits.default).toEqual({ perSecond: 5, burst: 10 });
    expect(limits.byScope.ingest).toEqual({ perSecond: 50, burst: 100 });
    expect(limits.byScope.personalize).toEqual({ perSecond: 1000, burst: 10 });
    expect(() => loadRateLimits({ RATE_LIMIT_PER_SECOND: 'lots' })).toThrow(/RATE_LIMIT_PER_SECOND/);
  });
});
