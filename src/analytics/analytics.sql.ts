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

/** $1 segment, $2 from, $3 to, $4 interval unit ('day' | 'week' | 'month'). */
export const SEGMENT_STATS = `
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
      select count(e.id)::int as orders, coalesce(sum(e.revenue), 0) as revenue, count(distinct e.profile_id)::int as buyers
        from intervals i
        join events e on e.profile_id = i.profile_id and e.name = 'Order Completed'
                     and e.occurred_at >= greatest(b.start, i.entered_at) and e.occurred_at < least(b.stop, i.exited_at)
    ) o
   order by b.start`;

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
