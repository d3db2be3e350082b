import { ConflictError, NotFoundError, ValidationError, ValidationErrors, wallClock, type Clock, isUuid } from '../common';
import { type Database, type Queryable, queryWithGenericPlan, SqlParams, statementName } from '../db';
import type { IngestedBatch } from '../ingest';
import { ChangeStream, parseCursor, type ChangeFeed } from '../realtime';
import {
  emptyValueOf, isRelativeWindow, LANGUAGE_LIMITS, ProblemList, readComputedKey, validateComputedTraitDefinition,
  type ComputedChange, type ComputedTraitDefinition, type SegmentsService,
} from '../segments';
import { ComputedTraitCause, type ComputedTrait, type ComputedTraitChange } from './computed-trait.types';
import {
  backfillSql, COUNT_TRAITS, REFRESH_PARAMS, DROP_VALUES_OF, DUE_VALUES, INSERT_TRAIT, LOCK_TRAITS, NOTIFY_TRAITS_CHANGED, PROFILE_VALUES, refreshPairsSql,
  SELECT_TRAITS, UPDATE_TRAIT,
} from './computed-traits.sql';

export interface ComputedTraitInput {
  key: string;
  name: string;
  description?: string | null;
  definition: unknown;
}
export type ComputedTraitPatch = Partial<Omit<ComputedTraitInput, 'key'>>;

interface StoredTrait extends ComputedTrait {
  parsed: ComputedTraitDefinition;
}

interface RefreshStatement {
  sql: string;
  name: string;
  values: unknown[];
}

/** A batch's events of names some trait reads (parallel arrays), and the profiles to re-evaluate in full. */
interface BatchEvents {
  profiles: string[];
  names: string[];
  properties: unknown[];
  times: Date[];
  ids: number[];
  full: string[];
}
const NO_EVENTS: BatchEvents = { profiles: [], names: [], properties: [], times: [], ids: [], full: [] };

interface ChangeRecord extends ComputedTraitChange {
  id: number;
}

