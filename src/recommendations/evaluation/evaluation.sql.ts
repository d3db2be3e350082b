/**
 * The offline evaluation's own tables (eval_*) in a scratch database, and the split:
 * every buyer with at least two orders has the LAST one held out; everything else is
 * training data, written into the feature's real tables (profiles, products,
 * product_purchases, segments, memberships) so the service's own SQL runs on it.
 */

export const CREATE_STAGING = [
  `drop table if exists eval_orders, eval_lines, eval_heldout, eval_targets, eval_seeds`,
  `create table eval_orders (order_id text primary key, customer text not null, at timestamptz not null, country text)`,
  `create table eval_lines (order_id text not null, product_id text not null, name text, price numeric, quantity integer not null)`,
];

/** $1: orders as JSON ({orderId, customer, at, country, lines[]}). */
export const INSERT_ORDERS = `
  with o as (
    select * from jsonb_to_recordset($1::jsonb) as x("orderId" text, customer text, at timestamptz, country text, lines jsonb)
  ), ins as (
    insert into eval_orders (order_id, customer, at, country) select "orderId", customer, at, country from o on conflict do nothing
  )
  insert into eval_lines (order_id, product_id, name, price, quantity)
  select o."orderId", l.product_id, l.name, l.price, l.quantity
    from o cross join lateral jsonb_to_recordset(o.lines) as l(product_id text, name text, price numeric, quantity integer)`;

/** Profiles carry a deterministic id per customer and the country as a trait. */
export const SPLIT = [
  `insert into profiles (id, traits)
   select md5('eval:' || customer)::uuid, jsonb_build_object('country', max(country)) from eval_orders group by customer`,
  `create table eval_heldout as
   select distinct on (customer) order_id, customer, md5('eval:' || customer)::uuid as profile_id
     from eval_orders
    where customer in (select customer from eval_orders group by customer having count(*) >= 2)
    order by customer, at desc, order_id desc`,
  // The catalog is every product named anywhere (a catalog is not behaviour); names and prices from the latest order.
  `insert into products (id, name, price, first_seen_at)
   select distinct on (l.product_id) l.product_id, l.name, l.price, min(o.at) over (partition by l.product_id)
     from eval_lines l join eval_orders o using (order_id)
    order by l.product_id, o.at desc`,
  `insert into product_purchases (profile_id, event_id, product_id, quantity, price, order_at)
   select md5('eval:' || o.customer)::uuid, o.n, l.product_id, sum(l.quantity), max(l.price), o.at
     from (select *, dense_rank() over (order by order_id) as n from eval_orders) o join eval_lines l using (order_id)
    where not exists (select 1 from eval_heldout h where h.order_id = o.order_id)
    group by o.customer, o.n, l.product_id, o.at`,
  // One segment per country (SEGMENT_POPULAR needs segments); membership written directly.
  `insert into segments (key, name, definition)
   select 'eval-country-' || left(md5(country), 12), 'Country: ' || country,
          jsonb_build_object('trait', jsonb_build_object('path', 'country', 'op', 'eq', 'value', country))
     from (select distinct country from eval_orders where country is not null) c`,
  `insert into memberships (profile_id, segment_id)
   select p.id, s.id from profiles p join segments s on s.definition->'trait'->>'value' = p.traits->>'country' and s.key like 'eval-country-%'`,
  // Relevant items: what the held-out order holds that the buyer had not bought before (all excludePurchased can find).
  `create table eval_targets as
   select distinct h.profile_id, l.product_id
     from eval_heldout h join eval_lines l using (order_id)
    where not exists (select 1 from product_purchases pp where pp.profile_id = h.profile_id and pp.product_id = l.product_id)`,
  // ALSO_BOUGHT's seed: the buyer's most recent purchased item (largest quantity in that order, then id).
  `create table eval_seeds as
   select distinct on (pp.profile_id) pp.profile_id, pp.product_id
     from product_purchases pp where pp.profile_id in (select profile_id from eval_targets)
    order by pp.profile_id, pp.order_at desc, pp.quantity desc, pp.product_id`,
  `analyze`,
];

export const SPLIT_SUMMARY = `
  select (select count(*) from eval_orders)::int as orders,
         (select count(*) from eval_lines)::int as lines,
         (select count(distinct customer) from eval_orders)::int as buyers,
         (select count(distinct product_id) from eval_lines)::int as products,
         (select count(*) from eval_heldout)::int as held_out,
         (select count(*) from product_purchases)::int as training_lines,
         (select count(*) from eval_seeds)::int as evaluated,
         (select max(order_at) from product_purchases) as as_of`;

/** Evaluated buyers (at least one new item in the held-out order) with their seed, in a fixed order. */
export const EVALUATED_BUYERS = `select profile_id, product_id as seed from eval_seeds order by profile_id`;

export const TARGETS = `select profile_id, product_id from eval_targets`;
