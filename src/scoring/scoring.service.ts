import type { Database, Queryable } from '../db';
import type { ScoringConfig } from '../config';
import { ValidationError, type Clock } from '../common';
import { type SegmentsService, MembershipCause } from '../segments';
import type { FitResult } from './bgnbd';
import { fitChurnModel, scoreHistories, type PurchaseHistory } from './churn-model';
import { populationMeanValue } from './gamma-gamma';
import { createBuyers, fitSpend } from './scoring-buyers';
import { LIFECYCLE_STAGES, VALUE_TIERS, validateLifecycleRules, type LifecycleRules } from './lifecycle';
import { RFM_CELLS } from './rfm';
import {
  ANALYZE_BUYERS, CLEAR_NON_BUYERS, ENSURE_STATS_ROWS, HISTORY_GROUPS, INSERT_MODEL, INSERT_VALUE_MODEL, LATEST_MODEL, LATEST_VALUE_MODEL, LOCK_SCORING,
  RECORD_RUN, SCORE_COUNTS, WRITE_SCORES,
} from './scoring.sql';
import { latestRun, ScoringClock } from './scoring-clock';
import { validateValueModel, type ValueModelCheck } from './value-validation';
import type { ChurnModel, ScoreCount, ScoringRun, ScoringRunRecord, SpendModel } from './scoring.types';

/** The profile_stats columns the job writes: segments reading any of them are recomputed after a run. */
export const SCORE_STATS = [
  'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment', 'lifecycle', 'value_tier', 'p_alive', 'churn_risk', 'expected_orders_90d',
  'expected_avg_order_value', 'purchase_probability_30d', 'expected_orders_52w', 'clv_52w', 'clv_52w_discounted',
];

/** An as-of date may run this far ahead of our clock (the database's clock may differ a little). */
const MAX_FUTURE_SKEW_MS = 60_000;

export interface ScoringOptions {
  /** Overrides the configured lifecycle thresholds for this run only. */
  lifecycle?: Partial<LifecycleRules>;
}

type Written = Omit<ScoringRun, 'durationMs' | 'segmentsRecomputed'>;
/** What asked for a run: an explicit as-of (pinned), an explicit run as SCORING_AS_OF says, or the schedule. */
type RunRequest = { asOf: Date } | { asOf?: undefined; scheduled: boolean };
type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function toChurnModel(r: Row): ChurnModel {
  return {
    id: String(r.id), r: r.r, alpha: r.alpha, a: r.a, b: r.b, logLikelihood: r.log_likelihood, sampleSize: r.sample_size,
    converged: r.converged, iterations: r.iterations, asOf: r.as_of, fittedAt: r.fitted_at,
  };
}

function toSpendModel(r: Row): SpendModel {
  const params = { p: r.p, q: r.q, gamma: r.gamma };
  const mean = populationMeanValue(params);
  return {
    id: String(r.id), ...params, populationMean: Number.isFinite(mean) ? mean : null, logLikelihood: r.log_likelihood, sampleSize: r.sample_size,
    converged: r.converged, iterations: r.iterations, asOf: r.as_of, fittedAt: r.fitted_at,
  };
}

/** Counts in the order of `names`, zeros included. */
function countsFor(rows: Row[], score: string, names: readonly string[]): ScoreCount[] {
  const found = new Map(rows.filter((r) => r.score === score).map((r) => [r.name, r.count]));
  return names.map((name) => ({ name, count: found.get(name) ?? 0 }));
}

/**
 * The scoring job: RFM quintiles and cells, lifecycle stages, value tiers and BG/NBD
 * churn risk for every buyer as of a date, written in one transaction with the log of
 * churn-risk increases; then the segments on scores are recomputed.
 */
export class ScoringService {
  private readonly clock: ScoringClock;

  constructor(
    private readonly db: Database,
    private readonly segments: SegmentsService,
    private readonly config: ScoringConfig,
    clock: Clock,
    /** The first instant EVENT_RETENTION_MONTHS keeps (null: everything): scoring as of an earlier one is refused. */
    private readonly keptSince: () => Date | null = () => null,
  ) {
    validateLifecycleRules(config.lifecycle, 'config.scoring.lifecycle');
    this.clock = new ScoringClock(config.asOf, clock);
  }

  /**
   * An explicit run (GraphQL, `npm start` after the demo seed). With `asOf` the result is pinned:
   * the schedule leaves it in place until the next explicit run or a change of SCORING_AS_OF.
   * Without, it scores as SCORING_AS_OF says and hands the scores back to the schedule.
   */
  run(asOf?: Date, options: ScoringOptions = {}): Promise<ScoringRun> {
    if (asOf !== undefined) {
      if (!(asOf instanceof Date) || Number.isNaN(asOf.getTime())) throw new ValidationError('must be a valid date', 'asOf');
      if (asOf.getTime() > this.clock.now().getTime() + MAX_FUTURE_SKEW_MS) throw new ValidationError('must not be in the future', 'asOf');
    }
    return this.execute(asOf ? { asOf } : { scheduled: false }, options) as Promise<ScoringRun>;
  }

  /** The schedule's run: null (nothing done) while a pinned run stands. */
  runScheduled(): Promise<ScoringRun | null> {
    return this.execute({ scheduled: true }, {});
  }

