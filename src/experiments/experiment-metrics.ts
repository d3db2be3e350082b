import type { Queryable } from '../db';
import { HOLDOUT_VARIANT } from './experiment-holdout';
import { MetricKind, type ExperimentMetric } from './experiment-metric-definition';
import { metricSumsSql } from './experiment-metric-sql';
import { cuped, sampleOf, welch, type MetricSums, type Sample, type WelchComparison } from './mean-metrics';
import { compareToControl, type ArmCounts, type Comparison } from './statistics';
import type { ExperimentVariant } from './experiments.types';

/** One arm of a mean metric (REVENUE, MEAN), plain and CUPED-adjusted, against the control. */
export interface MeanArm {
  key: string;
  control: boolean;
  sample: Sample;
  comparison: WelchComparison | null;
  adjusted: Sample;
  adjustedComparison: WelchComparison | null;
}

/** One arm of a CONVERSION metric: exposed users, those who converted, and the z-test against the control. */
export interface ConversionArm extends ArmCounts, Comparison {
  key: string;
  control: boolean;
  rate: number | null;
}

/** The held-out users against everyone in the arms (pooled): what running the experiment changed. */
export interface HoldoutComparison {
  users: number;
  /** Users in the arms (pooled). */
  experimentedUsers: number;
  /** Their conversion rate or mean; null without held-out users. */
  value: number | null;
  experimentedValue: number | null;
  /** experimented − held out, with its 95% interval and two-sided p (Wald and z for rates, Welch for means). */
  difference: number | null;
  lift: number | null;
  confidenceInterval: { lower: number; upper: number } | null;
  pValue: number | null;
}

export interface MetricResults {
  metric: ExperimentMetric;
  /** CUPED θ; 0 for CONVERSION. */
  theta: number;
  /** REVENUE and MEAN. */
  means: MeanArm[] | null;
  /** CONVERSION. */
  conversions: ConversionArm[] | null;
  /** Null when nobody was held out. */
  holdout: HoldoutComparison | null;
}

/** What the results need of the experiment. */
export interface MeasuredExperiment {
  id: string;
  variants: readonly ExperimentVariant[];
}

const NO_SUMS: MetricSums = { n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };
const add = (a: MetricSums, b: MetricSums): MetricSums => ({
  n: a.n + b.n, sumY: a.sumY + b.sumY, sumY2: a.sumY2 + b.sumY2, sumX: a.sumX + b.sumX, sumX2: a.sumX2 + b.sumX2, sumXY: a.sumXY + b.sumXY,
});

/** The metric for every arm of the experiment and its held-out users: one statement, then the statistics. */
export async function experimentMetricResults(q: Queryable, experiment: MeasuredExperiment, metric: ExperimentMetric, now: Date): Promise<MetricResults> {
  const { sql, values } = metricSumsSql(metric, (params) => `
    select x.variant as arm, x.profile_id, x.exposed_at, ex.stopped_at as until
      from experiments ex join exposures x on x.experiment_id = ex.id
     where ex.id = ${params.add(experiment.id)}::uuid`, now);
  const { rows } = await q.query(sql, values);
  const byArm = new Map<string, MetricSums>(rows.map((r) => [r.arm, sumsOf(r)]));
  const sums = experiment.variants.map((v) => byArm.get(v.key) ?? NO_SUMS);
  const controlAt = Math.max(0, experiment.variants.findIndex((v) => v.control));
  const heldOut = byArm.get(HOLDOUT_VARIANT) ?? NO_SUMS;
  const experimented = sums.reduce(add, NO_SUMS);
  if (metric.kind === MetricKind.CONVERSION) {
    const counts = sums.map(countsOf);
    const conversions = experiment.variants.map((v, i): ConversionArm => ({
      key: v.key, control: i === controlAt, ...counts[i], rate: rateOf(counts[i]),
      ...(i === controlAt ? NO_COMPARISON : compareToControl(counts[i], counts[controlAt])),
    }));
    return { metric, theta: 0, means: null, conversions, holdout: heldOut.n ? holdoutOfRates(countsOf(experimented), countsOf(heldOut)) : null };
  }
  const adjusted = cuped(sums);
  const plain = sums.map(sampleOf);
  const means = experiment.variants.map((v, i): MeanArm => ({
    key: v.key,
    control: i === controlAt,
    sample: plain[i],
    comparison: i === controlAt ? null : welch(plain[i], plain[controlAt]),
    adjusted: adjusted.samples[i],
    adjustedComparison: i === controlAt ? null : welch(adjusted.samples[i], adjusted.samples[controlAt]),
  }));
  return { metric, theta: adjusted.theta, means, conversions: null, holdout: heldOut.n ? holdoutOfMeans(experimented, heldOut) : null };
}