const MAX_TRAITS = LANGUAGE_LIMITS.maxComputedTraits;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function toTrait(r: Row): StoredTrait {
  const parsed = r.definition as ComputedTraitDefinition;
  return {
    id: r.id, key: r.key, name: r.name, description: r.description, definition: r.definition, parsed,
    timeSensitive: isRelativeWindow(parsed.within), version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

const toChange = (r: Row): ChangeRecord => ({
  id: Number(r.id), cursor: String(r.id), profileId: r.profile_id, key: r.key, value: r.value, previous: r.previous, cause: r.cause, at: r.at,
});
const CHANGE_COLUMNS = `id, profile_id, key, value, previous, cause, at from computed_trait_changes`;

/**
 * Computed traits (issue 15 §1): definitions, their values kept current in the ingest
 * transaction (the pairs a batch touched, re-evaluated per profile) and by the expiry worker
 * when a window lapses, `Profile.computed`, and the `computedTraitChanged` stream.
 */
export class ComputedTraitsService {
  private loaded?: Promise<StoredTrait[]>;
  private readonly statements = new WeakMap<StoredTrait[], RefreshStatement>();
  private readonly stream: ChangeStream<ChangeRecord>;

  constructor(
    private readonly db: Database,
    feed: ChangeFeed,
    private readonly segments: SegmentsService,
    private readonly clock: Clock = wallClock,
  ) {
    this.stream = new ChangeStream(db, feed, { channel: 'computed', rangeSql: `select ${CHANGE_COLUMNS} where id between $1 and $2 order by id`, map: toChange });
  }

  invalidate(): void {
    this.loaded = undefined;
  }

  /** Every definition, cached until one changes (here, or on another instance: NOTIFY segmentary_segments). */
  list(q: Queryable = this.db): Promise<StoredTrait[]> {
    this.loaded ??= q.query(`${SELECT_TRAITS} order by key`).then(
      (r) => r.rows.map(toTrait),
      (e) => {
        this.loaded = undefined;
        throw e;
      },
    );
    return this.loaded;
  }

  async get(idOrKey: string): Promise<StoredTrait> {
    const trait = (await this.list()).find((t) => (isUuid(idOrKey) ? t.id === idOrKey : t.key === idOrKey));
    if (!trait) throw new NotFoundError(`No computed trait "${idOrKey}"`, { computedTrait: idOrKey });
    return trait;
  }

  async create(input: ComputedTraitInput): Promise<StoredTrait> {
    const problems = new ProblemList();
    const key = readComputedKey(input.key, 'key', problems);
    if (key === undefined) throw new ValidationErrors(problems.items);
    const prepared = this.prepare(input);
    const created = await this.inTransaction(async (tx) => {
      await tx.query(LOCK_TRAITS);
      const { rows: count } = await tx.query<{ n: number }>(COUNT_TRAITS);
      if (count[0].n >= MAX_TRAITS) throw new ValidationError(`a workspace may define at most ${MAX_TRAITS} computed traits`, 'key');
      const exists = await tx.query(`select 1 from computed_traits where key = $1`, [key]);
      if (exists.rowCount) throw new ConflictError(`A computed trait with key "${key}" exists`, { key });
      const { rows } = await tx.query(INSERT_TRAIT, [key, prepared.name, prepared.description, prepared.definition, prepared.empty]);
      const trait = toTrait(rows[0]);
      await this.backfill(tx, trait, ComputedTraitCause.DEFINITION);
      return trait;
    });
    return created;
  }

  async update(idOrKey: string, patch: ComputedTraitPatch): Promise<StoredTrait> {
    const current = await this.get(idOrKey);
    const prepared = this.prepare({ ...current, ...patch, definition: patch.definition ?? current.definition });
    const updated = await this.inTransaction(async (tx) => {
      const { rows } = await tx.query(UPDATE_TRAIT, [current.id, prepared.name, prepared.description, prepared.definition, prepared.empty]);
      if (!rows[0]) throw new NotFoundError(`No computed trait "${idOrKey}"`, { computedTrait: idOrKey });
      const trait = toTrait(rows[0]);
      await this.backfill(tx, trait, ComputedTraitCause.DEFINITION);
      return trait;
    });
    // Segments reading it see its new values now.
    await this.segments.recomputeUsingComputed(updated.key);
    return updated;
  }

  async delete(idOrKey: string): Promise<StoredTrait> {
    const trait = await this.get(idOrKey);
    const users = await this.segments.usingComputed(trait.key);
    if (users.length) throw new ConflictError(`Computed trait "${trait.key}" is used by segments ${users.join(', ')}; change those first`, { usedBy: users });
    await this.inTransaction((tx) => tx.query(`delete from computed_traits where id = $1`, [trait.id]));
    return trait;
  }

  private prepare(input: Omit<ComputedTraitInput, 'key'>) {
    if (!input.name?.trim()) throw new ValidationError('must not be empty', 'name');
    const definition = validateComputedTraitDefinition(input.definition, 'definition');
    const empty = emptyValueOf(definition.aggregate);
    return { name: input.name.trim(), description: input.description ?? null, definition, empty: empty === null ? null : JSON.stringify(empty) };
  }

  /** Every profile's value of the trait, from one grouped scan of its events, changes logged; returns how many changed. */
  private async backfill(tx: Queryable, trait: StoredTrait, cause: ComputedTraitCause): Promise<number> {
    const params = new SqlParams(4);
    const sql = backfillSql(trait, params);
    // Grouped scans of many profiles' events: let their hashes stay in memory, as a segment recompute does.
    await tx.query(`set local work_mem = '128MB'`);
    const { rows } = await tx.query<{ changed: number }>(sql, [this.clock.now(), trait.id, cause, ...params.values]);
    return rows[0].changed;
  }

  /**
   * The safety net under the ingest and expiry upkeep (with the segments' one, hourly by
   * default): every trait computed afresh from its events. Whatever it changes (a value an
   * incremental update carried wrong, events a definition's first computation did not see),
   * it logs with cause SCHEDULE, and the segments reading that trait are recomputed.
   */
  async recomputeAll(): Promise<{ key: string; changed: number }[]> {
    const results: { key: string; changed: number }[] = [];
    for (const trait of await this.list()) {
      const changed = await this.db.transaction((tx) => this.backfill(tx, trait, ComputedTraitCause.SCHEDULE));
      if (changed) await this.segments.recomputeUsingComputed(trait.key);
      results.push({ key: trait.key, changed });
    }
    return results;
  }

  private async inTransaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (tx) => {
      const value = await work(tx);
      await tx.query(NOTIFY_TRAITS_CHANGED);
      return value;
    });
    this.invalidate();
    this.segments.catalog.invalidate();
    return result;
  }

  /**
   * In the ingest transaction, before segments: the traits of each event's name for the
   * profile it was stored under, and every trait for merge survivors. (A profile this batch
   * created has no events but the batch's, so it needs no more than those.) Returns the
   * (profile, key) pairs whose value or next change moved, for the segments reading them.
   */
  async onStored(tx: Queryable, batch: IngestedBatch): Promise<ComputedChange[]> {
    const losers = batch.merges.map((m) => m.merged);
    if (losers.length) await tx.query(DROP_VALUES_OF, [losers]);
    const traits = await this.list(tx);
    if (!traits.length) return [];
    const pairs = new Map<string, Set<string>>();
    const add = (traitId: string, profileId: string) => pairs.set(traitId, (pairs.get(traitId) ?? new Set()).add(profileId));
    const byEvent = new Map<string, StoredTrait[]>();
    for (const t of traits) byEvent.set(t.parsed.event, [...(byEvent.get(t.parsed.event) ?? []), t]);
    for (const { profileId, event } of batch.events) {
      for (const t of (event.name && byEvent.get(event.name)) || []) add(t.id, profileId);
    }
    for (const profileId of batch.merges.map((m) => m.survivor)) {
      for (const t of traits) add(t.id, profileId);
    }
    for (const loser of losers) for (const profiles of pairs.values()) profiles.delete(loser);
    const cause = batch.merges.length ? ComputedTraitCause.MERGE : ComputedTraitCause.EVENT;
    const events: BatchEvents = { profiles: [], names: [], properties: [], times: [], ids: [], full: batch.merges.map((m) => m.survivor) };
    for (const { profileId, eventId, event } of batch.events) {
      if (!event.name || !byEvent.has(event.name)) continue;
      events.profiles.push(profileId);
      events.names.push(event.name);
      events.properties.push(event.properties);
      events.times.push(event.occurredAt);
      events.ids.push(eventId);
    }
    return this.refresh(tx, traits, pairs, cause, this.clock.now(), events);
  }

  /**
   * The expiry worker's part: values whose next change is due, re-evaluated as of `now`, in the
   * worker's transaction (segments reading them are evaluated after, with the same instant).
   */
  async refreshDue(tx: Queryable, now: Date, limit: number): Promise<{ evaluated: number; changes: ComputedChange[] }> {
    const { rows } = await tx.query<{ trait_id: string; profile_id: string }>(DUE_VALUES, [now, limit], 'computed-values-due');
    if (!rows.length) return { evaluated: 0, changes: [] };
    const pairs = new Map<string, Set<string>>();
    for (const r of rows) pairs.set(r.trait_id, (pairs.get(r.trait_id) ?? new Set()).add(r.profile_id));
    const changes = await this.refresh(tx, await this.list(tx), pairs, ComputedTraitCause.EXPIRY, now, NO_EVENTS);
    return { evaluated: rows.length, changes };
  }

  private async refresh(
    tx: Queryable, traits: StoredTrait[], pairs: Map<string, Set<string>>, cause: ComputedTraitCause, now: Date, events: BatchEvents,
  ): Promise<ComputedChange[]> {
    const traitIds: string[] = [];
    const profileIds: string[] = [];
    for (const [traitId, profiles] of pairs) {
      for (const profileId of profiles) {
        traitIds.push(traitId);
        profileIds.push(profileId);
      }
    }
    if (!traitIds.length) return [];
    const { sql, name, values } = this.statementFor(traits);
    const batch = [events.profiles, events.names, events.properties.map((p) => JSON.stringify(p)), events.times, events.full, events.ids];
    const { rows } = await queryWithGenericPlan<{ moved: ComputedChange[] }>(tx, sql, [now, traitIds, profileIds, cause, ...batch, ...values], name);
    return rows[0].moved;
  }

  /** One statement for the whole catalog, compiled once per catalog and prepared once per connection. */
  private statementFor(traits: StoredTrait[]): RefreshStatement {
    let statement = this.statements.get(traits);
    if (!statement) {
      const params = new SqlParams(REFRESH_PARAMS.length + 1);
      const sql = refreshPairsSql(traits, params);
      statement = { sql, name: statementName('computed-refresh', sql), values: params.values };
      this.statements.set(traits, statement);
    }
    return statement;
  }

  /** `Profile.computed` of each profile: key → value, with counts of nothing as 0. */
  async valuesOf(profileIds: readonly string[]): Promise<Record<string, unknown>[]> {
    const { rows } = await this.db.query<{ profile_id: string; key: string; value: unknown }>(PROFILE_VALUES, [profileIds]);
    const byProfile = new Map<string, Record<string, unknown>>(profileIds.map((id) => [id, {}]));
    for (const r of rows) byProfile.get(r.profile_id)![r.key] = r.value;
    return profileIds.map((id) => byProfile.get(id)!);
  }

  /** Changes of one trait's values, live, after replaying those since `after`. */
  async changes(key: string, after?: string | null): Promise<AsyncIterableIterator<ComputedTraitChange>> {
    const trait = await this.get(key);
    const cursor = parseCursor(after);
    return this.stream.subscribe(
      (c) => c.key === trait.key,
      cursor === null ? undefined : async () => (await this.db.query(`select ${CHANGE_COLUMNS} where trait_id = $1 and id > $2 order by id`, [trait.id, cursor])).rows.map(toChange),
    );
  }

  get subscribers(): number {
    return this.stream.size;
  }
}

