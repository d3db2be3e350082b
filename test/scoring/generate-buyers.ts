/**
 * Deterministic generated customers for the scoring tests, inserted set-based. Every
 * pseudo-random draw is a hash of (buyer, draw name), so a given `buyers` count always
 * yields the same histories.
 *
 * Relative to `anchor`:
 * - buyers 1..n: first order 1–400 days before the anchor, 1–8 orders (skewed low),
 *   each at some day and hour between the first order and the end of the buyer's
 *   active life (the anchor for 40% of buyers, a random point before it for the rest,
 *   so some have gone quiet as BG/NBD expects); revenue
 *   5–200, NULL on some second orders; two orders on one day for every 13th buyer;
 *   every 10th buyer also orders 1–30 days AFTER the anchor;
 * - `lateOnly` buyers whose only orders come 3 days after the anchor;
 * - `visitors` profiles with page views but no orders;
 * - one merged-away profile still carrying an order (never scored).
 * profile_stats counters are filled from all events, as ingest would.
 */
import type { Queryable } from '../../src/db/database';

export interface GeneratedBuyers {
  buyers: number;
  lateOnly?: number;
  visitors?: number;
}

/** A draw in [0, 1) from the buyer number `i` and a name. */
const u = (i: string, salt: string) => `((abs(hashtextextended(${i} || ':${salt}', 7)) % 1000000) / 1000000.0)`;

export const buyerId = (i: number) => `md5('scoring-buyer-${i}')::uuid`;

const INSERT_BUYER_PROFILES = `
  insert into profiles (id, traits)
  select md5('scoring-buyer-' || i)::uuid, jsonb_build_object('n', i)
    from generate_series(1, $1::int + $2::int) i`;

const INSERT_ORDERS = `
  with buyers as (
    select i, md5('scoring-buyer-' || i)::uuid as id,
           1 + floor(${u('i', 'first')} * 400)::int as first_ago,
           1 + floor(power(${u('i', 'n')}, 2) * 8)::int as n,
           case when ${u('i', 'alive')} < 0.4 then 1.0 else ${u('i', 'life')} end as life
      from generate_series(1, $2::int) i
  ), orders as (
    select b.id, b.i, k,
           case when k = 0 then b.first_ago
                when k = 1 and b.i % 13 = 0 then b.first_ago
                else floor(b.first_ago * (1 - b.life * ${u("b.i || '-' || k", 'gap')}))::int end as days_ago,
           floor(${u("b.i || '-' || k", 'hour')} * 24)::int as hours_ago,
           case when k = 1 and b.i % 50 = 0 then null
                else round((5 + ${u("b.i || '-' || k", 'rev')} * 195)::numeric, 2) end as revenue
      from buyers b cross join lateral generate_series(0, b.n - 1) k
    union all
    select b.id, b.i, 100, -(1 + b.i % 30), 0, 42.5 from buyers b where b.i % 10 = 0
    union all
    select md5('scoring-buyer-' || i)::uuid, i, 0, -3, 0, 19.99 from generate_series($2::int + 1, $2::int + $3::int) i
  )
  insert into events (profile_id, message_id, type, name, properties, revenue, order_delta, order_gross, occurred_at)
  select id, 'sb-' || i || '-' || k, 'track', 'Order Completed', jsonb_build_object('revenue', revenue), revenue, 1, revenue,
         $1::timestamptz - make_interval(days => days_ago, hours => hours_ago)
    from orders`;

const INSERT_VISITORS = `
  with v as (
    insert into profiles (id) select md5('scoring-visitor-' || i)::uuid from generate_series(1, $2::int) i returning id
  )
  insert into events (profile_id, message_id, type, name, occurred_at)
  select id, 'sv-' || id, 'page', 'Home', $1::timestamptz - interval '2 days' from v`;

const INSERT_MERGED = `
  with m as (
    insert into profiles (id, merged_into) values (md5('scoring-merged')::uuid, md5('scoring-buyer-1')::uuid) returning id
  )
  insert into events (profile_id, message_id, type, name, revenue, order_delta, order_gross, occurred_at)
  select id, 'sm-1', 'track', 'Order Completed', 500, 1, 500, $1::timestamptz - interval '5 days' from m`;

const FILL_STATS = `
  insert into profile_stats (profile_id, events, orders, revenue, first_order_at, last_order_at, first_seen_at, last_seen_at)
  select profile_id, count(*), count(*) filter (where name = 'Order Completed'),
         coalesce(sum(revenue) filter (where name = 'Order Completed'), 0),
         min(occurred_at) filter (where name = 'Order Completed'), max(occurred_at) filter (where name = 'Order Completed'),
         min(occurred_at), max(occurred_at)
    from events group by profile_id
  on conflict (profile_id) do update set events = excluded.events, orders = excluded.orders, revenue = excluded.revenue,
    first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
    first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at`;

export async function generateBuyers(db: Queryable, anchor: Date, o: GeneratedBuyers): Promise<void> {
  const lateOnly = o.lateOnly ?? 0;
  await db.query(INSERT_BUYER_PROFILES, [o.buyers, lateOnly]);
  await db.query(INSERT_ORDERS, [anchor, o.buyers, lateOnly]);
  await db.query(INSERT_VISITORS, [anchor, o.visitors ?? 0]);
  await db.query(INSERT_MERGED, [anchor]);
  await db.query(FILL_STATS);
}
