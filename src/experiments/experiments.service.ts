import { isDeepStrictEqual } from 'node:util';
import type { Database, Queryable } from '../db';
import { ConflictError, NotFoundError, ValidationError, wallClock, type Clock } from '../common';
import type { IngestedBatch } from '../ingest';
import type { SegmentsService } from '../segments';
import { sameArms, validateCoverage, validateExperimentKey, validateGoalEvent, validateName, validateSeed, validateVariants, type VariantInput } from './experiment-definition';
import { readHoldout, validateHoldout, writeHoldout, type GlobalHoldout } from './experiment-holdout';
import { NO_METRICS, validateMetrics, type ExperimentMetric, type ExperimentMetrics, type MetricInput } from './experiment-metric-definition';
import { experimentMetricResults, globalHoldoutResults, type HoldoutComparison, type MetricResults } from './experiment-metrics';
import { summarizeResults } from './experiment-results';
import { ExperimentServing, type ExperimentSubject, type ServedVariant } from './experiment-serving';
import { ExperimentTargeting } from './experiment-targeting';
import { ServingCatalog } from './serving-catalog';
import type { ChangeFeed } from '../realtime';
import { ExperimentHashing, ExperimentStatus, HashingUnit, type Experiment, type ExperimentResults } from './experiments.types';
import { EXPERIMENT_RESULTS, INSERT_EXPERIMENT, SELECT_EXPERIMENTS, START_EXPERIMENT, STOP_EXPERIMENT, UPDATE_EXPERIMENT } from './experiments.sql';

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
  /** An inline condition in the segment language; instead of a targeting segment. */
  targetingCondition?: unknown;
  primaryMetric?: MetricInput | null;
  guardrailMetrics?: readonly MetricInput[] | null;
}

export type ExperimentPatch = Partial<Omit<ExperimentInput, 'key'>>;

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
    targetingCondition: r.targeting_condition,
    metrics: r.metrics ?? NO_METRICS,
    holdout: r.holdout ? { share: r.holdout.share, seed: r.holdout.seed, updatedAt: null } : null,
    startedAt: r.started_at,
    stoppedAt: r.stopped_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Experiments: definitions and their one-way lifecycle, the global holdout, serving (sticky
 * deterministic assignment and exposures, in ExperimentServing) and results.
 */
export class ExperimentsService {
  private readonly targeting: ExperimentTargeting;
  private readonly serving: ExperimentServing;

