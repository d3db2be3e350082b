import { unknownComputedTraits } from './conditions';
import { type Database, primaryReads, type Queryable, type Reads, SqlParams } from '../db';
import { ConflictError, NotFoundError, TIMED, Timings, ValidationError, wallClock, type Clock, checkPageSize, decodeCursor, encodeCursor, toPage, type Page, isUuid } from '../common';
import { PROFILE_COLUMNS, toProfile, type Profile } from '../profiles';
import type { SegmentDefinition } from './dsl/ast';
import type { CompiledSegment } from './dsl/compile-sql';
import { membersAtInstantsSql, POINT_IN_TIME_NOW } from './point-in-time';
import { validateSegmentDefinition } from './dsl/validate';
import { checkWithinRetention, type EventRetention } from './dsl/retention';
import { SegmentCatalog, type CompileOptions } from './segment-catalog';
import { toSegment } from './segment.mapper';
import { MembershipRecompute } from './membership-recompute';
import { MembershipCause, SegmentPurpose, type ProfileSegment, type RecomputeResult, type Segment, type SegmentPreview } from './segment.types';
import {
  INSERT_SEGMENT, RECOMPUTE_WORK_MEM, NOTIFY_SEGMENTS_CHANGED, PROFILE_SEGMENTS, SEGMENT_MEMBERS_PAGE, SEGMENT_SIZES, SELECT_SEGMENTS, UPDATE_SEGMENT,
} from './segments.sql';

const KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

export interface SegmentInput {
  key: string;
  name: string;
  description?: string | null;
  definition: unknown;
  purpose?: SegmentPurpose;
}

export type SegmentPatch = Partial<Omit<SegmentInput, 'key'>>;

/** Segment definitions and their membership: create, change, preview, recompute. */
export class SegmentsService {
  constructor(
    private readonly db: Database,
    readonly catalog: SegmentCatalog,
    private readonly timings = new Timings(),
    private readonly clock: Clock = wallClock,
    /** What EVENT_RETENTION_MONTHS keeps now (null: everything); definitions may not read past it. */
    private readonly retention: () => EventRetention | null = () => null,
    /** Where sizes, members, previews and segments of profiles are read (a replica, when configured). */
    private readonly reads: Reads = primaryReads(db),
  ) {
    this.recomputer = new MembershipRecompute(catalog, clock);
  }

  private readonly recomputer: MembershipRecompute;

  list(): Promise<Segment[]> {
    return this.catalog.list();
  }

  async get(idOrKey: string): Promise<Segment> {
    const column = isUuid(idOrKey) ? 'id' : 'key';
    const { rows } = await this.db.query(`${SELECT_SEGMENTS} where ${column} = $1`, [idOrKey]);
    if (!rows[0]) throw new NotFoundError(`No segment "${idOrKey}"`, { segment: idOrKey });
    return toSegment(rows[0]);
  }

  async create(input: SegmentInput, options: { builtIn?: boolean } = {}): Promise<RecomputeResult> {
    if (!KEY.test(input.key)) throw new ValidationError('must be 1–64 characters of a-z, 0-9, _ . - starting with a letter or digit', 'key');
    const prepared = await this.prepare(input.key, input);
    return this.inTransaction(async (tx) => {
      const exists = await tx.query(`select 1 from segments where key = $1`, [input.key]);
      if (exists.rowCount) throw new ConflictError(`A segment with key "${input.key}" exists`, { key: input.key });
      const { rows } = await tx.query(INSERT_SEGMENT, [
        input.key, prepared.name, prepared.description, prepared.definition, prepared.purpose, prepared.timeSensitive,
        prepared.dependencies, options.builtIn ?? false,
      ]);
      return this.recomputer.all(tx, toSegment(rows[0]), MembershipCause.DEFINITION);
    });
  }

  async update(idOrKey: string, patch: SegmentPatch): Promise<RecomputeResult> {
    const current = await this.get(idOrKey);
    const prepared = await this.prepare(current.key, { ...current, ...patch, definition: patch.definition ?? current.definition });
    return this.inTransaction(async (tx) => {
      const { rows } = await tx.query(UPDATE_SEGMENT, [
        current.id, prepared.name, prepared.description, prepared.definition, prepared.purpose, prepared.timeSensitive, prepared.dependencies,
      ]);
      const updated = toSegment(rows[0]);
      const result = await this.recomputer.all(tx, updated, MembershipCause.DEFINITION);
      await this.recomputeDependents(tx, updated);
      return result;
    });
  }

