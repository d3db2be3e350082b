import { isOrderEventSql } from '../commerce';

/**
 * The scoring job's SQL. Every statement is set-based; all of them run in one
 * transaction (scoring.service.ts), in the order they appear here.
 */

/** Serializes scoring runs across server instances (released at commit or rollback). */
export const LOCK_SCORING = `select pg_advisory_xact_lock(hashtextextended('segmentary.scoring', 0))`;

/** Whole days from `from` to `to`, epoch-based so the session time zone does not matter. */
const wholeDays = (from: string, to: string) => `floor(extract(epoch from (${to} - ${from})) / 86400)::int`;
/** The UTC calendar day number, as `summarizePurchases` (purchase-summary.ts) counts days. */
const utcDay = (ts: string) => `floor(extract(epoch from ${ts}) / 86400)::int`;

/**
 * One row per buyer as of $1 (asOf), into a temporary table the later statements read:
 * orders, revenue, recency (days since the last order), RFM quintiles and cell,
 * lifecycle stage, the BG/NBD history in whole days (x = repeat purchase days,
 * tx_days = first → last purchase day, t_days = first purchase day → as-of day), and the
 * Gamma-Gamma spend: m_x, the average net revenue of the repeat purchase days (as
 * `summarizeSpend` in purchase-summary.ts: same-day orders one occasion, the first day left out).
 *
 * Orders are read from the order events at or before $1 of unmerged profiles (`events`,
 * not the counters, so a past as-of date sees the past), grouped by order (order_id, or the
 * event itself when it named none): an order counts when its order_delta sums to one by $1
 * (completed, not cancelled), on the day it was placed; revenue is net (refunds subtract,
 * also refunds of orders placed before the history began). Months retention dropped are
 * read from `retired_orders`, the same sums folded before their events went (scoring as
 * of an instant before the kept months is refused, so all of them count).
 * NTILE(5): 5 = most recent / most orders / most revenue; ties broken by profile id.
 * $2..$4: lifecycle newDays, activeDays, churnDays (`lifecycle_stage`, the rule ingest
 * uses too; lifecycle.ts states it); $5: the RFM grid as [{r, f, cell}] (rfm.ts); $6: how
 * many buyers the BG/NBD fit uses (`in_fit`: a sample fixed by a hash of the profile id, so
 * reruns on the same data fit the same buyers).
 */
export const CREATE_BUYERS = `
  create temporary table scoring_buyers on commit drop as
  with order_events as (
    select e.profile_id, coalesce(e.order_id, 'event:' || e.id) as order_key, e.order_delta as delta, e.revenue,
           case when e.order_delta > 0 then e.occurred_at end as placed_at
      from events e
      join profiles p on p.id = e.profile_id and p.merged_into is null
     where ${isOrderEventSql('e')} and e.occurred_at <= $1::timestamptz
    union all
    select r.profile_id, r.order_key, r.delta, r.revenue, r.placed_at
      from retired_orders r
      join profiles p on p.id = r.profile_id and p.merged_into is null
  ), orders as (
    select profile_id, sum(delta) > 0 as counted, sum(coalesce(revenue, 0)) as revenue, min(placed_at) as placed_at
      from order_events
     group by profile_id, order_key
  ), placed as (
    select profile_id, counted, revenue, placed_at, ${utcDay('placed_at')} as day,
           lag(placed_at) over (partition by profile_id, counted order by placed_at) as previous_at,
           min(case when counted then ${utcDay('placed_at')} end) over (partition by profile_id) as first_day
      from orders
  ), buyers as (
    select profile_id,
           (count(*) filter (where counted))::int as orders,
           sum(revenue) as revenue,
           min(placed_at) filter (where counted) as first_order_at,
           max(placed_at) filter (where counted) as last_order_at,
           (array_agg(previous_at order by placed_at desc) filter (where counted))[1] as previous_order_at,
           ${wholeDays('min(placed_at) filter (where counted)', '$1::timestamptz')} as first_order_days,
           ${wholeDays('max(placed_at) filter (where counted)', '$1::timestamptz')} as recency_days,
           (count(distinct day) filter (where counted) - 1)::int as x,
           (max(day) filter (where counted) - min(day) filter (where counted))::int as tx_days,
           (${utcDay('$1::timestamptz')} - min(day) filter (where counted))::int as t_days,
           (sum(revenue) filter (where counted and day > first_day)
             / nullif(count(distinct day) filter (where counted and day > first_day), 0))::float8 as m_x
      from placed
     group by profile_id
    having bool_or(counted)
  ), quintiles as (
    select b.*,
           ntile(5) over (order by recency_days desc, profile_id) as r,
           ntile(5) over (order by orders, profile_id) as f,
           ntile(5) over (order by revenue, profile_id) as m
      from buyers b
  )
  select q.*, grid.cell as rfm_segment,
         row_number() over (order by hashtextextended(q.profile_id::text, 7357), q.profile_id) <= $6::int as in_fit,
         lifecycle_stage(q.first_order_at, q.last_order_at, q.previous_order_at, $1::timestamptz, $2::int, $3::int, $4::int) as lifecycle
    from quintiles q
    join jsonb_to_recordset($5::jsonb) as grid(r int, f int, cell text) on grid.r = q.r and grid.f = q.f`;

