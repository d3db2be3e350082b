import type { Database } from '../db';
import type { WebhookConfig } from '../config';
import { publicKindName, type TriggerKind } from '../triggers';
import { retryDelayMs, signBody, WEBHOOK_HEADERS } from './webhook-signing';
import { CLAIM_DUE_DELIVERIES, RECORD_ATTEMPT } from './webhooks.sql';

/** A claimed delivery with what its request needs. */
interface ClaimedDelivery {
  id: number;
  attempt: number;
  url: string;
  secret: string;
  occurrence: { id: number; kind: TriggerKind; profileId: string; dedupeKey: string; payload: unknown; occurredAt: Date };
}

interface AttemptResult {
  ok: boolean;
  responseStatus: number | null;
  error: string | null;
}

export interface DeliveryRun {
  attempted: number;
  delivered: number;
}

/** Time a claim keeps other workers away beyond the request timeout (recording the result included). */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toClaimed = (r: Row): ClaimedDelivery => ({
  id: Number(r.id),
  attempt: r.attempt,
  url: r.url,
  secret: r.secret,
  occurrence: { id: Number(r.occurrence_id), kind: r.kind, profileId: r.profile_id, dedupeKey: r.dedupe_key, payload: r.payload, occurredAt: r.occurred_at },
});

/**
 * Posts due deliveries. Any number of workers may run against one database (claims use
 * `skip locked`); the server runs one, on the scheduler's leader. Delivery is at least
 * once: a worker that dies between the receiver's answer and recording it leaves the
 * delivery to be retried when its lease runs out, with the same X-Segmentary-Delivery id.
 */
export class WebhookWorker {
  constructor(private readonly db: Database, private readonly config: WebhookConfig) {}

  /** Claims one batch of due deliveries, posts them in parallel and records each outcome. */
  async deliverDue(): Promise<DeliveryRun> {
    const { rows } = await this.db.query(CLAIM_DUE_DELIVERIES, [this.config.batchSize, this.config.timeoutMs + LEASE_MARGIN_MS]);
    const results = await Promise.all(rows.map(toClaimed).map((d) => this.deliver(d)));
    return { attempted: results.length, delivered: results.filter(Boolean).length };
  }

  private async deliver(delivery: ClaimedDelivery): Promise<boolean> {
    const result = await this.post(delivery);
    const status = result.ok ? 'delivered' : delivery.attempt >= this.config.maxAttempts ? 'failed' : 'pending';
    const delay = status === 'pending' ? retryDelayMs(delivery.attempt, { baseMs: this.config.backoffBaseMs, maxMs: this.config.backoffMaxMs }) : null;
    await this.db.query(RECORD_ATTEMPT, [delivery.id, delivery.attempt, status, result.responseStatus, result.error, delay]);
    return result.ok;
  }

  private async post(delivery: ClaimedDelivery): Promise<AttemptResult> {
    const sentAt = new Date();
    const body = JSON.stringify(requestBody(delivery, sentAt));
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Segmentary-Webhooks/1',
          [WEBHOOK_HEADERS.signature]: signBody(delivery.secret, body),
          [WEBHOOK_HEADERS.timestamp]: String(Math.floor(sentAt.getTime() / 1000)),
          [WEBHOOK_HEADERS.delivery]: String(delivery.id),
        },
        body,
      });
      await response.body?.cancel().catch(() => {});
      const ok = response.status >= 200 && response.status < 300;
      return { ok, responseStatus: response.status, error: ok ? null : `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}` };
    } catch (error) {
      return { ok: false, responseStatus: null, error: describeFailure(error, this.config.timeoutMs) };
    }
  }
}

/** The JSON a receiver gets; `sentAt` is inside the signed bytes, so a receiver can refuse stale replays. */
function requestBody(delivery: ClaimedDelivery, sentAt: Date) {
  const o = delivery.occurrence;
  return {
    deliveryId: String(delivery.id),
    attempt: delivery.attempt,
    sentAt: sentAt.toISOString(),
    occurrence: {
      cursor: String(o.id),
      kind: publicKindName(o.kind),
      profileId: o.profileId,
      dedupeKey: o.dedupeKey,
      occurredAt: o.occurredAt.toISOString(),
      payload: o.payload,
    },
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const detail = e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
  return `request failed: ${detail}`.slice(0, MAX_ERROR_LENGTH);
}
