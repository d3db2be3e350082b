/**
 * Every profile as it was at each of several instants, rebuilt from its events: the
 * frame point-in-time segments are evaluated over (src/segments/point-in-time.ts).
 *
 * `instants` is an SQL expression of a sorted timestamptz[]; an instant includes the
 * events at it. One row per profile and instant k (1-based) from the first instant the
 * profile had an event by, with `at` (the instant), the columns of profile_stats the
 * events make (as the ingest counters count them: orders and net revenue are the sums of
 * the order events' effects, src/commerce) and `traits`: the shallow merge of its
 * trait events up to then, in time order, as ingest merges them.
 *
 * Each event is read once: it lands in the first instant at or after it; a running
 * aggregate per profile carries it forward, and each row stands for the instants until
 * the profile's next change. Only what the definition reads is rebuilt (`needs`): stats
 * read every event, traits only trait events, and neither only when each profile appeared
 * (its first_seen_at, which no later event can change).
 */
export interface HistoryNeeds {
  stats: boolean;
  traits: boolean;
}

const bucketOf = (instants: string, at: string) => `width_bucket(${at} - interval '1 microsecond', ${instants}) + 1`;

/** Rows (profile_id, k, counters..., traits) of what changed for a profile by instant k. */
function changesSql(instants: string, needs: HistoryNeeds): string {
  const last = `(${instants})[cardinality(${instants})]`;
  if (needs.stats) {
    return `
      select e.profile_id, ${bucketOf(instants, 'e.occurred_at')} as k,
             count(*)::int as events,
             coalesce(sum(e.order_delta), 0)::int as orders,
             coalesce(sum(e.revenue), 0) as revenue,
             min(e.occurred_at) filter (where e.order_delta > 0) as first_order_at,
             max(e.occurred_at) filter (where e.order_delta > 0) as last_order_at,
             min(e.occurred_at) as first_seen_at,
             max(e.occurred_at) as last_seen_at,
             ${needs.traits ? 'jsonb_merge_agg(e.traits order by e.occurred_at, e.id)' : 'null::jsonb'} as traits
        from events e
       where e.occurred_at <= ${last}
       group by 1, 2`;
  }
  const appeared = `select profile_id, first_seen_at as at, null::jsonb as traits, 0::bigint as id from profile_stats where first_seen_at <= ${last}`;
  const traitEvents = `select profile_id, occurred_at, traits, id from events where traits is not null and occurred_at <= ${last}`;
  return `
    select c.profile_id, ${bucketOf(instants, 'c.at')} as k,
           null::int as events, null::int as orders, null::numeric as revenue, null::timestamptz as first_order_at,
           null::timestamptz as last_order_at, null::timestamptz as first_seen_at, null::timestamptz as last_seen_at,
           jsonb_merge_agg(c.traits order by c.at, c.id) as traits
      from (${appeared}${needs.traits ? ` union all ${traitEvents}` : ''}) c
     group by 1, 2`;
}

export function profileHistorySql(instants: string, needs: HistoryNeeds): string {
  return `
    with changes as (${changesSql(instants, needs)}
    ), running as (
      select profile_id, k, lead(k, 1, cardinality(${instants}) + 1) over w as next_k,
             (sum(events) over w)::int as events, (sum(orders) over w)::int as orders, sum(revenue) over w as revenue,
             min(first_order_at) over w as first_order_at, max(last_order_at) over w as last_order_at,
             min(first_seen_at) over w as first_seen_at, max(last_seen_at) over w as last_seen_at,
             coalesce(jsonb_merge_agg(traits) over w, '{}'::jsonb) as traits
        from changes
      window w as (partition by profile_id order by k)
    )
    select r.profile_id, k.k, (${instants})[k.k] as at, r.events, r.orders, r.revenue, r.first_order_at, r.last_order_at,
           r.first_seen_at, r.last_seen_at, r.traits
      from running r cross join lateral generate_series(r.k, r.next_k - 1) as k(k)`;
}