  /** The last run, or null before the first. */
  lastRun(): Promise<ScoringRunRecord | null> {
    return latestRun(this.db);
  }

  private async execute(request: RunRequest, options: ScoringOptions): Promise<ScoringRun | null> {
    const rules = validateLifecycleRules({ ...this.config.lifecycle, ...definedOnly(options.lifecycle) });
    const started = Date.now();
    const written = await this.db.transaction(async (tx) => {
      await tx.query(LOCK_SCORING);
      if (request.asOf === undefined && request.scheduled && (await this.clock.keepsPinnedRun(tx))) return null;
      const asOf = request.asOf ?? (await this.clock.configuredInstant(tx));
      this.refuseBeforeKept(asOf);
      return this.score(tx, asOf, rules, request.asOf !== undefined);
    });
    if (!written) return null;
    const recomputed = await this.segments.recomputeUsingStats(SCORE_STATS, MembershipCause.SCORING);
    return { ...written, segmentsRecomputed: recomputed.length, durationMs: Date.now() - started };
  }

  /**
   * Orders of dropped months are kept folded as of their drop (retired_orders), not event by
   * event, so an instant before the kept months cannot be replayed.
   */
  private refuseBeforeKept(asOf: Date): void {
    const since = this.keptSince();
    if (since && asOf < since) {
      throw new ValidationError(
        `scoring as of ${asOf.toISOString()} needs the order events before ${since.toISOString()}, which EVENT_RETENTION_MONTHS no longer keeps: score as of that instant or later`,
        'asOf',
      );
    }
  }

  /** Both models fitted up to `calibrationEnd`, against what happened up to `holdoutEnd` (value-validation.ts). */
  validateValueModel(calibrationEnd: Date, holdoutEnd: Date): Promise<ValueModelCheck> {
    for (const [path, at] of [['calibrationEnd', calibrationEnd], ['holdoutEnd', holdoutEnd]] as const) {
      if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new ValidationError('must be a valid date', path);
    }
    if (holdoutEnd.getTime() > this.clock.now().getTime() + MAX_FUTURE_SKEW_MS) throw new ValidationError('must not be in the future', 'holdoutEnd');
    this.refuseBeforeKept(calibrationEnd);
    return validateValueModel(this.db, calibrationEnd, holdoutEnd, validateLifecycleRules(this.config.lifecycle));
  }

  /** The most recent Gamma-Gamma fit, or null before the first one (it needs two buyers with repeat spend). */
  async latestSpendModel(): Promise<SpendModel | null> {
    const { rows } = await this.db.query(LATEST_VALUE_MODEL);
    return rows[0] ? toSpendModel(rows[0]) : null;
  }

  /** The most recent fit, or null before the first successful one. */
  async latestModel(): Promise<ChurnModel | null> {
    const { rows } = await this.db.query(LATEST_MODEL);
    return rows[0] ? toChurnModel(rows[0]) : null;
  }

  private async score(tx: Queryable, asOf: Date, rules: LifecycleRules, pinned: boolean): Promise<Written> {
    const scoredAt = this.clock.now();
    await createBuyers(tx, asOf, rules);
    await tx.query(ANALYZE_BUYERS);
    const { rows: histories } = await tx.query<PurchaseHistory>(HISTORY_GROUPS);
    const fit = fitChurnModel(histories);
    const scores = fit ? scoreHistories(fit.params, histories, this.config.clvDiscountRate) : [];
    const spend = await fitSpend(tx, 'scoring_buyers');

    await tx.query(ENSURE_STATS_ROWS);
    const { rows: [write] } = await tx.query<{ scored: number; increases: number }>(WRITE_SCORES, [
      JSON.stringify(scores), this.config.potentialMinExpectedOrders, scoredAt, asOf, spend?.params.p ?? null, spend?.params.q ?? null, spend?.params.gamma ?? null,
    ]);
    await tx.query(CLEAR_NON_BUYERS);
    const model = fit ? await this.saveModel(tx, fit, asOf, scoredAt) : null;
    if (spend) await tx.query(INSERT_VALUE_MODEL, [asOf, spend.params.p, spend.params.q, spend.params.gamma, spend.logLikelihood, spend.sampleSize, spend.converged, spend.iterations, scoredAt]);
    const { rows: counts } = await tx.query(SCORE_COUNTS);
    await tx.query(RECORD_RUN, [asOf, pinned, this.clock.setting, write.scored, scoredAt]);
    return {
      asOf,
      pinned,
      buyersScored: write.scored,
      model,
      rfmCells: countsFor(counts, 'rfm_segment', RFM_CELLS),
      lifecycleStages: countsFor(counts, 'lifecycle', LIFECYCLE_STAGES),
      valueTiers: countsFor(counts, 'value_tier', VALUE_TIERS),
      churnRiskIncreases: write.increases,
    };
  }

  private async saveModel(tx: Queryable, fit: FitResult, asOf: Date, fittedAt: Date): Promise<ChurnModel> {
    const { r, alpha, a, b } = fit.params;
    const { rows } = await tx.query(INSERT_MODEL, [asOf, r, alpha, a, b, fit.logLikelihood, fit.sampleSize, fit.converged, fit.iterations, fittedAt]);
    return toChurnModel(rows[0]);
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}
