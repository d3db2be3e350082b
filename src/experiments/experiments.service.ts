import type { Database, Queryable } from '../db';
import { ConflictError, NotFoundError, ValidationError, isUuid } from '../common';
import type { IngestedBatch } from '../ingest';
import type { SegmentsService } from '../segments';
import { bucket } from './bucketing';
import { sameArms, validateExperimentKey, validateGoalEvent, validateName, validateVariants, type VariantInput } from './experiment-definition';
import { summarizeResults } from './experiment-results';
import { ExperimentStatus, type Experiment, type ExperimentResults, type ExperimentVariant } from './experiments.types';
import {
  DELETE_MERGED, EXPERIMENT_RESULTS, INSERT_EXPERIMENT, MOVE_ASSIGNMENTS, MOVE_EXPOSURES, RECORD_ASSIGNMENT, RECORD_EXPOSURE,
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
}

export type ExperimentPatch = Partial<Omit<ExperimentInput, 'key'>>;

/** What personalization receives when a placement rule points at an experiment. */
export interface ServedVariant {
  experimentKey: string;
  variant: string;
}

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
    const { rows } = await this.db.query(INSERT_EXPERIMENT, [
      key, name, input.description ?? null, JSON.stringify(variants), targetingSegmentId, goalEvent,
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
    };
    if (current.status === ExperimentStatus.RUNNING) assertRunningChangeAllowed(current, next);
    const { rows } = await this.db.query(UPDATE_EXPERIMENT, [
      current.id, current.status, next.name, next.description, JSON.stringify(next.variants), next.targetingSegmentId, next.goalEvent,
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
   * The variant of a profile, persisted on first call so it never moves afterwards (even when
   * weights change). Null when the experiment is not RUNNING, the profile does not exist or it
   * is outside the targeting segment (checked on every call). Throws NOT_FOUND for an unknown
   * experiment. Does not log an exposure: use `serve` when the variant is shown.
   */
  assign(experimentKey: string, profileId: string): Promise<string | null> {
    return this.decide(experimentKey, profileId, false);
  }

  /** As `assign`, and logs the profile's exposure the first time (later calls are no-ops). */
  async serve(experimentKey: string, profileId: string): Promise<{ experimentKey: string; variant: string } | null> {
    const variant = await this.decide(experimentKey, profileId, true);
    return variant === null ? null : { experimentKey, variant };
  }

  /** Exposures and conversions per variant in one statement, then the statistics. */
  async results(key: string): Promise<ExperimentResults> {
    const { rows } = await this.db.query(EXPERIMENT_RESULTS, [key]);
    if (!rows.length) throw new NotFoundError(`No experiment "${key}"`, { experiment: key });
    const counts = rows.map((r) => ({ key: r.variant_key, exposures: r.exposures, conversions: r.conversions }));
    return summarizeResults(toExperiment(rows[0]), counts, rows[0].computed_at);
  }

  /** Ingestion hook: a merged profile's assignments and exposures follow its events to the survivor. */
  async onStored(tx: Queryable, batch: Pick<IngestedBatch, 'merges'>): Promise<void> {
    // In order: a chain A→B, B→C in one batch must end with everything on C.
    for (const { survivor, merged } of batch.merges) {
      await tx.query(MOVE_ASSIGNMENTS, [survivor, merged]);
      await tx.query(MOVE_EXPOSURES, [survivor, merged]);
      await tx.query(DELETE_MERGED, [merged]);
    }
  }

  private async decide(experimentKey: string, profileId: string, expose: boolean): Promise<string | null> {
    if (!isUuid(profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
    const { rows } = await this.db.query(SERVE_CONTEXT, [experimentKey, profileId]);
    const context = rows[0];
    if (!context) throw new NotFoundError(`No experiment "${experimentKey}"`, { experiment: experimentKey });
    if (context.status !== ExperimentStatus.RUNNING || !context.profile_id || !context.targeted) return null;
    if (context.assigned && !expose) return context.assigned;
    const variant: string = context.assigned ?? bucket(context.key, context.profile_id, context.variants as ExperimentVariant[]).key;
    return this.persist(expose ? RECORD_EXPOSURE : RECORD_ASSIGNMENT, context.profile_id, context.id, variant);
  }

  private async persist(record: string, profileId: string, experimentId: string, variant: string): Promise<string> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { rows } = await this.db.query<{ variant: string }>(record, [profileId, experimentId, variant]);
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

/** Once users are assigned only weights may move: other changes would invalidate the results. */
function assertRunningChangeAllowed(current: Experiment, next: { variants: ExperimentVariant[]; goalEvent: string; targetingSegmentId: string | null }): void {
  const refuse = (path: string, what: string) => {
    throw new ConflictError(`${path}: ${what} cannot change while the experiment is RUNNING`, { path, status: current.status });
  };
  if (!sameArms(current.variants, next.variants)) refuse('variants', 'variant keys, their order and the control');
  if (next.goalEvent !== current.goalEvent) refuse('goalEvent', 'the goal event');
  if (next.targetingSegmentId !== current.targetingSegmentId) refuse('targetingSegment', 'the targeting segment');
}
