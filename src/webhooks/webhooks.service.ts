import type { Database, Queryable } from '../db';
import { NotFoundError, ValidationError, checkPageSize, decodeCursor, encodeCursor, toPage, type Page, isUuid } from '../common';
import type { ScheduledJob } from '../scheduler';
import type { WebhookConfig } from '../config';
import { TRIGGER_KINDS, type TriggerKind, toOccurrence, type FiredOccurrence } from '../triggers';
import { generateWebhookSecret } from './webhook-signing';
import { WebhookWorker, type DeliveryRun } from './webhook-worker';
import { DELETE_WEBHOOK, DELIVERIES_PAGE, ENQUEUE_DELIVERIES, INSERT_WEBHOOK, LIST_WEBHOOKS, WEBHOOK_EXISTS } from './webhooks.sql';
import type { CreatedWebhook, Webhook, WebhookDelivery, WebhookDeliveryStatus } from './webhooks.types';

const MAX_URL_LENGTH = 2048;
const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toWebhook = (r: Row): Webhook => ({ id: r.id, url: r.url, kinds: r.kinds, active: r.active, createdAt: r.created_at });

const toDelivery = (r: Row): WebhookDelivery => ({
  id: String(r.id),
  occurrence: toOccurrence({ ...r, id: r.occurrence_id }),
  status: r.status,
  attempt: r.attempt,
  responseStatus: r.response_status,
  error: r.error,
  createdAt: r.created_at,
  lastAttemptAt: r.last_attempt_at,
  nextAttemptAt: r.next_attempt_at,
  deliveredAt: r.delivered_at,
});

export interface DeliveryPageArgs {
  first: number;
  after?: string | null;
  status?: WebhookDeliveryStatus | null;
}

/** Only http(s) URLs without credentials; anything else is refused with the field named. */
export function validateWebhookUrl(raw: string): string {
  const url = raw.trim();
  if (url.length > MAX_URL_LENGTH) throw new ValidationError(`must be at most ${MAX_URL_LENGTH} characters`, 'url');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ValidationError('is not a valid absolute URL', 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ValidationError('must use http or https', 'url');
  if (parsed.username || parsed.password) throw new ValidationError('must not contain credentials; the signature authenticates requests', 'url');
  return parsed.toString();
}

function validateKinds(kinds: readonly string[]): TriggerKind[] {
  const unknown = kinds.filter((k) => !(TRIGGER_KINDS as string[]).includes(k));
  if (unknown.length) throw new ValidationError(`unknown kind(s) ${unknown.join(', ')}`, 'kinds');
  if (!kinds.length) throw new ValidationError('at least one kind is required', 'kinds');
  return [...new Set(kinds)] as TriggerKind[];
}

function validateSecret(secret: string | null | undefined): string {
  if (secret === null || secret === undefined) return generateWebhookSecret();
  if (secret.length < MIN_SECRET_LENGTH || secret.length > MAX_SECRET_LENGTH) {
    throw new ValidationError(`must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} characters`, 'secret');
  }
  return secret;
}

/**
 * Webhook registrations, the queue of deliveries (filled in the trigger scan's transaction)
 * and the worker that posts them, signed, with retries and a delivery log.
 */
export class WebhooksService {
  readonly worker: WebhookWorker;

  constructor(private readonly db: Database, private readonly config: WebhookConfig) {
    this.worker = new WebhookWorker(db, config);
  }

  async create(url: string, kinds: readonly string[], secret?: string | null): Promise<CreatedWebhook> {
    const values = [validateWebhookUrl(url), validateSecret(secret), validateKinds(kinds)] as const;
    const { rows } = await this.db.query(INSERT_WEBHOOK, [...values]);
    return { webhook: toWebhook(rows[0]), secret: values[1] };
  }

  async delete(id: string): Promise<Webhook> {
    const { rows } = await this.db.query(DELETE_WEBHOOK, [checkId(id)]);
    if (!rows[0]) throw new NotFoundError(`No webhook ${id}`);
    return toWebhook(rows[0]);
  }

  async list(): Promise<Webhook[]> {
    return (await this.db.query(LIST_WEBHOOKS)).rows.map(toWebhook);
  }

  async deliveries(webhookId: string, { first, after, status }: DeliveryPageArgs): Promise<Page<WebhookDelivery>> {
    checkPageSize(first);
    const cursor = decodeCursor(after, ['id']);
    const before = cursor ? Number(cursor[0]) : null;
    if (!(await this.db.query(WEBHOOK_EXISTS, [checkId(webhookId)])).rowCount) throw new NotFoundError(`No webhook ${webhookId}`);
    const { rows } = await this.db.query(DELIVERIES_PAGE, [webhookId, status ?? null, before, first + 1]);
    return toPage(rows.map(toDelivery), first, (d) => encodeCursor([d.id]), !!cursor);
  }

  /** A FiredHook for the trigger scan: queues deliveries in the same transaction as the occurrences. */
  async enqueue(tx: Queryable, fired: readonly FiredOccurrence[]): Promise<void> {
    if (!fired.length) return;
    await tx.query(ENQUEUE_DELIVERIES, [fired.map((o) => o.id), fired.map((o) => o.profileId), fired.map((o) => o.kind)]);
  }

  deliverDue(): Promise<DeliveryRun> {
    return this.worker.deliverDue();
  }

  /** The delivery worker, for the leader-only scheduler. */
  scheduledJob(): ScheduledJob {
    return { name: 'webhook deliveries', everyMs: this.config.deliveryEveryMs, run: () => this.deliverDue() };
  }
}


function checkId(id: string): string {
  if (!isUuid(id)) throw new NotFoundError(`No webhook ${id}`);
  return id;
}
