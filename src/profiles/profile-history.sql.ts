/**
 * Every profile as it was at each of several instants, rebuilt from its events: the
 * frame point-in-time segments are evaluated over (src/segments/point-in-time.ts).
 *
 * `instants` is an SQL expression of a sorted timestamptz[]; an instant includes the
 * events at it. One row per profile and instant k (1-based) from the first instant the
 * profile had an event by, with the columns of profile_stats the events make (as the
 * ingest counters count them) and `traits`: the shallow merge of its trait events up
 * to then, in time order, as ingest merges them. Each event is read once: it lands in
 * the first instant at or after it, and running window aggregates carry it forward.
 */
export function profileHistorySql(instants: string): string {
  return `
    with per_instant as (
      select e.profile_id,
             width_bucket(e.occurred_at - interval '1 microsecond', ${instants}) + 1 as k,
             count(*)::int as events,
             (count(*) filter (where e.name = 'Order Completed'))::int as orders,
             coalesce(sum(e.revenue) filter (where e.name = 'Order Completed'), 0) as revenue,
             min(e.occurred_at) filter (where e.name = 'Order Completed') as first_order_at,
             max(e.occurred_at) filter (where e.name = 'Order Completed') as last_order_at,
             min(e.occurred_at) as first_seen_at,
             max(e.occurred_at) as last_seen_at,
             jsonb_merge_agg(e.traits order by e.occurred_at, e.id) as traits
        from events e
       where e.occurred_at <= (${instants})[cardinality(${instants})]
       group by 1, 2
    ), grid as (
      select profile_id, generate_series(min(k), cardinality(${instants})) as k from per_instant group by profile_id
    )
    select g.profile_id, g.k, (${instants})[g.k] as at,
           (sum(coalesce(i.events, 0)) over w)::int as events,
           (sum(coalesce(i.orders, 0)) over w)::int as orders,
           sum(coalesce(i.revenue, 0)) over w as revenue,
           min(i.first_order_at) over w as first_order_at,
           max(i.last_order_at) over w as last_order_at,
           min(i.first_seen_at) over w as first_seen_at,
           max(i.last_seen_at) over w as last_seen_at,
           coalesce(jsonb_merge_agg(i.traits) over w, '{}'::jsonb) as traits
      from grid g left join per_instant i using (profile_id, k)
    window w as (partition by g.profile_id order by g.k)`;
}
