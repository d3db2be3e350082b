import type { Database, Queryable } from '../db';
import { ConflictError, NotFoundError, ValidationError, isUuid } from '../common';
import type { IngestedBatch } from '../ingest';
import type { SegmentsService } from '../segments';
import { positionOf, variantAt } from './bucketing';
import { sameArms, validateCoverage, validateExperimentKey, validateGoalEvent, validateName, validateSeed, validateVariants, type VariantInput } from './experiment-definition';
import { summarizeResults } from './experiment-results';
import { meanMetricResults, type MeanMetric, type MeanMetricResults } from './experiment-metrics';
import { ExperimentHashing, ExperimentStatus, HashingUnit, type Experiment, type ExperimentResults, type ExperimentVariant } from './experiments.types';
import {
  DELETE_MERGED, EXPERIMENT_RESULTS, IS_MEMBER, VIEWED_EXPERIMENTS, INSERT_EXPERIMENT, MOVE_ASSIGNMENTS, MOVE_EXPOSURES, RECORD_ASSIGNMENT, RECORD_EXPOSURE,
  SELECT_EXPERIMENTS, SERVE_CONTEXT, START_EXPERIMENT, STOP_EXPERIMENT, UPDATE_EXPERIMENT,
} from './experiments.sql';


export interface ExperimentInput {
  key: string;
  name: string;
  description?: string | null;
  variants: readonly VariantInput[];
  /** Segment id or key; null or absent: everyone. */
  targetingSegment?: string | null;
  goalEvent: string;
  hashing?: ExperimentHashing | null;
  hashingUnit?: HashingUnit | null;
  seed?: string | null;
  coverage?: number | null;
}

export type ExperimentPatch = Partial<Omit<ExperimentInput, 'key'>>;

/** Whom a variant is for: any of a profile id, a user id and an anonymous id (a first visit has only the last). */
export interface ExperimentSubject {
  profileId?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
}

/** What personalization receives when a placement rule points at an experiment. */
export interface ServedVariant {
  experimentKey: string;
  variant: string;
}