  async delete(idOrKey: string): Promise<Segment> {
    const segment = await this.get(idOrKey);
    const users = (await this.catalog.list()).filter((s) => s.id !== segment.id && s.dependencies.segmentKeys?.includes(segment.key));
    if (users.length) {
      throw new ConflictError(`Segment "${segment.key}" is used by ${users.map((s) => s.key).join(', ')}; change those first`, { usedBy: users.map((s) => s.key) });
    }
    try {
      await this.inTransaction(async (tx) => {
        await tx.query(`delete from segments where id = $1`, [segment.id]);
      });
    } catch (e) {
      // Placement rules and experiments point at segments with foreign keys.
      if ((e as { code?: string }).code === '23503') {
        throw new ConflictError(`Segment "${segment.key}" is used by a placement rule or an experiment; change those first`, { segment: segment.key });
      }
      throw e;
    }
    return segment;
  }

  /**
   * Size and a sample of an unsaved definition, from the same compiled SQL the batch uses; with
   * `asOf`, as the definition stood then, rebuilt from the event history (point-in-time.ts).
   */
  async preview(definition: unknown, sampleSize = 10, asOf?: Date): Promise<SegmentPreview> {
    if (!Number.isInteger(sampleSize) || sampleSize < 0 || sampleSize > 100) throw new ValidationError('must be between 0 and 100', 'sampleSize');
    if (asOf !== undefined && Number.isNaN(asOf.getTime())) throw new ValidationError('must be a valid date', 'asOf');
    if (asOf !== undefined) this.refuseHistoryUnderRetention('asOf');
    const def = validateSegmentDefinition(definition, 'definition');
    checkWithinRetention(def, this.retention());
    const params = new SqlParams();
    const byKey = await this.catalog.byKey();
    let matched: string;
    let compiled: CompiledSegment;
    if (asOf) {
      compiled = this.compileChecked(def, byKey, params, POINT_IN_TIME_NOW, { pointInTime: true });
      matched = `select profile_id as id from (${membersAtInstantsSql(compiled, `array[${params.add(asOf)}::timestamptz]`)}) m`;
    } else {
      compiled = this.compileChecked(def, byKey, params, params.add(this.clock.now()), { allProfiles: true });
      await this.checkComputedKeys(compiled.dependencies.computedKeys);
      matched = `select p.id from profiles p left join profile_stats s on s.profile_id = p.id where p.merged_into is null and ${compiled.predicate}`;
    }
    const limit = params.add(sampleSize);
    const { rows } = await this.reads.readOnly(async (tx) => {
      await tx.query(RECOMPUTE_WORK_MEM); // as in a recompute: the grouped event leaves' hashes stay in memory
      return tx.query(
        `with matched as materialized (${matched})
         select (select count(*)::int from matched) as size,
                coalesce((select json_agg(id) from (select id from matched order by id limit ${limit}) x), '[]') as sample`,
        params.values,
      );
    });
    const sample = await this.profilesByIds(rows[0].sample);
    return { size: rows[0].size, sample, timeSensitive: compiled.dependencies.timeSensitive };
  }

  /**
   * SQL selecting (k, profile_id) for each instant k of `instants` (an SQL timestamptz[]) at which the
   * profile met the stored segment's definition, rebuilt from the event history (point-in-time.ts).
   */
  async membersAtInstantsSql(idOrKey: string, params: SqlParams, instants: string): Promise<string> {
    this.refuseHistoryUnderRetention('source');
    const segment = await this.get(idOrKey);
    const definition = segment.definition as unknown as SegmentDefinition;
    const compiled = this.compileChecked(definition, await this.catalog.byKey(), params, POINT_IN_TIME_NOW, { key: segment.key, pointInTime: true });
    return membersAtInstantsSql({ ...compiled, predicate: SegmentCatalog.membership(segment, compiled.predicate) }, instants);
  }