/** The planner knows nothing about a fresh temporary table until it is analyzed. */
export const ANALYZE_BUYERS = `analyze scoring_buyers`;

/** Distinct BG/NBD histories with their multiplicities (all buyers, and those in the fit): the only rows that reach Node. */
export const HISTORY_GROUPS = `
  select x, tx_days, t_days, count(*)::int as count, (count(*) filter (where in_fit))::int as fit_count
    from scoring_buyers
   group by x, tx_days, t_days
   order by x, tx_days, t_days`;

/** The Gamma-Gamma fit's customers in a buyers table: the BG/NBD fit's sample, those with a repeat purchase day and a positive average spend. */
export const spendSampleSql = (buyers: 'scoring_buyers' | 'calibration_buyers') => `select x, m_x from ${buyers} where in_fit and x > 0 and m_x > 0`;

/** Ingest always creates the stats row; this makes the scores independent of that. */
export const ENSURE_STATS_ROWS = `
  insert into profile_stats (profile_id)
  select profile_id from scoring_buyers
  on conflict (profile_id) do nothing`;

/**
 * Gamma-Gamma's E(M | x, m_x) = (γ + x·m_x)·p / (p·x + q − 1) for the buyers row `b` (gamma-gamma.ts,
 * `expectedAverageValue`), the population mean p·γ/(q − 1) without repeat spend; null without a
 * model or when q ≤ 1 (no finite mean). `p`, `q`, `gamma`: the placeholders of the parameters.
 */
export function expectedOrderValueSql(b: string, p: string, q: string, gamma: string): string {
  return `
  case when ${p}::float8 is null or ${q}::float8 <= 1 then null
       when ${b}.x > 0 and ${b}.m_x > 0 then (${gamma}::float8 + ${b}.x * ${b}.m_x) * ${p}::float8 / (${p}::float8 * ${b}.x + ${q}::float8 - 1)
       else ${p}::float8 * ${gamma}::float8 / (${q}::float8 - 1) end`;
}

/**
 * Writes every buyer's scores in one UPDATE … FROM, joining the per-history model
 * output ($1: [{x, tx_days, t_days, p_alive, churn_risk, expected}]) on the history
 * key, and in the same statement logs each buyer whose churn risk went up (a missing
 * previous risk counts as 0) to churn_risk_changes, then NOTIFYs the id range.
 * `previous` reads the rows before the update: all parts of one statement share a
 * snapshot. $2: expected orders that make a buyer "potential" (value tiers in
 * lifecycle.ts); $3: scored_at; $4: the run's as-of; $5..$7: the Gamma-Gamma p, q, γ (null
 * without a spend model: no expected order value and no CLV). CLV = expected orders in 52
 * weeks × expected average order value (customer-value.ts).
 */
export const WRITE_SCORES = `
  with model as (
    select * from jsonb_to_recordset($1::jsonb)
      as g(x int, tx_days int, t_days int, p_alive double precision, churn_risk double precision, expected double precision,
           p_purchase_30d double precision, expected_52w double precision, expected_52w_discounted double precision)
  ), valued as (
    select b.*, ${expectedOrderValueSql('b', '$5', '$6', '$7')} as expected_value from scoring_buyers b
  ), scored as (
    select b.profile_id, b.r, b.f, b.m, b.rfm_segment, b.lifecycle, b.revenue,
           g.p_alive, g.churn_risk, g.expected, g.p_purchase_30d, g.expected_52w, b.expected_value,
           g.expected_52w * b.expected_value as clv, g.expected_52w_discounted * b.expected_value as clv_discounted,
           case when b.m = 5 then 'high_value'
                when g.expected >= $2::double precision then 'potential'
                when b.r >= 4 and b.f <= 2 then 'potential' end as value_tier
      from valued b
      left join model g on g.x = b.x and g.tx_days = b.tx_days and g.t_days = b.t_days
  ), previous as (
    select s.profile_id, s.churn_risk from profile_stats s join scoring_buyers b using (profile_id)
  ), updated as (
    update profile_stats s
       set rfm_r = c.r, rfm_f = c.f, rfm_m = c.m, rfm_segment = c.rfm_segment, lifecycle = c.lifecycle,
           value_tier = c.value_tier, p_alive = c.p_alive, churn_risk = c.churn_risk,
           expected_orders_90d = c.expected, scored_at = $3::timestamptz, scores_as_of = $4::timestamptz,
           expected_avg_order_value = c.expected_value, purchase_probability_30d = c.p_purchase_30d, expected_orders_52w = c.expected_52w,
           clv_52w = c.clv, clv_52w_discounted = c.clv_discounted
      from scored c
     where s.profile_id = c.profile_id
    returning s.profile_id
  ), changed as (
    insert into churn_risk_changes (profile_id, previous_risk, risk, revenue, at, clv_52w)
    select c.profile_id, p.churn_risk, c.churn_risk, c.revenue, $3::timestamptz, c.clv
      from scored c join previous p using (profile_id)
     where c.churn_risk > coalesce(p.churn_risk, 0)
     order by c.profile_id
    returning id
  )
  select (select count(*) from updated)::int as scored, count(*)::int as increases,
         case when min(id) is not null
              then pg_notify('segmentary_churn', json_build_object('from', min(id), 'to', max(id))::text) end as notified
    from changed`;

