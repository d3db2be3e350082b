import type { Config } from '../config';
import type { Database, Queryable } from '../db';
import { ValidationError, wallClock, type Clock } from '../common';
import type { NormalizedEvent, RejectedEvent } from './event.model';
import { normalizeEvent, type NormalizeOptions } from './event.normalize';
import { batchRefusal, rejectedField, rejection, sortBatch } from './event.batch';
import { storeIsolating, type IngestResult } from './ingest.result';
import { IdentityResolver } from '../profiles';
import { foldOrderEvents, type OrderEffect } from '../commerce';
import { CLAIM_MESSAGE_IDS, INSERT_EVENTS_AND_STATS, RELEASE_MESSAGE_IDS, UPDATE_TRAITS } from './ingest.sql';

/** What the rest of the system learns after a batch commits (segments re-evaluate from it). */
export interface IngestedBatch {
  events: { profileId: string; eventId: number; event: NormalizedEvent }[];
  merges: { survivor: string; merged: string }[];
  /** Profiles this batch created. */
  createdProfiles: string[];
  /** Profiles whose lifecycle stage this batch moved (a first order, a reactivation, a new prospect). */
  restaged: string[];
}

/** Runs inside the ingestion transaction, after events and stats are written (segments use it). */
export type StoredHook = (tx: Queryable, batch: IngestedBatch) => Promise<void>;
/** Drops events before they are stored (erasure tombstones); runs with the batch's identity locks held. */
export type IngestFilter = (tx: Queryable, events: NormalizedEvent[]) => Promise<NormalizedEvent[]>;
/** Runs before the ingestion transaction, with the events about to be stored (event partitions are made here). */
export type BeforeStoreHook = (events: readonly NormalizedEvent[]) => Promise<void>;
/** Runs after commit. */
export type IngestListener = (batch: IngestedBatch) => Promise<void> | void;
/** How offered events fared: stored, already seen, refused by an erasure, or invalid (a refused batch counts all its events). */
export type IngestOutcome = 'accepted' | 'duplicate' | 'suppressed' | 'rejected';
/**
 * Why events were rejected, from a bounded set: the code, and the message field at fault
 * (event.batch.ts `rejectedField`), or `batch` for events refused with their batch (its
 * shape was wrong, or an all-or-nothing batch held an invalid neighbour).
 */
export interface RejectReason {
  code: RejectedEvent['code'];
  field: string;
}
export type OutcomeListener = (outcome: IngestOutcome, events: number, reason?: RejectReason) => void;

/**
 * The one ingestion path: GraphQL mutations, `/v1/*` and the importer all end here.
 * Storing is one transaction — all the events given are stored or none — and retries are
 * idempotent: a (source key, messageId) pair is stored once (message_ids). What is given is
 * either a batch valid through and through (`normalize`, all or nothing) or the valid
 * messages of a partial batch (`ingestEach`, the others rejected one by one).
 */
export class IngestService {
  private readonly listeners: IngestListener[] = [];
  private readonly storedHooks: StoredHook[] = [];
  private readonly beforeStoreHooks: BeforeStoreHook[] = [];
  private readonly filters: IngestFilter[] = [];
  private readonly outcomeListeners: OutcomeListener[] = [];

  constructor(
    private readonly db: Database,
    private readonly config: Pick<Config, 'ingest' | 'identity' | 'scoring'>,
    private readonly clock: Clock = wallClock,
  ) {}