/** Segment's A/B testing spec: the event a frontend sends when it shows a variant. */
export const EXPERIMENT_VIEWED = 'Experiment Viewed';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function toExperiment(r: Row): Experiment {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    status: r.status,
    variants: r.variants,
    targetingSegmentId: r.targeting_segment_id,
    goalEvent: r.goal_event,
    hashing: r.hashing,
    hashingUnit: r.hashing_unit,
    seed: r.seed ?? r.key,
    coverage: r.coverage,
    startedAt: r.started_at,
    stoppedAt: r.stopped_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Experiments: definitions and their one-way lifecycle, sticky deterministic assignment,
 * exposure logging and results. Stateless: any number of instances agree on every variant
 * because the hash decides and the first decision is persisted.
 */
export class ExperimentsService {
  constructor(private readonly db: Database, private readonly segments: Pick<SegmentsService, 'get'>) {}

  async list(): Promise<Experiment[]> {
    const { rows } = await this.db.query(`${SELECT_EXPERIMENTS} order by created_at, key`);
    return rows.map(toExperiment);
  }

  async find(key: string): Promise<Experiment | null> {
    const { rows } = await this.db.query(`${SELECT_EXPERIMENTS} where key = $1`, [key]);
    return rows[0] ? toExperiment(rows[0]) : null;
  }

  async get(key: string): Promise<Experiment> {
    const experiment = await this.find(key);
    if (!experiment) throw new NotFoundError(`No experiment "${key}"`, { experiment: key });
    return experiment;
  }

  async create(input: ExperimentInput): Promise<Experiment> {
    const key = validateExperimentKey(input.key);
    const name = validateName(input.name);
    const variants = validateVariants(input.variants);
    const goalEvent = validateGoalEvent(input.goalEvent);
    const targetingSegmentId = await this.resolveSegment(input.targetingSegment);
    const hashing = { algorithm: input.hashing ?? ExperimentHashing.SHA256, unit: input.hashingUnit ?? HashingUnit.ANONYMOUS_ID, seed: validateSeed(input.seed), coverage: validateCoverage(input.coverage) };
    const { rows } = await this.db.query(INSERT_EXPERIMENT, [
      key, name, input.description ?? null, JSON.stringify(variants), targetingSegmentId, goalEvent, hashing.algorithm, hashing.unit, hashing.seed, hashing.coverage,
    ]);
    if (!rows[0]) throw new ConflictError(`An experiment with key "${key}" exists`, { key });
    return toExperiment(rows[0]);
  }

  /** Anything while DRAFT; while RUNNING only name, description and weights; nothing once STOPPED. */
  async update(key: string, patch: ExperimentPatch): Promise<Experiment> {
    const current = await this.get(key);
    if (current.status === ExperimentStatus.STOPPED) {
      throw new ConflictError(`Experiment "${key}" is stopped and can no longer change`, { status: current.status });
    }
    const next = {
      name: validateName(patch.name !== undefined ? patch.name : current.name),
      description: patch.description !== undefined ? patch.description : current.description,
      variants: patch.variants !== undefined ? validateVariants(patch.variants) : current.variants,
      goalEvent: patch.goalEvent !== undefined ? validateGoalEvent(patch.goalEvent) : current.goalEvent,
      targetingSegmentId: patch.targetingSegment !== undefined ? await this.resolveSegment(patch.targetingSegment) : current.targetingSegmentId,
      hashing: patch.hashing ?? current.hashing,
      hashingUnit: patch.hashingUnit ?? current.hashingUnit,
      seed: patch.seed !== undefined ? validateSeed(patch.seed) ?? current.key : current.seed,
      coverage: patch.coverage != null ? validateCoverage(patch.coverage) : current.coverage,
    };
    if (current.status === ExperimentStatus.RUNNING) assertRunningChangeAllowed(current, next);
    const { rows } = await this.db.query(UPDATE_EXPERIMENT, [
      current.id, current.status, next.name, next.description, JSON.stringify(next.variants), next.targetingSegmentId, next.goalEvent,
      next.hashing, next.hashingUnit, next.seed === current.key ? null : next.seed, next.coverage,
    ]);
    if (!rows[0]) throw new ConflictError(`Experiment "${key}" changed status meanwhile; read it and try again`, { key });
    return toExperiment(rows[0]);
  }

  start(key: string): Promise<Experiment> {
    return this.transition(START_EXPERIMENT, key, ExperimentStatus.DRAFT);
  }

  stop(key: string): Promise<Experiment> {
    return this.transition(STOP_EXPERIMENT, key, ExperimentStatus.RUNNING);
  }

  /**
   * The variant of a subject, persisted on first call when a profile exists so it never moves
   * afterwards (even when weights change). Null when the experiment is not RUNNING, the subject
   * lacks the experiment's hashing unit, is outside its coverage, or outside the targeting
   * segment (checked on every call; a first visit is in no segment). Throws NOT_FOUND for an
   * unknown experiment. Does not log an exposure: use `serve` when the variant is shown.
   */
  assign(experimentKey: string, subject: ExperimentSubject): Promise<string | null> {
    return this.decide(experimentKey, subject, false);
  }

  /**
   * As `assign`, and logs the exposure the first time when a profile exists (later calls are
   * no-ops). A first visit's variant comes from the hash alone, with this one read and no write;
   * its exposure is recorded when the frontend sends `Experiment Viewed` (see onStored).
   */
  async serve(experimentKey: string, subject: ExperimentSubject): Promise<{ experimentKey: string; variant: string } | null> {
    const variant = await this.decide(experimentKey, subject, true);
    return variant === null ? null : { experimentKey, variant };
  }

  /** A mean metric per variant, plain and CUPED-adjusted, against the control. */
  meanMetric(key: string, metric: MeanMetric): Promise<MeanMetricResults> {
    return meanMetricResults(this.db, key, metric);
  }

  /** Exposures and conversions per variant in one statement, then the statistics. */
  async results(key: string): Promise<ExperimentResults> {
    const { rows } = await this.db.query(EXPERIMENT_RESULTS, [key]);
    if (!rows.length) throw new NotFoundError(`No experiment "${key}"`, { experiment: key });
    const counts = rows.map((r) => ({ key: r.variant_key, exposures: r.exposures, conversions: r.conversions }));
    return summarizeResults(toExperiment(rows[0]), counts, rows[0].computed_at);
  }

  /**
   * Ingestion hook: a merged profile's assignments and exposures follow its events to the
   * survivor, and `Experiment Viewed` events record exposures.
   */
  async onStored(tx: Queryable, batch: Pick<IngestedBatch, 'merges' | 'events'>): Promise<void> {
    await this.moveMerged(tx, batch);
    await this.recordViewed(tx, batch);
  }

  /**
   * `Experiment Viewed` (Segment's A/B testing spec, `experiment_id` = our key) records the
   * exposure of the event's profile at the event's time, with the variant the server assigns
   * (the one recorded, else the hash of the event's hashing unit): a client's own
   * `variation_id` is not trusted. Events for experiments not running, outside the coverage
   * or the targeting segment record nothing.
   */
  private async recordViewed(tx: Queryable, batch: Pick<IngestedBatch, 'events'>): Promise<void> {
    const viewed = batch.events.filter(({ event }) => event.name === EXPERIMENT_VIEWED && typeof event.properties.experiment_id === 'string');
    if (!viewed.length) return;
    const { rows } = await tx.query<Row & HashingRow>(VIEWED_EXPERIMENTS, [[...new Set(viewed.map(({ event }) => event.properties.experiment_id as string))]]);
    const byKey = new Map(rows.map((r) => [r.key as string, r]));
    for (const { profileId, event } of viewed) {
      const experiment = byKey.get(event.properties.experiment_id as string);
      if (!experiment) continue;
      if (experiment.targeting_segment_id && !(await tx.query(IS_MEMBER, [experiment.targeting_segment_id, profileId])).rowCount) continue;
      const idOf = (kind: string) => event.identities.find((i) => i.kind === kind)?.value ?? null;
      const variant = hashedVariant(experiment, unitValue(experiment.hashing_unit, { userId: idOf('user_id'), anonymousId: idOf('anonymous_id') }, profileId));
      // A recorded assignment wins over `variant` inside the statement.
      if (variant !== null) await this.persist(RECORD_EXPOSURE, [profileId, experiment.id, variant, event.occurredAt], tx);
    }
  }

  private async moveMerged(tx: Queryable, batch: Pick<IngestedBatch, 'merges'>): Promise<void> {
    // In order: a chain A→B, B→C in one batch must end with everything on C.
    for (const { survivor, merged } of batch.merges) {
      await tx.query(MOVE_ASSIGNMENTS, [survivor, merged]);
      await tx.query(MOVE_EXPOSURES, [survivor, merged]);
      await tx.query(DELETE_MERGED, [merged]);
    }
  }

  private async decide(experimentKey: string, subject: ExperimentSubject, expose: boolean): Promise<string | null> {
    if (subject.profileId != null && !isUuid(subject.profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
    const { rows } = await this.db.query<Row & HashingRow>(SERVE_CONTEXT, [experimentKey, subject.profileId ?? null, subject.userId ?? null, subject.anonymousId ?? null], 'experiment-serve-context');
    const context = rows[0];
    if (!context) throw new NotFoundError(`No experiment "${experimentKey}"`, { experiment: experimentKey });
    if (context.status !== ExperimentStatus.RUNNING || !context.targeted) return null;
    if (context.assigned && !expose) return context.assigned;
    const variant: string | null = context.assigned ?? hashedVariant(context, unitValue(context.hashing_unit, subject, context.profile_id));
    if (variant === null || !context.profile_id) return variant;
    const values = [context.profile_id, context.id, variant];
    return expose ? this.persist(RECORD_EXPOSURE, [...values, null]) : this.persist(RECORD_ASSIGNMENT, values);
  }

  /** Runs RECORD_ASSIGNMENT or RECORD_EXPOSURE with its values ((profile, experiment, variant[, exposed at])) until one holds. */
  private async persist(record: string, values: unknown[], q: Queryable = this.db): Promise<string> {
    const [profileId, experimentId] = values;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { rows } = await q.query<{ variant: string }>(record, values);
      if (rows[0]) return rows[0].variant;
      // A concurrent first assignment committed after this statement's snapshot: the next pass reads it.
    }
    throw new Error(`could not record the assignment of profile ${profileId} to experiment ${experimentId}`);
  }

  private async transition(sql: string, key: string, from: ExperimentStatus): Promise<Experiment> {
    const { rows } = await this.db.query(sql, [key]);
    if (rows[0]) return toExperiment(rows[0]);
    const current = await this.get(key);
    throw new ConflictError(`Experiment "${key}" is ${current.status}; this needs it ${from}`, { status: current.status });
  }

  private async resolveSegment(idOrKey: string | null | undefined, path = 'targetingSegment'): Promise<string | null> {
    if (idOrKey === null || idOrKey === undefined) return null;
    try {
      return (await this.segments.get(idOrKey)).id;
    } catch (e) {
      if (e instanceof NotFoundError) throw new ValidationError(`refers to an unknown segment "${idOrKey}"`, path);
      throw e;
    }
  }
}

/** What hashing needs of an experiment row (SERVE_CONTEXT and VIEWED_EXPERIMENTS both select it). */
interface HashingRow {
  hashing: ExperimentHashing;
  seed: string;
  coverage: number;
  variants: ExperimentVariant[];
}

/** The value of the experiment's hashing unit for this subject, if it has one. */
function unitValue(unit: HashingUnit, subject: ExperimentSubject, profileId: string | null): string | null {
  if (unit === HashingUnit.ANONYMOUS_ID) return subject.anonymousId || null;
  if (unit === HashingUnit.USER_ID) return subject.userId || null;
  return profileId;
}

/** The variant the hash gives, or null without a unit value or outside the coverage. */
function hashedVariant(row: HashingRow, value: string | null): string | null {
  if (value === null) return null;
  return variantAt(row.hashing, row.variants, positionOf(row.hashing, row.seed, value), row.coverage)?.key ?? null;
}

/** Once users are assigned only weights may move: other changes would invalidate the results. */
function assertRunningChangeAllowed(
  current: Experiment, next: Pick<Experiment, 'variants' | 'goalEvent' | 'targetingSegmentId' | 'hashing' | 'hashingUnit' | 'seed'>,
): void {
  const refuse = (path: string, what: string) => {
    throw new ConflictError(`${path}: ${what} cannot change while the experiment is RUNNING`, { path, status: current.status });
  };
  if (!sameArms(current.variants, next.variants)) refuse('variants', 'variant keys, their order and the control');
  if (next.goalEvent !== current.goalEvent) refuse('goalEvent', 'the goal event');
  if (next.targetingSegmentId !== current.targetingSegmentId) refuse('targetingSegment', 'the targeting segment');
  if (next.hashing !== current.hashing) refuse('hashing', 'the hashing');
  if (next.hashingUnit !== current.hashingUnit) refuse('hashingUnit', 'the hashing unit');
  if (next.seed !== current.seed) refuse('seed', 'the seed');
}
