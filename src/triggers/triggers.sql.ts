/**
 * The trigger scan: one set-based INSERT per kind. Each computes what is due at `$1`
 * (the scan's "now"), ignores events after it, and relies on the unique dedupe key:
 * `on conflict do nothing` is what makes an occurrence fire once across scans,
 * instances and restarts. Rows are inserted in a stable order so ids follow due time.
 */

/** A timestamptz as ISO 8601 in UTC with milliseconds, as JSON payloads carry it. */
const iso = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;
const numberOrNull = (expr: string) => `case when jsonb_typeof(${expr}) = 'number' then (${expr})::numeric end`;

export const OCCURRENCE_COLUMNS = `id, kind, profile_id, dedupe_key, payload, occurred_at from trigger_occurrences`;

const INSERT_OCCURRENCES = `insert into trigger_occurrences (kind, profile_id, dedupe_key, payload, occurred_at)`;
const RETURNING = `on conflict (profile_id, dedupe_key) do nothing returning id, profile_id, kind`;

/** Products shown in an abandoned cart's payload: its latest adds. */
export const CART_PAYLOAD_PRODUCTS = 50;

/**
 * Abandoned carts. A cart "episode" is the `Product Added` events since the profile's last
 * `Order Completed`; it is abandoned once its latest add is `$2` minutes old (the shopper
 * went idle without ordering). The key names the episode by its first add, so more adds
 * to an abandoned cart do not fire again; an order starts a new episode.
 * Candidates come from recent adds only (index on events (name, occurred_at)); each
 * candidate's history is then read through (profile_id, name, occurred_at) by the laterals,
 * and only for carts that can still fire, so a scan's cost follows the carts due, not history.
 * $1 now, $2 minutes, $3 lookback hours.
 */
export const INSERT_ABANDONED_CARTS = `
  with recent as (
    select e.profile_id, max(e.occurred_at) as last_added_at
      from events e
     where e.name = 'Product Added' and e.occurred_at <= $1::timestamptz
       and e.occurred_at > $1::timestamptz - $2::double precision * interval '1 minute' - $3::double precision * interval '1 hour'
     group by e.profile_id
  ), idle as (
    -- Skips shoppers still adding, and carts that already fired with no add since (nothing new can fire).
    select r.* from recent r
     where r.last_added_at <= $1::timestamptz - $2::double precision * interval '1 minute'
       and not exists (select 1 from trigger_occurrences t
                        where t.profile_id = r.profile_id and t.kind = 'abandoned_cart' and t.occurred_at >= r.last_added_at)
  ), open_carts as (
    select i.*, lo.at as last_order_at
      from idle i
      join profiles p on p.id = i.profile_id and p.merged_into is null
      cross join lateral (
        select max(o.occurred_at) as at from events o
         where o.profile_id = i.profile_id and o.name = 'Order Completed' and o.occurred_at <= $1::timestamptz
      ) lo
     where lo.at is null or lo.at < i.last_added_at
  ), episodes as (
    select c.*, cart.*
      from open_carts c
      cross join lateral (
        select min(a.occurred_at) as started_at, count(*)::int as adds,
               sum(${numberOrNull(`a.properties->'price'`)} * coalesce(${numberOrNull(`a.properties->'quantity'`)}, 1)) as value
          from events a
         where a.profile_id = c.profile_id and a.name = 'Product Added'
           and a.occurred_at > coalesce(c.last_order_at, '-infinity') and a.occurred_at <= c.last_added_at
      ) cart
  )
  ${INSERT_OCCURRENCES}
  select 'abandoned_cart', e.profile_id,
         'abandoned_cart:' || e.profile_id || ':' || to_char(e.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
         jsonb_build_object(
           'cartStartedAt', ${iso('e.started_at')}, 'lastAddedAt', ${iso('e.last_added_at')},
           'abandonedAt', ${iso(`e.last_added_at + $2::double precision * interval '1 minute'`)},
           'lastOrderAt', ${iso('e.last_order_at')}, 'adds', e.adds, 'value', e.value, 'products', products.list),
         $1::timestamptz
    from episodes e
    cross join lateral (
      select jsonb_agg(x.product order by x.occurred_at, x.id) as list
        from (select a.id, a.occurred_at, jsonb_strip_nulls(jsonb_build_object(
                'product_id', a.properties->'product_id', 'sku', a.properties->'sku', 'name', a.properties->'name',
                'category', a.properties->'category', 'price', a.properties->'price', 'quantity', a.properties->'quantity',
                'url', a.properties->'url', 'image_url', a.properties->'image_url', 'addedAt', ${iso('a.occurred_at')})) as product
                from events a
               where a.profile_id = e.profile_id and a.name = 'Product Added'
                 and a.occurred_at >= e.started_at and a.occurred_at <= e.last_added_at
               order by a.occurred_at desc, a.id desc
               limit ${CART_PAYLOAD_PRODUCTS}) x
    ) products
   order by e.last_added_at, e.profile_id
  ${RETURNING}`;

