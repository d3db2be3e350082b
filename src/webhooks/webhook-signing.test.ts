import crypto from 'node:crypto';
import { generateWebhookSecret, retryDelayMs, signBody, verifySignature } from './webhook-signing';

describe('webhook signatures', () => {
  test('sha256=<hex HMAC-SHA256 of the raw body>, matching a known vector', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signBody('Jefe', 'what do ya want for nothing?')).toBe('sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });

  test('a receiver verifies the exact bytes with the right secret only', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ occurrence: { kind: 'BIRTHDAY', payload: { name: 'Zoë ✓' } } });
    const header = signBody(secret, body);
    expect(verifySignature(secret, body, header)).toBe(true);
    expect(verifySignature(secret, `${body} `, header)).toBe(false);
    expect(verifySignature(generateWebhookSecret(), body, header)).toBe(false);
    expect(verifySignature(secret, body, header.toUpperCase())).toBe(false);
    expect(verifySignature(secret, body, undefined)).toBe(false);
    expect(verifySignature(secret, body, 'sha256=')).toBe(false);
  });

  test('generated secrets are long and distinct', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(generateWebhookSecret());
    expect(crypto.createHmac('sha256', a).update('x').digest('hex')).toHaveLength(64);
  });
});

describe('retry backoff', () => {
  const backoff = { baseMs: 30_000, maxMs: 6 * 3_600_000 };

  test.each([
    [1, 30_000],
    [2, 60_000],
    [3, 120_000],
    [7, 1_920_000],
    [20, 6 * 3_600_000],
  ])('after %i failed attempt(s): %i ms without jitter', (failures, expected) => {
    expect(retryDelayMs(failures, backoff, () => 0.5)).toBe(expected);
  });

  test('jitter spreads the delay by ±20%', () => {
    expect(retryDelayMs(2, backoff, () => 0)).toBe(48_000);
    expect(retryDelayMs(2, backoff, () => 0.999999)).toBe(72_000);
  });

  test('a zero base retries at once (tests)', () => {
    expect(retryDelayMs(5, { baseMs: 0, maxMs: 0 })).toBe(0);
  });
});