  onIngested(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  addFilter(filter: IngestFilter): void {
    this.filters.push(filter);
  }

  beforeStore(hook: BeforeStoreHook): void {
    this.beforeStoreHooks.push(hook);
  }

  onStored(hook: StoredHook): void {
    this.storedHooks.push(hook);
  }

  /** Counts of what happened to offered events (the metrics listen). */
  onOutcome(listener: OutcomeListener): void {
    this.outcomeListeners.push(listener);
  }

  /** An all-or-nothing batch: every message valid, or the batch is refused naming every problem. */
  normalize(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path?: string): NormalizedEvent[] {
    const { valid, rejected } = this.sort(raw, options, path);
    if (!rejected.length) return valid.map((v) => v.event);
    const refusal = batchRefusal(rejected);
    this.reportRejected(rejected);
    this.report('rejected', valid.length, { code: refusal.code === 'FORBIDDEN' ? 'FORBIDDEN' : 'BAD_USER_INPUT', field: 'batch' });
    throw refusal;
  }

  normalizeOne(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path = 'input'): NormalizedEvent {
    try {
      return normalizeEvent(raw, this.withRules(options), path);
    } catch (error) {
      this.reportRejected([rejection(error, raw, 0, path)]);
      throw error;
    }
  }

  /**
   * A partial batch: stores its valid messages and rejects the others one by one. Only a
   * batch that is wrong as a whole (not a list, empty, too long) is refused whole. A value
   * the database refuses although it passed validation rejects just its message
   * (ingest.result.ts `storeIsolating`).
   */
  async ingestEach(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path?: string): Promise<IngestResult> {
    const { valid, rejected } = this.sort(raw, options, path);
    this.reportRejected(rejected);
    const { result, poisoned } = await storeIsolating(valid, path ?? 'events', (events) => this.ingest(events));
    this.reportRejected(poisoned);
    return { ...result, rejected: [...rejected, ...poisoned].sort((a, b) => a.index - b.index) };
  }

  private sort(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path?: string) {
    try {
      return sortBatch(raw, this.withRules(options), path);
    } catch (error) {
      if (error instanceof ValidationError) this.report('rejected', Array.isArray(raw) ? raw.length : 1, { code: 'BAD_USER_INPUT', field: 'batch' });
      throw error;
    }
  }

  /** The configured limits and identity rules; receipt time (`now`) from the app clock unless the caller says. */
  private withRules(options: Omit<NormalizeOptions, 'limits' | 'identity'>): NormalizeOptions {
    return { now: this.clock.now(), ...options, limits: this.config.ingest, identity: this.config.identity };
  }

  private reportRejected(rejected: RejectedEvent[]): void {
    const counts = new Map<string, { reason: RejectReason; events: number }>();
    for (const r of rejected) {
      const reason = { code: r.code, field: rejectedField(r.path) };
      const key = `${reason.code}\u0000${reason.field}`;
      counts.set(key, { reason, events: (counts.get(key)?.events ?? 0) + 1 });
    }
    for (const { reason, events } of counts.values()) this.report('rejected', events, reason);
  }

  private report(outcome: IngestOutcome, events: number, reason?: RejectReason): void {
    if (events > 0) for (const listener of this.outcomeListeners) listener(outcome, events, reason);
  }

  async ingest(events: NormalizedEvent[]): Promise<IngestResult> {
    const unique = dedupeWithinBatch(events);
    for (const hook of this.beforeStoreHooks) await hook(unique);
    const outcome = await this.db.transaction((tx) => this.store(tx, unique));
    for (const listener of this.listeners) await listener(outcome.batch);
    const duplicates = events.length - outcome.batch.events.length - outcome.suppressed;
    this.report('accepted', outcome.batch.events.length);
    this.report('duplicate', duplicates);
    this.report('suppressed', outcome.suppressed);
    return {
      accepted: outcome.batch.events.length,
      duplicates,
      suppressed: outcome.suppressed,
      profileIds: outcome.batch.events.map((e) => e.profileId),
      ignoredIdentities: events.flatMap((e) => e.ignoredIdentities),
      rejected: [],
    };
  }

  private async store(tx: Queryable, events: NormalizedEvent[]): Promise<{ batch: IngestedBatch; suppressed: number }> {
    const unseen = await claimMessageIds(tx, events);
    if (!unseen.length) return { batch: emptyBatch(), suppressed: 0 };

    await IdentityResolver.lock(tx, unseen);
    let fresh = unseen;
    for (const filter of this.filters) fresh = await filter(tx, fresh);
    const suppressed = unseen.length - fresh.length;
    if (suppressed) await releaseMessageIds(tx, unseen.filter((e) => !fresh.includes(e)));
    if (!fresh.length) return { batch: emptyBatch(), suppressed };
    const resolver = new IdentityResolver(tx, this.config.identity);
    await resolver.load(fresh);
    const profileOf: string[] = [];
    for (const e of fresh) profileOf.push(await resolver.resolve(e, e.messageId));
    await resolver.flush();
    // A later event in the batch may have merged a profile an earlier event resolved to.
    for (let i = 0; i < profileOf.length; i++) profileOf[i] = resolver.survivorOf(profileOf[i]);

    const { effects, orders } = await this.foldOrders(tx, fresh, profileOf);
    const rows = fresh.map((e, i) => eventRow(e, profileOf[i], effects[i]));
    const inserted = await tx.query<{ id: number; message_id: string; profile_id: string; restaged: boolean }>(
      INSERT_EVENTS_AND_STATS,
      [JSON.stringify(rows), ...this.lifecycleParams(), JSON.stringify(orders)],
      'ingest-events',
    );
    const idOf = new Map(inserted.rows.map((r) => [r.message_id, r.id]));
    const accepted = fresh.map((event, i) => ({ event, profileId: profileOf[i], eventId: idOf.get(event.messageId)! }));

    await this.applyTraits(tx, accepted);
    const restaged = [...new Set(inserted.rows.filter((r) => r.restaged).map((r) => r.profile_id))];
    const batch = { events: accepted, merges: resolver.merges, createdProfiles: resolver.createdProfiles.filter((id) => !resolver.mergedAway.has(id)), restaged };
    for (const hook of this.storedHooks) await hook(tx, batch);
    return { batch, suppressed };
  }

  /** The order events' effects on their buyers' counters, by position in `events` (undefined for other events), and the orders to save. */
  private async foldOrders(tx: Queryable, events: NormalizedEvent[], profileOf: string[]): Promise<{ effects: (OrderEffect | undefined)[]; orders: object[] }> {
    const positions = events.flatMap((e, i) => (e.order ? [i] : []));
    if (!positions.length) return { effects: [], orders: [] };
    const { effects, orders } = await foldOrderEvents(
      tx,
      positions.map((i) => ({ profileId: profileOf[i], order: events[i].order!, occurredAt: events[i].occurredAt, products: events[i].properties.products })),
    );
    const byPosition: (OrderEffect | undefined)[] = [];
    positions.forEach((p, k) => (byPosition[p] = effects[k]));
    return { effects: byPosition, orders };
  }

  /** Lifecycle as of the clock's now, unless scoring is pinned to another instant (then the scoring job alone stages buyers). */
  private lifecycleParams(): [Date | null, number, number, number] {
    const { asOf, lifecycle } = this.config.scoring;
    return [asOf.kind === 'now' ? this.clock.now() : null, lifecycle.newDays, lifecycle.activeDays, lifecycle.churnDays];
  }

  /** Shallow-merges traits per profile in arrival order: the later write wins. */
  private async applyTraits(tx: Queryable, accepted: IngestedBatch['events']): Promise<void> {
    const traits = new Map<string, Record<string, unknown>>();
    for (const { event, profileId } of accepted) {
      if (event.traits && Object.keys(event.traits).length) traits.set(profileId, { ...traits.get(profileId), ...event.traits });
    }
    if (!traits.size) return;
    const rows = [...traits].map(([profile_id, t]) => ({ profile_id, traits: t }));
    await tx.query(UPDATE_TRAITS, [JSON.stringify(rows)], 'ingest-traits');
  }
}

const emptyBatch = (): IngestedBatch => ({ events: [], merges: [], createdProfiles: [], restaged: [] });

const messageKey = (e: NormalizedEvent) => `${e.sourceKey}\u0000${e.messageId}`;

function dedupeWithinBatch(events: NormalizedEvent[]): NormalizedEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => (seen.has(messageKey(e)) ? false : (seen.add(messageKey(e)), true)));
}

