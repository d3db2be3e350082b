import { isOrderEventSql } from '../commerce';

/**
 * Membership intervals of one segment, rebuilt from its change log: each ENTERED
 * row paired with the EXITED that follows it for the same profile (open = infinity).
 */
const INTERVALS = `
  ordered as (
    select profile_id, kind, at,
           lead(kind) over w as next_kind, lead(at) over w as next_at
      from membership_changes where segment_id = $1
    window w as (partition by profile_id order by id)
  ), intervals as (
    select profile_id, at as entered_at,
           case when next_kind = 'EXITED' then next_at else 'infinity'::timestamptz end as exited_at
      from ordered where kind = 'ENTERED'
  )`;

/**
 * Per bucket, over the order events `e` in it: orders placed (an event that made an order
 * count), net revenue booked (completions and updates less refunds and cancellations, each
 * when it happened) and buyers (who placed an order).
 */
const ORDERS_REVENUE_BUYERS = `
  (count(*) filter (where e.order_delta > 0))::int as orders, coalesce(sum(e.revenue), 0) as revenue,
  (count(distinct e.profile_id) filter (where e.order_delta > 0))::int as buyers`;

/** $1 segment, $2 from, $3 to, $4 interval unit ('day' | 'week' | 'month'). */
export const SEGMENT_STATS_RECORDED = `
  with ${INTERVALS},
  buckets as (
    select start, start + ('1 ' || $4)::interval as stop
      from generate_series(date_trunc($4, $2::timestamptz, 'UTC'), $3::timestamptz - interval '1 microsecond', ('1 ' || $4)::interval) as start
  )
  select b.start,
         (select count(*) from intervals i where i.entered_at < b.stop and i.exited_at >= b.stop)::int as size,
         (select count(*) from membership_changes c where c.segment_id = $1 and c.kind = 'ENTERED' and c.at >= b.start and c.at < b.stop)::int as entered,
         (select count(*) from membership_changes c where c.segment_id = $1 and c.kind = 'EXITED' and c.at >= b.start and c.at < b.stop)::int as exited,
         m.members, o.orders, o.revenue, o.buyers
    from buckets b
    cross join lateral (
      select count(distinct i.profile_id)::int as members from intervals i where i.entered_at < b.stop and i.exited_at > b.start
    ) m
    cross join lateral (
      select ${ORDERS_REVENUE_BUYERS}
        from intervals i
        join events e on e.profile_id = i.profile_id and ${isOrderEventSql('e')}
                     and e.occurred_at >= greatest(b.start, i.entered_at) and e.occurred_at < least(b.stop, i.exited_at)
    ) o
   order by b.start`;

/** Placeholders of the history statement's own values. */
export interface HistoryStatsParams {
  from: string;
  to: string;
  interval: string;
}

/** The instants the history statement evaluates membership at (an SQL timestamptz[]): see segmentStatsFromHistorySql. */
export const HISTORY_INSTANTS = `(select ats from instants)`;

/**
 * Segment statistics per bucket, with membership rebuilt from the event history:
 * `members` selects (k, profile_id) for each instant k of HISTORY_INSTANTS, which are
 * the end of the bucket before the first (k = 1) and the end of every bucket (k = i + 1),
 * each the last microsecond before the next bucket starts. Per bucket: size = members at
 * its end; entered / exited = members at its end not at its start, and the reverse (net
 * changes: someone who came and went inside the bucket is not seen); members = at its start
 * or its end; orders, revenue and buyers = ORDERS_REVENUE_BUYERS of the order events in the bucket by those.
 */
export function segmentStatsFromHistorySql(p: HistoryStatsParams, members: string): string {
  return `
    with buckets as (
      select (row_number() over (order by start))::int as i, start, start + ('1 ' || ${p.interval}::text)::interval as stop
        from generate_series(date_trunc(${p.interval}::text, ${p.from}::timestamptz, 'UTC'), ${p.to}::timestamptz - interval '1 microsecond',
                             ('1 ' || ${p.interval}::text)::interval) as start
    ), instants as (
      select array_agg(at order by k) as ats
        from (select 1 as k, min(start) - interval '1 microsecond' as at from buckets
              union all select i + 1, stop - interval '1 microsecond' from buckets) x
    ), members as materialized (${members}
    ), presence as (
      select profile_id, bucket, bool_or(at_start) as at_start, bool_or(at_end) as at_end
        from (select profile_id, k as bucket, true as at_start, false as at_end from members
              union all select profile_id, k - 1, false, true from members) x
       where bucket between 1 and (select count(*) from buckets)
       group by profile_id, bucket
    ), bucket_members as (
      select bucket, count(*) filter (where at_end)::int as size,
             count(*) filter (where at_end and not at_start)::int as entered,
             count(*) filter (where at_start and not at_end)::int as exited,
             count(*)::int as members
        from presence group by bucket
    ), bucket_orders as (
      select pr.bucket, ${ORDERS_REVENUE_BUYERS}
        from presence pr
        join buckets b on b.i = pr.bucket
        join events e on e.profile_id = pr.profile_id and ${isOrderEventSql('e')} and e.occurred_at >= b.start and e.occurred_at < b.stop
       group by pr.bucket
    )
    select b.start, coalesce(m.size, 0) as size, coalesce(m.entered, 0) as entered, coalesce(m.exited, 0) as exited,
           coalesce(m.members, 0) as members, coalesce(o.orders, 0) as orders, coalesce(o.revenue, 0) as revenue, coalesce(o.buyers, 0) as buyers
      from buckets b
      left join bucket_members m on m.bucket = b.i
      left join bucket_orders o on o.bucket = b.i
     order by b.start`;
}

export const SEGMENT_OVERLAP = `
  select a.segment_id as segment_a, b.segment_id as segment_b, count(*)::int as count
    from memberships a
    join memberships b on b.profile_id = a.profile_id and b.segment_id >= a.segment_id
   where a.segment_id = any($1::uuid[]) and b.segment_id = any($1::uuid[])
   group by 1, 2`;

export const RFM_GRID = `
  select rfm_r as recency, rfm_f as frequency, count(*)::int as count, coalesce(sum(revenue), 0) as revenue,
         mode() within group (order by rfm_segment) as segment
    from profile_stats where rfm_r is not null and rfm_f is not null
   group by 1, 2 order by 1 desc, 2 desc`;

/**
 * Buyers by lifecycle stage × CLV decile (10 = the highest 52-week CLV; ties broken by
 * profile id), with their CLV and net revenue to date, as of the last scoring run.
 */
export const VALUE_GRID = `
  with valued as (
    select lifecycle, clv_52w, coalesce(revenue, 0) as revenue, ntile(10) over (order by clv_52w, profile_id) as decile
      from profile_stats where clv_52w is not null)
  select coalesce(lifecycle, 'unknown') as lifecycle, decile, count(*)::int as count, sum(clv_52w)::float8 as clv,
         min(clv_52w)::float8 as min_clv, max(clv_52w)::float8 as max_clv, sum(revenue)::float8 as revenue
    from valued group by 1, 2 order by 1, 2 desc`;