  /** Full recompute, diffed against current membership in one statement. */
  async recompute(idOrKey: string, cause = MembershipCause.DEFINITION): Promise<RecomputeResult> {
    return this.timings.time(TIMED.recomputeRequest, async () => {
      const segment = await this.get(idOrKey);
      return this.db.transaction((tx) => this.recomputer.membership(tx, segment, cause));
    });
  }

  /**
   * The scheduler's job (each minute): segments whose membership can change with time alone in
   * ways no timer says when (SegmentCatalog.isTimed); the expiry worker keeps the others.
   */
  async recomputeTimeSensitive(): Promise<RecomputeResult[]> {
    const byKey = await this.catalog.byKey();
    return this.timings.time(TIMED.recomputeSchedule, () => this.recomputeEach((s) => s.timeSensitive && !SegmentCatalog.isTimed(s, byKey), MembershipCause.SCHEDULE));
  }

  /**
   * The safety net under the expiry worker (hourly by default): a full recompute of every
   * timed segment, and their timers written afresh. Anything it changes, the timers missed.
   */
  async recomputeTimed(): Promise<RecomputeResult[]> {
    const byKey = await this.catalog.byKey();
    return this.timings.time(TIMED.recomputeSchedule, () => this.recomputeEach((s) => SegmentCatalog.isTimed(s, byKey), MembershipCause.SCHEDULE));
  }

  /** Segments reading the computed trait `key` (a `computed` leaf, directly or through another segment). */
  async usingComputed(key: string): Promise<string[]> {
    return (await this.catalog.list()).filter((s) => s.dependencies.computedKeys?.includes(key)).map((s) => s.key);
  }

  /** After a computed trait's definition changed: the segments reading it, recomputed. */
  recomputeUsingComputed(key: string): Promise<RecomputeResult[]> {
    return this.recomputeEach((s) => !!s.dependencies.computedKeys?.includes(key), MembershipCause.DEFINITION);
  }

  /** Recomputes segments whose definitions read the given stats (after the scoring job). */
  recomputeUsingStats(stats: string[], cause: MembershipCause): Promise<RecomputeResult[]> {
    return this.timings.time(TIMED.recomputeStats, () => this.recomputeEach((s) => !!s.dependencies.stats?.some((x) => stats.includes(x)), cause));
  }

  private async recomputeEach(which: (segment: Segment) => boolean, cause: MembershipCause): Promise<RecomputeResult[]> {
    const results: RecomputeResult[] = [];
    for (const segment of (await this.catalog.list()).filter(which)) {
      results.push(await this.db.transaction((tx) => this.recomputer.all(tx, segment, cause)));
    }
    return results;
  }

  /** Segments that inline `changed` evaluate differently now: refresh their dependencies and membership. */
  private async recomputeDependents(tx: Queryable, changed: Segment): Promise<void> {
    const byKey = new Map(await this.catalog.byKey());
    byKey.set(changed.key, changed);
    for (const dependent of [...byKey.values()].filter((s) => s.id !== changed.id && s.dependencies.segmentKeys?.includes(changed.key))) {
      const params = new SqlParams();
      const compiled = SegmentCatalog.compile(dependent.definition as unknown as SegmentDefinition, byKey, params, params.add(this.clock.now()), { key: dependent.key });
      await tx.query(`update segments set dependencies = $2, time_sensitive = $3 where id = $1`, [
        dependent.id, compiled.dependencies, compiled.dependencies.timeSensitive,
      ]);
      const refreshed = { ...dependent, dependencies: compiled.dependencies, timeSensitive: compiled.dependencies.timeSensitive };
      byKey.set(dependent.key, refreshed);
      await this.recomputer.all(tx, refreshed, MembershipCause.DEFINITION, byKey);
    }
  }

  /**
   * Point-in-time evaluation rebuilds stats and traits as they were from every event up to
   * the instant: with retention on, the dropped months are missing from that sum.
   */
  private refuseHistoryUnderRetention(field: string): void {
    const retention = this.retention();
    if (retention) {
      throw new ValidationError(
        `point-in-time evaluation needs the whole event history, and EVENT_RETENTION_MONTHS=${retention.months} keeps events since ${retention.since.toISOString().slice(0, 10)}; membership recorded since then is available from the recorded source`,
        field,
      );
    }
  }

