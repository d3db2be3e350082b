/** Products: the admin upsert and what ingestion learns from `Order Completed`. */

export const PRODUCT_SELECT = `select id, name, category, price, image_url, url, attributes, active, updated_at, first_seen_at from products`;

export const PRODUCT_BY_ID = `${PRODUCT_SELECT} where id = $1`;

/**
 * Admin rows as JSON: the values plus `given` (fields present in the input) and
 * `cleared` (fields given as null). New ids are inserted first; the update that follows
 * sets exactly the given fields on every row (new ones included, harmlessly) and pins
 * them, while a cleared field is unpinned so orders may fill it again.
 */
const INCOMING = `
  select * from jsonb_to_recordset($1::jsonb) as x(
    id text, name text, category text, price numeric, image_url text, url text, attributes jsonb, active boolean,
    given text[], cleared text[])`;

export const INSERT_NEW_PRODUCTS = `
  insert into products (id) select id from (${INCOMING}) x order by id
  on conflict (id) do nothing`;

const setIfGiven = (column: string, value = `x.${column}`) => `${column} = case when '${column}' = any(x.given) then ${value} else p.${column} end`;

export const UPDATE_GIVEN_FIELDS = `
  update products p set
    ${setIfGiven('name')}, ${setIfGiven('category')}, ${setIfGiven('price')},
    ${setIfGiven('image_url')}, ${setIfGiven('url')},
    ${setIfGiven('attributes', `coalesce(x.attributes, '{}'::jsonb)`)},
    ${setIfGiven('active', 'coalesce(x.active, true)')},
    pinned_fields = array(select distinct f from unnest(p.pinned_fields || x.given) f where f <> all(x.cleared) order by f),
    updated_at = now()
  from (${INCOMING}) x
  where p.id = x.id
  returning p.id, p.name, p.category, p.price, p.image_url, p.url, p.attributes, p.active, p.updated_at, p.first_seen_at`;

/**
 * One statement per ingested batch, from its `Order Completed` events ($1: profile_id,
 * event_id, occurred_at, products): every line with a `product_id` (or `id`) becomes
 * a product_purchases row (quantities of repeated lines summed), and the catalog learns
 * name, category and price — the latest order's value wins, except for a field an admin
 * pinned. Products whose learned fields did not change are not touched at all, so the
 * hot rows of best sellers are not locked by every order that names them.
 */
export const RECORD_ORDERS = `
  with incoming as (
    select * from jsonb_to_recordset($1::jsonb) as x(profile_id uuid, event_id bigint, occurred_at timestamptz, products jsonb)
  ), lines as (
    select i.profile_id, i.event_id, i.occurred_at,
           btrim(coalesce(l->>'product_id', l->>'id')) as product_id,
           left(nullif(btrim(l->>'name'), ''), 1000) as name,
           left(nullif(btrim(l->>'category'), ''), 1000) as category,
           case when jsonb_typeof(l->'price') = 'number' and (l->>'price')::numeric between 0 and 999999999999
                then round((l->>'price')::numeric, 2) end as price,
           case when jsonb_typeof(l->'quantity') = 'number' and (l->>'quantity')::numeric between 1 and 1000000
                then floor((l->>'quantity')::numeric)::int else 1 end as quantity
      from incoming i
      cross join lateral jsonb_array_elements(i.products) l
     where jsonb_typeof(l) = 'object' and length(btrim(coalesce(l->>'product_id', l->>'id', ''))) between 1 and 200
  ), latest as (
    select distinct on (product_id) product_id, name, category, price, occurred_at
      from lines order by product_id, occurred_at desc
  ), changed as (
    select l.* from latest l left join products p on p.id = l.product_id
     where p.id is null
        or ('name' <> all(p.pinned_fields) and l.name is not null and l.name is distinct from p.name)
        or ('category' <> all(p.pinned_fields) and l.category is not null and l.category is distinct from p.category)
        or ('price' <> all(p.pinned_fields) and l.price is not null and l.price is distinct from p.price)
  ), learned as (
    insert into products as p (id, name, category, price, first_seen_at)
    select product_id, name, category, price, occurred_at from changed order by product_id
    on conflict (id) do update set
      name = case when 'name' = any(p.pinned_fields) then p.name else coalesce(excluded.name, p.name) end,
      category = case when 'category' = any(p.pinned_fields) then p.category else coalesce(excluded.category, p.category) end,
      price = case when 'price' = any(p.pinned_fields) then p.price else coalesce(excluded.price, p.price) end,
      updated_at = now()
    returning 1
  ), bought as (
    insert into product_purchases (profile_id, event_id, product_id, quantity, price, order_at)
    select profile_id, event_id, product_id, sum(quantity), max(price), occurred_at
      from lines group by profile_id, event_id, product_id, occurred_at
    on conflict do nothing
    returning 1
  )
  select (select count(*) from learned)::int as products_learned, (select count(*) from bought)::int as lines_recorded`;

/** Purchases follow a profile merged away to its survivor ($1: merged, survivor pairs). */
export const REPOINT_MERGED_PURCHASES = `
  update product_purchases pp set profile_id = m.survivor
    from jsonb_to_recordset($1::jsonb) as m(merged uuid, survivor uuid)
   where pp.profile_id = m.merged`;
