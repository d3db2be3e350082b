import type { Config } from '../config';
import type { Database, Queryable } from '../db';
import { ValidationError } from '../common';
import type { NormalizedEvent } from './event.model';
import { normalizeBatch, normalizeEvent, type NormalizeOptions } from './event.normalize';
import { IdentityResolver, recomputeProfileStats } from '../profiles';
import { CLAIM_MESSAGE_IDS, INSERT_EVENTS_AND_STATS, RELEASE_MESSAGE_IDS, UPDATE_TRAITS } from './ingest.sql';

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Events refused by erasure (replays of erased messages or identities, suppressed identities): counted, not stored. */
  suppressed: number;
  /** Profile of each accepted event, in input order (duplicates are absent). */
  profileIds: string[];
  /** Identity values a public key sent that linked nothing (paths such as `events[0].traits.email`). */
  ignoredIdentities: string[];
}

/** What the rest of the system learns after a batch commits (segments re-evaluate from it). */
export interface IngestedBatch {
  events: { profileId: string; eventId: number; event: NormalizedEvent }[];
  merges: { survivor: string; merged: string }[];
  /** Profiles this batch created. */
  createdProfiles: string[];
}

/** Runs inside the ingestion transaction, after events and stats are written (segments use it). */
export type StoredHook = (tx: Queryable, batch: IngestedBatch) => Promise<void>;
/** Drops events before they are stored (erasure tombstones); runs with the batch's identity locks held. */
export type IngestFilter = (tx: Queryable, events: NormalizedEvent[]) => Promise<NormalizedEvent[]>;
/** Runs after commit. */
export type IngestListener = (batch: IngestedBatch) => Promise<void> | void;
/** How offered events fared: stored, already seen, refused by an erasure, or invalid (a refused batch counts all its events). */
export type IngestOutcome = 'accepted' | 'duplicate' | 'suppressed' | 'rejected';
export type OutcomeListener = (outcome: IngestOutcome, events: number) => void;

/**
 * The one ingestion path: GraphQL mutations, `/v1/*` and the importer all end here.
 * A batch is one transaction — all events are stored or none — and retries are
 * idempotent: a (source key, messageId) pair is stored once (message_ids).
 */
export class IngestService {
  private readonly listeners: IngestListener[] = [];
  private readonly storedHooks: StoredHook[] = [];
  private readonly filters: IngestFilter[] = [];
  private readonly outcomeListeners: OutcomeListener[] = [];

  constructor(private readonly db: Database, private readonly config: Pick<Config, 'ingest' | 'identity'>) {}

  onIngested(listener: IngestListener): void {
    this.listeners.push(listener);
  }

  addFilter(filter: IngestFilter): void {
    this.filters.push(filter);
  }

  onStored(hook: StoredHook): void {
    this.storedHooks.push(hook);
  }

  /** Counts of what happened to offered events (the metrics listen). */
  onOutcome(listener: OutcomeListener): void {
    this.outcomeListeners.push(listener);
  }

  normalize(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path?: string): NormalizedEvent[] {
    return this.rejecting(Array.isArray(raw) ? raw.length : 1, () => normalizeBatch(raw, { ...options, limits: this.config.ingest, identity: this.config.identity }, path));
  }

  normalizeOne(raw: unknown, options: Omit<NormalizeOptions, 'limits' | 'identity'>, path = 'input'): NormalizedEvent {
    return this.rejecting(1, () => normalizeEvent(raw, { ...options, limits: this.config.ingest, identity: this.config.identity }, path));
  }

  private rejecting<T>(events: number, work: () => T): T {
    try {
      return work();
    } catch (error) {
      if (error instanceof ValidationError) this.report('rejected', events);
      throw error;
    }
  }

  private report(outcome: IngestOutcome, events: number): void {
    if (events > 0) for (const listener of this.outcomeListeners) listener(outcome, events);
  }

  async ingest(events: NormalizedEvent[]): Promise<IngestResult> {
    const unique = dedupeWithinBatch(events);
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
    };
  }

  private async store(tx: Queryable, events: NormalizedEvent[]): Promise<{ batch: IngestedBatch; suppressed: number }> {
    const unseen = await claimMessageIds(tx, events);
    if (!unseen.length) return { batch: { events: [], merges: [], createdProfiles: [] }, suppressed: 0 };

    await IdentityResolver.lock(tx, unseen);
    let fresh = unseen;
    for (const filter of this.filters) fresh = await filter(tx, fresh);
    const suppressed = unseen.length - fresh.length;
    if (suppressed) await releaseMessageIds(tx, unseen.filter((e) => !fresh.includes(e)));
    if (!fresh.length) return { batch: { events: [], merges: [], createdProfiles: [] }, suppressed };
    const resolver = new IdentityResolver(tx, this.config.identity);
    await resolver.load(fresh);
    const profileOf: string[] = [];
    for (const e of fresh) profileOf.push(await resolver.resolve(e, e.messageId));
    await resolver.flush();
    // A later event in the batch may have merged a profile an earlier event resolved to.
    for (let i = 0; i < profileOf.length; i++) profileOf[i] = resolver.survivorOf(profileOf[i]);

    const rows = fresh.map((e, i) => eventRow(e, profileOf[i]));
    const inserted = await tx.query<{ id: number; message_id: string }>(INSERT_EVENTS_AND_STATS, [JSON.stringify(rows)], 'ingest-events');
    const idOf = new Map(inserted.rows.map((r) => [r.message_id, r.id]));
    const accepted = fresh.map((event, i) => ({ event, profileId: profileOf[i], eventId: idOf.get(event.messageId)! }));

    await this.applyTraits(tx, accepted);
    await recomputeProfileStats(tx, [...resolver.mergedSurvivors]);
    const batch = { events: accepted, merges: resolver.merges, createdProfiles: resolver.createdProfiles.filter((id) => !resolver.mergedAway.has(id)) };
    for (const hook of this.storedHooks) await hook(tx, batch);
    return { batch, suppressed };
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

function eventRow(e: NormalizedEvent, profileId: string) {
  return {
    profile_id: profileId,
    message_id: e.messageId,
    type: e.type,
    name: e.name,
    properties: e.properties,
    revenue: e.revenue,
    context: e.context,
    extra: e.extra,
    occurred_at: e.occurredAt.toISOString(),
    source: e.source,
    source_key: e.sourceKey,
    // Kept with the event, so traits as of any instant can be rebuilt (point-in-time segments).
    traits: e.traits && Object.keys(e.traits).length ? e.traits : null,
  };
}