  constructor(
    private readonly db: Database,
    private readonly segments: Pick<SegmentsService, 'get' | 'catalog'>,
    private readonly clock: Clock = wallClock,
    /** Keeps the experiments in memory for serving (see ServingCatalog); without it every decision reads them. */
    feed?: Pick<ChangeFeed, 'on' | 'onReconnect'>,
  ) {
    this.targeting = new ExperimentTargeting(db, segments.catalog, clock);
    this.serving = new ExperimentServing(db, this.targeting, new ServingCatalog(db, feed));
  }

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
    const targetingCondition = await this.validateTargeting(targetingSegmentId, input.targetingCondition);
    const metrics = validateMetrics(input.primaryMetric, input.guardrailMetrics);
    const hashing = { algorithm: input.hashing ?? ExperimentHashing.SHA256, unit: input.hashingUnit ?? HashingUnit.ANONYMOUS_ID, seed: validateSeed(input.seed), coverage: validateCoverage(input.coverage) };
    const { rows } = await this.db.query(INSERT_EXPERIMENT, [
      key, name, input.description ?? null, JSON.stringify(variants), targetingSegmentId, goalEvent, hashing.algorithm, hashing.unit, hashing.seed, hashing.coverage,
      targetingCondition === null ? null : JSON.stringify(targetingCondition), JSON.stringify(metrics),
    ]);
    if (!rows[0]) throw new ConflictError(`An experiment with key "${key}" exists`, { key });
    this.serving.catalog.invalidate();
    return toExperiment(rows[0]);
  }

  /** Anything while DRAFT; while RUNNING only name, description, weights, coverage and metrics; nothing once STOPPED. */
  async update(key: string, patch: ExperimentPatch): Promise<Experiment> {
    const current = await this.get(key);
    if (current.status === ExperimentStatus.STOPPED) {
      throw new ConflictError(`Experiment "${key}" is stopped and can no longer change`, { status: current.status });
    }
    const targetingSegmentId = patch.targetingSegment !== undefined ? await this.resolveSegment(patch.targetingSegment) : current.targetingSegmentId;
    const targetingChanged = patch.targetingCondition !== undefined || patch.targetingSegment !== undefined;
    const next = {
      name: validateName(patch.name !== undefined ? patch.name : current.name),
      description: patch.description !== undefined ? patch.description : current.description,
      variants: patch.variants !== undefined ? validateVariants(patch.variants) : current.variants,
      goalEvent: patch.goalEvent !== undefined ? validateGoalEvent(patch.goalEvent) : current.goalEvent,
      targetingSegmentId,
      // Checked again when either side moves: the two may not both be set.
      targetingCondition: targetingChanged
        ? await this.validateTargeting(targetingSegmentId, patch.targetingCondition !== undefined ? patch.targetingCondition : current.targetingCondition)
        : current.targetingCondition,
      hashing: patch.hashing ?? current.hashing,
      hashingUnit: patch.hashingUnit ?? current.hashingUnit,
      seed: patch.seed !== undefined ? validateSeed(patch.seed) ?? current.key : current.seed,
      coverage: patch.coverage != null ? validateCoverage(patch.coverage) : current.coverage,
      metrics: metricsPatched(current.metrics, patch),
    };
    if (current.status === ExperimentStatus.RUNNING) assertRunningChangeAllowed(current, next);
    const { rows } = await this.db.query(UPDATE_EXPERIMENT, [
      current.id, current.status, next.name, next.description, JSON.stringify(next.variants), next.targetingSegmentId, next.goalEvent,
      next.hashing, next.hashingUnit, next.seed === current.key ? null : next.seed, next.coverage,
      next.targetingCondition == null ? null : JSON.stringify(next.targetingCondition), JSON.stringify(next.metrics),
    ]);
    if (!rows[0]) throw new ConflictError(`Experiment "${key}" changed status meanwhile; read it and try again`, { key });
    this.serving.catalog.invalidate();
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
   * afterwards (even when weights change); see ExperimentServing.decide. Throws NOT_FOUND for
   * an unknown experiment. Does not log an exposure: use `serve` when the variant is shown.
   */
  async assign(experimentKey: string, subject: ExperimentSubject): Promise<string | null> {
    return (await this.serving.decide(experimentKey, subject, false))?.variant ?? null;
  }

  /**
   * As `assign`, and logs the exposure the first time when a profile exists (later calls are
   * no-ops). A first visit's variant comes from the hash alone, with one read and no write;
   * its exposure is recorded when the frontend sends `Experiment Viewed`.
   */
  serve(experimentKey: string, subject: ExperimentSubject): Promise<ServedVariant | null> {
    return this.serving.decide(experimentKey, subject, true);
  }

  /** Ingestion hook: merges move assignments and exposures; `Experiment Viewed` records exposures. */
  onStored(tx: Queryable, batch: Pick<IngestedBatch, 'merges' | 'events'>): Promise<void> {
    return this.serving.onStored(tx, batch);
  }

  /** A metric per variant (and for the held-out users), against the control. */
  async metric(key: string, metric: ExperimentMetric): Promise<MetricResults> {
    return experimentMetricResults(this.db, await this.get(key), metric, this.clock.now());
  }

  /** The experiment's stored metrics, primary first, each with its results. */
  async storedMetrics(experiment: Experiment): Promise<Array<{ role: 'PRIMARY' | 'GUARDRAIL'; results: MetricResults }>> {
    const { primary, guardrails } = experiment.metrics;
    const now = this.clock.now();
    const roles = [...(primary ? [{ role: 'PRIMARY' as const, metric: primary }] : []), ...guardrails.map((metric) => ({ role: 'GUARDRAIL' as const, metric }))];
    return Promise.all(roles.map(async ({ role, metric }) => ({ role, results: await experimentMetricResults(this.db, experiment, metric, now) })));
  }

  /** Exposures and conversions per variant (and of the held-out users) in one statement, then the statistics. */
  async results(key: string): Promise<ExperimentResults> {
    const { rows } = await this.db.query(EXPERIMENT_RESULTS, [key]);
    if (!rows.length) throw new NotFoundError(`No experiment "${key}"`, { experiment: key });
    const counts = rows.map((r) => ({ key: r.variant_key, exposures: r.exposures, conversions: r.conversions }));
    const heldOut = { exposures: rows[0].held_out, conversions: rows[0].held_out_conversions };
    return summarizeResults(toExperiment(rows[0]), counts, heldOut, rows[0].computed_at);
  }

  /** A metric for everyone held out of every experiment with a holdout, against everyone held out of none. */
  holdoutResults(metric: ExperimentMetric): Promise<HoldoutComparison | null> {
    return globalHoldoutResults(this.db, metric, this.clock.now());
  }

  holdout(): Promise<GlobalHoldout> {
    return readHoldout(this.db);
  }

  /** Sets the global holdout for experiments started from now on; running ones keep theirs. */
  setHoldout(share: number, seed?: string | null): Promise<GlobalHoldout> {
    return writeHoldout(this.db, validateHoldout(share, seed));
  }

  private async transition(sql: string, key: string, from: ExperimentStatus): Promise<Experiment> {
    const { rows } = await this.db.query(sql, [key]);
    // This instance serves the change from the next call; others when the trigger's NOTIFY arrives.
    this.serving.catalog.invalidate();
    if (rows[0]) return toExperiment(rows[0]);
    const current = await this.get(key);
    throw new ConflictError(`Experiment "${key}" is ${current.status}; this needs it ${from}`, { status: current.status });
  }

  /** The inline condition, validated; refused together with a targeting segment. */
  private async validateTargeting(segmentId: string | null, condition: unknown): Promise<Record<string, unknown> | null> {
    if (condition == null) return null;
    if (segmentId !== null) throw new ValidationError('give either targetingSegment or targetingCondition, not both', 'targetingCondition');
    return (await this.targeting.validate(condition, 'targetingCondition')) as unknown as Record<string, unknown>;
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

/** A patch's metrics over the current ones: each of primary and guardrails replaced when given. */
function metricsPatched(current: ExperimentMetrics, patch: ExperimentPatch): ExperimentMetrics {
  if (patch.primaryMetric === undefined && patch.guardrailMetrics === undefined) return current;
  const next = validateMetrics(patch.primaryMetric, patch.guardrailMetrics);
  return {
    primary: patch.primaryMetric !== undefined ? next.primary : current.primary,
    guardrails: patch.guardrailMetrics !== undefined ? next.guardrails : current.guardrails,
  };
}

/** Once users are assigned only weights may move: other changes would invalidate the results. */
function assertRunningChangeAllowed(
  current: Experiment, next: Pick<Experiment, 'variants' | 'goalEvent' | 'targetingSegmentId' | 'targetingCondition' | 'hashing' | 'hashingUnit' | 'seed'>,
): void {
  const refuse = (path: string, what: string) => {
    throw new ConflictError(`${path}: ${what} cannot change while the experiment is RUNNING`, { path, status: current.status });
  };
  if (!sameArms(current.variants, next.variants)) refuse('variants', 'variant keys, their order and the control');
  if (next.goalEvent !== current.goalEvent) refuse('goalEvent', 'the goal event');
  if (next.targetingSegmentId !== current.targetingSegmentId) refuse('targetingSegment', 'the targeting segment');
  if (!isDeepStrictEqual(next.targetingCondition ?? null, current.targetingCondition ?? null)) refuse('targetingCondition', 'the targeting condition');
  if (next.hashing !== current.hashing) refuse('hashing', 'the hashing');
  if (next.hashingUnit !== current.hashingUnit) refuse('hashingUnit', 'the hashing unit');
  if (next.seed !== current.seed) refuse('seed', 'the seed');
}
