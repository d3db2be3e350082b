/**
 * Claims the batch's messageIds for their source key ($1 source keys, $2 message ids, in
 * pairs) and returns the pairs seen for the first time: the rest are duplicates. A pair
 * another transaction is claiming waits for it, so a retry racing its original is stored
 * once. Ids recorded before ids were kept per key (source key '') count for every key.
 */
export const CLAIM_MESSAGE_IDS = `
  insert into message_ids (source_key, message_id)
  select x.source_key, x.message_id from unnest($1::text[], $2::text[]) as x(source_key, message_id)
   where not exists (select 1 from message_ids l where l.source_key = '' and l.message_id = x.message_id)
  on conflict do nothing
  returning source_key, message_id`;

/** Forgets claimed messageIds of events that were not stored after all (suppressed): nothing about them is kept. */
export const RELEASE_MESSAGE_IDS = `
  delete from message_ids where (source_key, message_id) in (select * from unnest($1::text[], $2::text[]))`;

/**
 * Stores the batch's events (already deduplicated by CLAIM_MESSAGE_IDS) and folds them into
 * profile_stats and last_seen_at in the same statement. Returns each stored event's id with
 * its messageId (unique within a batch).
 */
export const INSERT_EVENTS_AND_STATS = `
  with incoming as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      profile_id uuid, message_id text, type text, name text, properties jsonb, revenue numeric,
      context jsonb, extra jsonb, occurred_at timestamptz, clamped_from timestamptz, source text, source_key text, traits jsonb)
  ), ins as (
    insert into events (profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, clamped_from, source, source_key, traits)
    select profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, clamped_from, source, source_key, traits from incoming
    returning id, profile_id, message_id, name, revenue, occurred_at
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
  select id, message_id from ins`;

export const UPDATE_TRAITS = `
  update profiles p set traits = p.traits || v.traits, updated_at = now()
    from jsonb_to_recordset($1::jsonb) as v(profile_id uuid, traits jsonb)
   where p.id = v.profile_id`;
