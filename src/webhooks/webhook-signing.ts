import crypto from 'node:crypto';

/** Headers of every webhook request. */
export const WEBHOOK_HEADERS = {
  /** `sha256=<hex HMAC-SHA256 of the raw request body, keyed with the webhook's secret>` */
  signature: 'X-Segmentary-Signature',
  /** Unix seconds when this attempt was sent (also `sentAt` inside the signed body). */
  timestamp: 'X-Segmentary-Timestamp',
  /** The delivery id: the same on every retry, so receivers can drop repeats. */
  delivery: 'X-Segmentary-Delivery',
} as const;

export function generateWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString('base64url')}`;
}

export function signBody(secret: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw body and compare in constant time. */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export interface Backoff {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before the next attempt after `failedAttempts` failures: base × 2^(failures − 1),
 * capped, then spread ±20% so receivers that failed together are not retried in lockstep.
 */
export function retryDelayMs(failedAttempts: number, { baseMs, maxMs }: Backoff, random: () => number = Math.random): number {
  const exponential = Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), maxMs);
  return Math.round(exponential * (0.8 + 0.4 * random()));
}
