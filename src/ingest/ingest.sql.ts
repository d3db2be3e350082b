import { saveOrdersCte } from '../commerce';

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
 * profile_stats and last_seen_at in the same statement. Order events carry their effect on
 * the counters (the order ledger, src/commerce): orders = Σ order_delta, revenue (net) =
 * Σ revenue, gross = Σ order_gross. Returns each stored event's id with its messageId.
 *
 * Lifecycle moves here for what ingest knows (`lifecycle_stage`, the scoring job's rule, as
 * of $2; $2 null when scoring is pinned to another instant): a batch that placed an order
 * restages its buyer (new, active, reactivated, …); a registered person (a userId) who never
 * ordered is a `prospect`; `restaged` says whose stage moved (real-time segments on
 * `lifecycle` look at those only). $3..$5: newDays, activeDays, churnDays. $6: the orders' new
 * states (the ledger's), saved by the same statement.
 */
export const INSERT_EVENTS_AND_STATS = `
  with incoming as (
    select * from jsonb_to_recordset($1::jsonb) as x(
      profile_id uuid, message_id text, type text, name text, properties jsonb, revenue numeric,
      context jsonb, extra jsonb, occurred_at timestamptz, clamped_from timestamptz, source text, source_key text, traits jsonb,
      order_id text, order_delta smallint, order_gross numeric, registered boolean)
  ), ins as (
    insert into events (profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, clamped_from, source, source_key, traits,
                        order_id, order_delta, order_gross)
    select profile_id, message_id, type, name, properties, revenue, context, extra, occurred_at, clamped_from, source, source_key, traits,
           order_id, order_delta, order_gross from incoming
    returning id, profile_id, message_id, revenue, order_delta, order_gross, occurred_at
  ), agg as (
    select i.profile_id,
           count(*)::int as events,
           coalesce(sum(i.order_delta), 0)::int as orders,
           coalesce(sum(i.revenue), 0) as revenue,
           coalesce(sum(i.order_gross), 0) as gross_revenue,
           min(i.occurred_at) filter (where i.order_delta > 0) as first_order_at,
           max(i.occurred_at) filter (where i.order_delta > 0) as last_order_at,
           min(i.occurred_at) as first_seen_at,
           max(i.occurred_at) as last_seen_at,
           bool_or(r.registered) as registered
      from ins i
      join (select profile_id, bool_or(registered) as registered from incoming group by profile_id) r using (profile_id)
     group by i.profile_id
  ), staged_before as (
    select s.profile_id, s.lifecycle from profile_stats s join agg using (profile_id)
  ), stats as (
    insert into profile_stats as s (profile_id, events, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at, first_seen_at, last_seen_at, lifecycle)
    select profile_id, events, orders, revenue, gross_revenue, gross_revenue - revenue, first_order_at, last_order_at, first_seen_at, last_seen_at,
           case when $2::timestamptz is null then null
                when first_order_at is not null then lifecycle_stage(first_order_at, last_order_at, null, $2, $3, $4, $5)
                when registered then 'prospect' end
      from agg
    on conflict (profile_id) do update set
      events = s.events + excluded.events,
      orders = s.orders + excluded.orders,
      revenue = s.revenue + excluded.revenue,
      gross_revenue = s.gross_revenue + excluded.gross_revenue,
      refunds = s.refunds + excluded.refunds,
      first_order_at = least(s.first_order_at, excluded.first_order_at),
      last_order_at = greatest(s.last_order_at, excluded.last_order_at),
      first_seen_at = least(s.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at),
      lifecycle = case
        when $2::timestamptz is null then s.lifecycle
        when excluded.first_order_at is not null then lifecycle_stage(
          least(s.first_order_at, excluded.first_order_at), greatest(s.last_order_at, excluded.last_order_at),
          case when excluded.last_order_at > s.last_order_at then s.last_order_at end, $2, $3, $4, $5)
        when s.lifecycle is null and s.first_order_at is null then excluded.lifecycle
        else s.lifecycle end
    returning s.profile_id, s.lifecycle
  ), restaged as (
    select st.profile_id from stats st left join staged_before b using (profile_id) where st.lifecycle is distinct from b.lifecycle
  ), seen as (
    update profiles p set last_seen_at = agg.last_seen_at
      from agg where p.id = agg.profile_id and (p.last_seen_at is null or p.last_seen_at < agg.last_seen_at)
  ), saved_orders as (${saveOrdersCte('$6')}
  )
  select id, message_id, profile_id, profile_id in (select profile_id from restaged) as restaged from ins`;

export const UPDATE_TRAITS = `
  update profiles p set traits = p.traits || v.traits, updated_at = now()
    from jsonb_to_recordset($1::jsonb) as v(profile_id uuid, traits jsonb)
   where p.id = v.profile_id`;
