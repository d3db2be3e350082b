import { assertUnreachable } from '../common';
import { SqlParams } from '../db';
import { orderNetRevenueSql } from '../commerce';
import { eventFilterSql, eventNumberSql } from '../segments';
import { MetricKind, type ExperimentMetric } from './experiment-metric-definition';

/**
 * The sums Welch, CUPED and the z-test need, per arm, in one statement: for each unit (an
 * exposed profile, its arm, its exposure time and the instant counting stops), y = the metric
 * in the window after the exposure and x = the same metric in the window before it.
 *
 * `units` is a query selecting (arm, profile_id, exposed_at, until) that binds its own values
 * through the same params; the statement's $1 is "now" (relative dates in filters), $2 the window and
 * $3 the pre-window in days ($1 and $3 are always selected, so that their types are known when
 * nothing else reads them).
 */
export function metricSumsSql(metric: ExperimentMetric, units: (params: SqlParams) => string, now: Date): { sql: string; values: unknown[] } {
  const params = new SqlParams(4);
  const unitsSql = units(params);
  const after = `> u.exposed_at and {t} <= least(u.exposed_at + make_interval(days => $2::int), coalesce(u.until, 'infinity'::timestamptz))`;
  const before = `>= u.exposed_at - make_interval(days => $3::int) and {t} < u.exposed_at`;
  const y = valueIn(metric, params, after);
  const x = metric.preWindowDays > 0 ? valueIn(metric, params, before) : '0';
  const sql = `
    with u as (${unitsSql}),
    per_unit as (select u.arm, (${y})::float8 as y, (${x})::float8 as x, $1::timestamptz as evaluated_at, $3::int as pre_window_days from u)
    select arm, count(*)::int as n, sum(y) as sum_y, sum(y * y) as sum_y2, sum(x) as sum_x, sum(x * x) as sum_x2, sum(x * y) as sum_xy
      from per_unit group by arm`;
  return { sql, values: [now, metric.windowDays, metric.preWindowDays, ...params.values] };
}

/** The metric of one unit over a time window; `window` holds `{t}` where the event's (or order's) time goes. */
function valueIn(metric: ExperimentMetric, params: SqlParams, window: string): string {
  switch (metric.kind) {
    case MetricKind.REVENUE:
      return `coalesce((select sum(${orderNetRevenueSql('o')}) from orders o
                          where o.profile_id = u.profile_id and o.completed_at ${window.replaceAll('{t}', 'o.completed_at')}), 0)`;
    case MetricKind.CONVERSION:
      return `(exists (select 1 from events e where e.profile_id = u.profile_id and ${eventsWhere(metric, params, window)}))::int`;
    case MetricKind.MEAN:
      return `coalesce((select ${eventValue(metric, params)} from events e where e.profile_id = u.profile_id and ${eventsWhere(metric, params, window)}), 0)`;
    default:
      return assertUnreachable(metric.kind, 'metric kind');
  }
}

function eventsWhere(metric: ExperimentMetric, params: SqlParams, window: string): string {
  return `e.occurred_at ${window.replaceAll('{t}', 'e.occurred_at')} and ${eventFilterSql(metric.event!, metric.where, params, '$1')}`;
}

/** Count, or the sum of a numeric property (absent or non-numeric values add nothing), read as event leaves read it. */
function eventValue(metric: ExperimentMetric, params: SqlParams): string {
  return metric.property ? `sum(${eventNumberSql(metric.property, params)})` : 'count(*)';
}
