import { NotFoundError, ValidationError } from '../common';
import type { Queryable } from '../db';
import { cuped, sampleOf, welch, type MetricSums, type Sample, type WelchComparison } from './mean-metrics';
import type { ExperimentVariant } from './experiments.types';

/** A mean metric: per exposed user, the sum of `property` (or the count) of `event` within `windowDays` after exposure. */
export interface MeanMetric {
  event: string;
  property: string | null;
  windowDays: number;
  /** The same metric over this many days before exposure is CUPED's covariate; 0: no CUPED. */
  preWindowDays: number;
}

export interface MeanMetricArm {
  key: string;
  control: boolean;
  sample: Sample;
  comparison: WelchComparison | null;
  adjusted: Sample;
  adjustedComparison: WelchComparison | null;
}

export interface MeanMetricResults {
  metric: MeanMetric;
  theta: number;
  arms: MeanMetricArm[];
}

const MAX_DAYS = 365;

export function validateMeanMetric(input: { event?: string | null; property?: string | null; windowDays?: number | null; preWindowDays?: number | null }): MeanMetric {
  const event = input.event?.trim();
  if (!event || event.length > 200) throw new ValidationError('is required: 1–200 characters', 'metric.event');
  const property = input.property?.trim() || null;
  if (property && !/^[A-Za-z0-9_$-]{1,100}$/.test(property)) throw new ValidationError('must be a top-level property name (1–100 of A-Z a-z 0-9 _ $ -)', 'metric.property');
  const days = (value: number | null | undefined, fallback: number, min: number, path: string) => {
    const n = value ?? fallback;
    if (!Number.isInteger(n) || n < min || n > MAX_DAYS) throw new ValidationError(`must be a whole number of days from ${min} to ${MAX_DAYS}`, path);
    return n;
  };
  return { event, property, windowDays: days(input.windowDays, 14, 1, 'metric.windowDays'), preWindowDays: days(input.preWindowDays, 14, 0, 'metric.preWindowDays') };
}

/**
 * Per variant, in one statement: the number of exposed users and the sums of y (the metric in
 * the window after each user's exposure, and before the stop) and of x (the same metric in the
 * pre-exposure window), which Welch and CUPED need. Users without events count as 0.
 */
/** One event's contribution: 1 when counting ($3 null), else its numeric property $3 (0 when absent or not a number). */
const EVENT_VALUE = `sum(case when $3::text is null then 1 when jsonb_typeof(ev.properties -> $3::text) = 'number' then (ev.properties ->> $3::text)::numeric else 0 end)`;

const METRIC_SUMS = `
  with e as (select id, variants, stopped_at from experiments where key = $1),
  per_user as (
    select x.variant,
           coalesce((select ${EVENT_VALUE}
                       from events ev
                      where ev.profile_id = x.profile_id and ev.name = $2
                        and ev.occurred_at > x.exposed_at and ev.occurred_at <= x.exposed_at + make_interval(days => $4::int)
                        and (e.stopped_at is null or ev.occurred_at <= e.stopped_at)), 0) as y,
           coalesce((select ${EVENT_VALUE}
                       from events ev
                      where $5::int > 0 and ev.profile_id = x.profile_id and ev.name = $2
                        and ev.occurred_at >= x.exposed_at - make_interval(days => $5::int) and ev.occurred_at < x.exposed_at), 0) as x
      from e join exposures x on x.experiment_id = e.id)
  select (select variants from e) as variants, u.variant, count(*)::int as n,
         sum(u.y)::float8 as sum_y, sum(u.y * u.y)::float8 as sum_y2, sum(u.x)::float8 as sum_x, sum(u.x * u.x)::float8 as sum_x2, sum(u.x * u.y)::float8 as sum_xy
    from per_user u group by u.variant
  union all
  select variants, null, 0, 0, 0, 0, 0, 0 from e`;

const NO_SUMS: MetricSums = { n: 0, sumY: 0, sumY2: 0, sumX: 0, sumX2: 0, sumXY: 0 };

/** The metric per variant, plain and CUPED-adjusted, each variant against the control. */
export async function meanMetricResults(q: Queryable, key: string, metric: MeanMetric): Promise<MeanMetricResults> {
  const { rows } = await q.query(METRIC_SUMS, [key, metric.event, metric.property, metric.windowDays, metric.preWindowDays]);
  if (!rows.length) throw new NotFoundError(`No experiment "${key}"`, { experiment: key });
  const variants = rows[0].variants as ExperimentVariant[];
  const byVariant = new Map<string, MetricSums>(rows.filter((r) => r.variant !== null).map((r) => [r.variant, {
    n: r.n, sumY: r.sum_y, sumY2: r.sum_y2, sumX: r.sum_x, sumX2: r.sum_x2, sumXY: r.sum_xy,
  }]));
  const sums = variants.map((v) => byVariant.get(v.key) ?? NO_SUMS);
  const adjusted = cuped(sums);
  const controlAt = Math.max(0, variants.findIndex((v) => v.control));
  const plain = sums.map(sampleOf);
  const arms = variants.map((v, i): MeanMetricArm => ({
    key: v.key,
    control: i === controlAt,
    sample: plain[i],
    comparison: i === controlAt ? null : welch(plain[i], plain[controlAt]),
    adjusted: adjusted.samples[i],
    adjustedComparison: i === controlAt ? null : welch(adjusted.samples[i], adjusted.samples[controlAt]),
  }));
  return { metric, theta: adjusted.theta, arms };
}