  /** Validates and compiles a definition as it would be stored under `key`; reports bad references and cycles. */
  private async prepare(key: string, input: Omit<SegmentInput, 'key'>) {
    if (!input.name?.trim()) throw new ValidationError('must not be empty', 'name');
    const definition = validateSegmentDefinition(input.definition, 'definition');
    checkWithinRetention(definition, this.retention());
    const byKey = new Map(await this.catalog.byKey());
    const params = new SqlParams();
    const compiled = this.compileChecked(definition, byKey, params, params.add(this.clock.now()), { key });
    await this.checkComputedKeys(compiled.dependencies.computedKeys);
    return {
      name: input.name.trim(),
      description: input.description ?? null,
      definition,
      purpose: input.purpose ?? SegmentPurpose.GENERAL,
      timeSensitive: compiled.dependencies.timeSensitive,
      dependencies: compiled.dependencies,
    };
  }

  /** `computed` leaves must name computed traits that exist (a missing one would read as no value, silently). */
  private async checkComputedKeys(keys: string[]): Promise<void> {
    const missing = await unknownComputedTraits(this.db, keys);
    if (missing.length) throw new ValidationError(`refers to an unknown computed trait: ${missing.join(', ')}`, 'definition', { computedTraits: missing });
  }

  private compileChecked(definition: SegmentDefinition, byKey: Map<string, Segment>, params: SqlParams, now: string, options: CompileOptions = {}) {
    return this.checked(() => SegmentCatalog.compile(definition, byKey, params, now, options));
  }

  /** Compiler errors as the client's: an unknown segment or a refused leaf is bad input at `definition`. */
  private checked<T>(compile: () => T): T {
    try {
      return compile();
    } catch (e) {
      if (e instanceof NotFoundError) throw new ValidationError(`refers to an unknown segment: ${e.message}`, 'definition', e.details);
      if (e instanceof ValidationError && !e.path) throw new ValidationError(e.message, 'definition', e.details);
      throw e;
    }
  }

  private async inTransaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const result = await this.db.transaction(async (tx) => {
      const value = await work(tx);
      await tx.query(NOTIFY_SEGMENTS_CHANGED, ['changed']);
      return value;
    });
    this.catalog.invalidate();
    return result;
  }

  async sizes(segmentIds: readonly string[]): Promise<number[]> {
    const { rows } = await this.reads.query<{ id: string; size: number }>(SEGMENT_SIZES, [segmentIds]);
    const byId = new Map(rows.map((r) => [r.id, r.size]));
    return segmentIds.map((id) => byId.get(id) ?? 0);
  }

  async members(segmentId: string, firstArg: number, after?: string | null): Promise<Page<{ profile: Profile; enteredAt: Date }>> {
    const first = checkPageSize(firstArg);
    const cursor = decodeCursor(after, ['time', 'uuid']);
    const { rows } = await this.reads.query(SEGMENT_MEMBERS_PAGE, [segmentId, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1]);
    const profiles = new Map((await this.profilesByIds(rows.map((r) => r.profile_id))).map((p) => [p.id, p]));
    const page = toPage(rows, first, (r) => encodeCursor([r.entered_at.toISOString(), r.profile_id]), !!cursor);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: { profile: profiles.get(e.node.profile_id)!, enteredAt: e.node.entered_at } })) };
  }

  async segmentsOfProfiles(profileIds: readonly string[]): Promise<ProfileSegment[][]> {
    const [{ rows }, byKey] = await Promise.all([this.reads.query(PROFILE_SEGMENTS, [profileIds]), this.catalog.byKey()]);
    const byId = new Map([...byKey.values()].map((s) => [s.id, s]));
    const groups = new Map<string, ProfileSegment[]>(profileIds.map((id) => [id, []]));
    for (const r of rows) {
      const segment = byId.get(r.segment_id);
      if (segment) groups.get(r.profile_id)?.push({ segment, enteredAt: r.entered_at });
    }
    return profileIds.map((id) => groups.get(id) ?? []);
  }

  private async profilesByIds(ids: string[]): Promise<Profile[]> {
    if (!ids.length) return [];
    const { rows } = await this.reads.query(
      `select ${PROFILE_COLUMNS} from profiles p left join profile_stats s on s.profile_id = p.id where p.id = any($1::uuid[]) order by p.id`,
      [ids],
    );
    return rows.map(toProfile);
  }
}