/**
 * Everyone who is not a buyer as of the run: scores back to NULL (a past as-of date, a
 * merge), and the lifecycle stage `prospect` for registered people (a userId), NULL for
 * anonymous visitors. Only rows that change are written.
 */
export const CLEAR_NON_BUYERS = `
  with non_buyers as (
    select s.profile_id,
           case when exists (select 1 from identities i where i.profile_id = s.profile_id and i.kind = 'user_id') then 'prospect' end as stage
      from profile_stats s
     where not exists (select 1 from scoring_buyers b where b.profile_id = s.profile_id)
  )
  update profile_stats s
     set rfm_r = null, rfm_f = null, rfm_m = null, rfm_segment = null, lifecycle = n.stage, value_tier = null,
         p_alive = null, churn_risk = null, expected_orders_90d = null, scored_at = null, scores_as_of = null,
         expected_avg_order_value = null, purchase_probability_30d = null, expected_orders_52w = null, clv_52w = null, clv_52w_discounted = null
    from non_buyers n
   where n.profile_id = s.profile_id
     and (s.scored_at is not null or s.rfm_segment is not null or s.churn_risk is not null or s.lifecycle is distinct from n.stage)`;

/** How many buyers landed in each RFM cell, lifecycle stage and value tier. */
export const SCORE_COUNTS = `
  select case when grouping(s.rfm_segment) = 0 then 'rfm_segment'
              when grouping(s.lifecycle) = 0 then 'lifecycle'
              else 'value_tier' end as score,
         coalesce(s.rfm_segment, s.lifecycle, s.value_tier) as name, count(*)::int as count
    from profile_stats s left join scoring_buyers b using (profile_id)
   where b.profile_id is not null or s.lifecycle = 'prospect'
   group by grouping sets ((s.rfm_segment), (s.lifecycle), (s.value_tier))`;

const VALUE_MODEL_COLUMNS = `id, fitted_at, as_of, p, q, gamma, log_likelihood, sample_size, converged, iterations`;

export const INSERT_VALUE_MODEL = `
  insert into value_models (as_of, p, q, gamma, log_likelihood, sample_size, converged, iterations, fitted_at)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
  returning ${VALUE_MODEL_COLUMNS}`;

export const LATEST_VALUE_MODEL = `select ${VALUE_MODEL_COLUMNS} from value_models order by fitted_at desc, id desc limit 1`;

const MODEL_COLUMNS = `id, fitted_at, as_of, r, alpha, a, b, log_likelihood, sample_size, converged, iterations`;

export const INSERT_MODEL = `
  insert into churn_models (as_of, r, alpha, a, b, log_likelihood, sample_size, converged, iterations, fitted_at)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
  returning ${MODEL_COLUMNS}`;

export const LATEST_MODEL = `select ${MODEL_COLUMNS} from churn_models order by fitted_at desc, id desc limit 1`;

const RUN_COLUMNS = `as_of, pinned, setting, buyers_scored, finished_at`;

/** The last run: the schedule leaves a pinned run in place while SCORING_AS_OF is what it was then. */
export const LATEST_RUN = `select ${RUN_COLUMNS} from scoring_runs order by id desc limit 1`;

export const RECORD_RUN = `
  insert into scoring_runs (as_of, pinned, setting, buyers_scored, finished_at) values ($1, $2, $3, $4, $5)
  returning ${RUN_COLUMNS}`;

/** The newest event's time, never past $1 (our now): a clamped future event must not move scoring ahead. */
export const LATEST_EVENT_AT = `select least(max(occurred_at), $1::timestamptz) as at from events`;