/**
 * Everyone who reached an experiment that had a holdout, across experiments: the people held
 * out of all of them against those held out of none (someone held out of one and exposed in
 * another, possible when experiments hash different units, is left out), the window counted
 * from each person's first exposure. What experimentation as a whole changed.
 */
export async function globalHoldoutResults(q: Queryable, metric: ExperimentMetric, now: Date): Promise<HoldoutComparison | null> {
  const { sql, values } = metricSumsSql(metric, () => `
    select case when bool_and(x.variant = '${HOLDOUT_VARIANT}') then '${HOLDOUT_VARIANT}' else 'experimented' end as arm,
           x.profile_id, min(x.exposed_at) as exposed_at, null::timestamptz as until
      from exposures x join experiments ex on ex.id = x.experiment_id
     where ex.holdout is not null
     group by x.profile_id
    having bool_and(x.variant = '${HOLDOUT_VARIANT}') or not bool_or(x.variant = '${HOLDOUT_VARIANT}')`, now);
  const { rows } = await q.query(sql, values);
  const byArm = new Map<string, MetricSums>(rows.map((r) => [r.arm, sumsOf(r)]));
  const heldOut = byArm.get(HOLDOUT_VARIANT);
  if (!heldOut) return null;
  const experimented = byArm.get('experimented') ?? NO_SUMS;
  return metric.kind === MetricKind.CONVERSION ? holdoutOfRates(countsOf(experimented), countsOf(heldOut)) : holdoutOfMeans(experimented, heldOut);
}

const NO_COMPARISON: Comparison = { difference: null, lift: null, confidenceInterval: null, zScore: null, pValue: null };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const sumsOf = (r: Record<string, any>): MetricSums => ({
  n: r.n, sumY: Number(r.sum_y), sumY2: Number(r.sum_y2), sumX: Number(r.sum_x), sumX2: Number(r.sum_x2), sumXY: Number(r.sum_xy),
});
const countsOf = (s: MetricSums): ArmCounts => ({ exposures: s.n, conversions: s.sumY });
const rateOf = (c: ArmCounts) => (c.exposures ? c.conversions / c.exposures : null);

/** Conversion of everyone in the arms (pooled) against the held-out users'. */
export function holdoutOfRates(arm: ArmCounts, held: ArmCounts): HoldoutComparison {
  const c = compareToControl(arm, held);
  return { users: held.exposures, experimentedUsers: arm.exposures, value: rateOf(held), experimentedValue: rateOf(arm), difference: c.difference, lift: c.lift, confidenceInterval: c.confidenceInterval, pValue: c.pValue };
}

function holdoutOfMeans(experimented: MetricSums, heldOut: MetricSums): HoldoutComparison {
  const arm = sampleOf(experimented);
  const held = sampleOf(heldOut);
  const c = welch(arm, held);
  return {
    users: heldOut.n, experimentedUsers: experimented.n, value: held.mean, experimentedValue: experimented.n ? arm.mean : null,
    difference: c ? c.difference : experimented.n ? arm.mean - held.mean : null, lift: c?.lift ?? null, confidenceInterval: c?.confidenceInterval ?? null, pValue: c?.pValue ?? null,
  };
}
