/**
 * Stores the batch's events and folds them into profile_stats and last_seen_at in the
 * same statement. Only rows actually inserted count, so a concurrent duplicate never
 * inflates the counters.
 */
export const INSERT_EVENTS_AND_STATS = `
  with incoming as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      profile_id uuid, message_id text, type text, name text, properties jsonb, revenue numeric,
      context jsonb, extra jsonb, occurred_at timestamptz, source text)
  ), ins as (
    insert into events (profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, source)
    select profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, source from incoming
    on conflict (message_id) do nothing
    returning profile_id, message_id, name, revenue, occurred_at
  ), agg as (
    select profile_id,
           count(*)::int as events,
           (count(*) filter (where name = 'Order Completed'))::int as orders,
           coalesce(sum(revenue) filter (where name = 'Order Completed'), 0) as revenue,
           min(occurred_at) filter (where name = 'Order Completed') as first_order_at,
           max(occurred_at) filter (where name = 'Order Completed') as last_order_at,
           min(occurred_at) as first_seen_at,
           max(occurred_at) as last_seen_at
      from ins group by profile_id
  ), stats as (
    insert into profile_stats as s (profile_id, events, orders, revenue, first_order_at, last_order_at, first_seen_at, last_seen_at)
    select profile_id, events, orders, revenue, first_order_at, last_order_at, first_seen_at, last_seen_at from agg
    on conflict (profile_id) do update set
      events = s.events + excluded.events,
      orders = s.orders + excluded.orders,
      revenue = s.revenue + excluded.revenue,
      first_order_at = least(s.first_order_at, excluded.first_order_at),
      last_order_at = greatest(s.last_order_at, excluded.last_order_at),
      first_seen_at = least(s.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at)
  ), seen as (
    update profiles p set last_seen_at = agg.last_seen_at
      from agg where p.id = agg.profile_id and (p.last_seen_at is null or p.last_seen_at < agg.last_seen_at)
  )
  select message_id from ins`;

export const UPDATE_TRAITS = `
  update profiles p set traits = p.traits || v.traits, updated_at = now()
    from jsonb_to_recordset($1::jsonb) as v(profile_id uuid, traits jsonb)
   where p.id = v.profile_id`;