/**
 * The month-day of a `YYYY-MM-DD` or `MM-DD` birthday trait (null for anything else).
 * The migration indexes this exact expression; keep the two identical.
 */
const BIRTHDAY_MONTH_DAY = `substring(p.traits->>'birthday' from '^(?:[0-9]{4}-)?([0-9]{2}-[0-9]{2})$')`;

/** Birthdays: once a year, on the day. $1 now, $2 month-days celebrated today (trigger-rules.ts). */
export const INSERT_BIRTHDAYS = `
  with today as (select ($1::timestamptz at time zone 'UTC')::date as d)
  ${INSERT_OCCURRENCES}
  select 'birthday', p.id, 'birthday:' || p.id || ':' || to_char(t.d, 'YYYY'),
         jsonb_build_object(
           'birthday', p.traits->>'birthday', 'date', ${day('t.d')},
           'age', nullif(greatest(extract(year from t.d)::int - substring(p.traits->>'birthday' from '^([0-9]{4})-')::int, -1), -1),
           'leapDayObserved', ${BIRTHDAY_MONTH_DAY} = '02-29' and to_char(t.d, 'MM-DD') <> '02-29'),
         $1::timestamptz
    from profiles p, today t
   where p.traits ? 'birthday' and p.merged_into is null
     and ${BIRTHDAY_MONTH_DAY} = any($2::text[])
   order by p.id
  ${RETURNING}`;

/**
 * Repurchase reminders: a buyer with orders on two or more days is expected back on their last
 * order day plus the median gap between order days (trigger-rules.ts `nextExpectedOrderDate`);
 * once that day is over with no order, it fires, once per expected date. A new order moves the
 * expected date, so it can fire again later.
 * Buyers are pre-filtered from profile_stats: the median gap is at most the span between first
 * and last order, so an expected date inside the lookback needs last + span (+ 2 days of day
 * rounding) to reach it. $1 now, $2 lookback hours.
 */
export const INSERT_REPURCHASES = `
  with bounds as (
    select $1::timestamptz as now, $1::timestamptz - $2::double precision * interval '1 hour' as stale_before,
           ($1::timestamptz at time zone 'UTC')::date as today
  ), buyers as (
    select s.profile_id
      from profile_stats s
      join profiles p on p.id = s.profile_id and p.merged_into is null
      cross join bounds b
     where s.orders >= 2 and s.first_order_at <= b.now
       and s.last_order_at + (s.last_order_at - s.first_order_at) + interval '2 days' > b.stale_before
       -- Fired since the last order: the expected date cannot have changed.
       and not exists (select 1 from trigger_occurrences t
                        where t.profile_id = s.profile_id and t.kind = 'repurchase' and t.occurred_at > s.last_order_at)
  ), order_days as (
    select distinct o.profile_id, (o.occurred_at at time zone 'UTC')::date as day
      from buyers x
      cross join bounds b
      join events o on o.profile_id = x.profile_id and o.name = 'Order Completed' and o.order_delta > 0 and o.occurred_at <= b.now
  ), gaps as (
    select profile_id, day, day - lag(day) over (partition by profile_id order by day) as gap from order_days
  ), expected as (
    select profile_id, count(*)::int as order_days, max(day) as last_day,
           percentile_cont(0.5) within group (order by gap) as median_gap
      from gaps group by profile_id having count(*) >= 2
  ), due as (
    select e.*, e.last_day + round(e.median_gap::numeric)::int as expected_date from expected e
  )
  ${INSERT_OCCURRENCES}
  select 'repurchase', d.profile_id, 'repurchase:' || d.profile_id || ':' || ${day('d.expected_date')},
         jsonb_build_object(
           'expectedDate', ${day('d.expected_date')}, 'daysOverdue', b.today - d.expected_date,
           'medianGapDays', d.median_gap, 'orderDays', d.order_days,
           'lastOrderAt', ${iso('lo.occurred_at')}, 'lastOrderId', lo.properties->'order_id', 'lastOrderRevenue', lo.revenue),
         b.now
    from due d
    cross join bounds b
    cross join lateral (
      -- The last order placed (a repeated completion of an order is not a new one), with its amount now (net of refunds).
      select o.occurred_at, o.properties, coalesce(ord.net, o.revenue) as revenue from events o
        left join orders ord on ord.profile_id = o.profile_id and ord.order_id = o.order_id
       where o.profile_id = d.profile_id and o.name = 'Order Completed' and o.order_delta > 0 and o.occurred_at <= b.now
       order by o.occurred_at desc, o.id desc limit 1
    ) lo
   where (d.expected_date + 1)::timestamp at time zone 'UTC' <= b.now
     and (d.expected_date + 1)::timestamp at time zone 'UTC' > b.stale_before
   order by d.expected_date, d.profile_id
  ${RETURNING}`;

export const NOTIFY_OCCURRENCES = `select pg_notify('segmentary_triggers', json_build_object('from', $1::bigint, 'to', $2::bigint)::text)`;