/** The events whose (source key, messageId) this transaction is the first to claim; the rest are duplicates. */
async function claimMessageIds(tx: Queryable, events: NormalizedEvent[]): Promise<NormalizedEvent[]> {
  const { rows } = await tx.query<{ source_key: string; message_id: string }>(
    CLAIM_MESSAGE_IDS,
    [events.map((e) => e.sourceKey), events.map((e) => e.messageId)],
    'ingest-claim-message-ids',
  );
  const claimed = new Set(rows.map((r) => `${r.source_key}\u0000${r.message_id}`));
  return events.filter((e) => claimed.has(messageKey(e)));
}

async function releaseMessageIds(tx: Queryable, events: NormalizedEvent[]): Promise<void> {
  await tx.query(RELEASE_MESSAGE_IDS, [events.map((e) => e.sourceKey), events.map((e) => e.messageId)]);
}

function eventRow(e: NormalizedEvent, profileId: string, order: OrderEffect | undefined) {
  return {
    profile_id: profileId,
    message_id: e.messageId,
    type: e.type,
    name: e.name,
    properties: e.properties,
    // An order event's effect on the counters (net revenue change, orders ±1, gross change).
    revenue: order ? order.netCents / 100 : null,
    order_id: e.order?.orderId ?? null,
    order_delta: order?.orders ?? null,
    order_gross: order ? order.grossCents / 100 : null,
    registered: e.identities.some((i) => i.kind === 'user_id'),
    context: e.context,
    extra: e.extra,
    occurred_at: e.occurredAt.toISOString(),
    clamped_from: e.clampedFrom?.toISOString() ?? null,
    source: e.source,
    source_key: e.sourceKey,
    // Kept with the event, so traits as of any instant can be rebuilt (point-in-time segments).
    traits: e.traits && Object.keys(e.traits).length ? e.traits : null,
  };
}
