import type pg from 'pg';
import { profileStatsFromEventsSql, recomputeProfileStats } from '../src/profiles/profile-merge.sql';
import { RECORD_ORDERS } from '../src/recommendations/products.sql';

/** Bump when the generated data changes shape: a kept database is then reseeded. */
export const SEED_VERSION = 3;

export interface SeedInfo {
  version: number;
  profiles: number;
  events: number;
  /** Database time when seeding finished; rows created later are the benchmark's own. */
  seededAt: string;
  /** Highest seeded events.id; ids above it were written by a benchmark. */
  maxEventId: number;
  /** Seconds the seeding took (when it was last done). */
  seconds: number;
  /** True when this run found the seed in place and did not reseed. */
  reused?: boolean;
}

export interface SeedOptions {
  profiles: number;
  events: number;
  reseed: boolean;
}

/** Every profile n has user_id `user-<n>` and anonymous_id `anon-<md5>`; ids are md5-derived, so they are stable per n. */
const PROFILE_ID = (n: string) => `md5('bench-profile-' || ${n})::uuid`;
const PRICE = (sku: string) => `round(4.99 + ((${sku} * 7919) % 19500) / 100.0, 2)`;

const COUNTRIES = `(values
  (0, 'US', 'NA'), (1, 'GB', 'EMEA'), (2, 'DE', 'EMEA'), (3, 'FR', 'EMEA'), (4, 'CA', 'NA'), (5, 'BR', 'LATAM'),
  (6, 'JP', 'APAC'), (7, 'AU', 'APAC'), (8, 'ES', 'EMEA'), (9, 'IT', 'EMEA'), (10, 'MX', 'LATAM'), (11, 'NL', 'EMEA'),
  (12, 'IN', 'APAC'), (13, 'SE', 'EMEA'), (14, 'PL', 'EMEA'), (15, 'SG', 'APAC'), (16, 'AR', 'LATAM')) as c(i, country, region)`;

const INSERT_PROFILES = `
  with r as materialized (
    select n, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
      from generate_series(1, $1::int) n
  )
  insert into profiles (id, traits, created_at, updated_at)
  select ${PROFILE_ID('r.n')},
         jsonb_build_object(
           'age', 18 + floor(r.r1 * 62)::int,
           'gender', case when r.r2 < 0.48 then 'female' when r.r2 < 0.96 then 'male' else 'non_binary' end,
           'country', c.country,
           'region', c.region,
           'plan', case when r.r4 < 0.70 then 'free' when r.r4 < 0.92 then 'pro' else 'enterprise' end),
         now() - interval '366 days' - r.r5 * interval '365 days',
         now() - r.r5 * interval '30 days'
    from r join ${COUNTRIES} on c.i = floor(power(r.r3, 1.6) * 17)::int
   order by r.n`;

const INSERT_IDENTITIES = `
  insert into identities (profile_id, kind, value, created_at)
  select ${PROFILE_ID('n')}, k.kind,
         case k.kind when 'user_id' then 'user-' || n else 'anon-' || substr(md5('anon-' || n), 1, 16) end,
         now() - interval '366 days'
    from generate_series(1, $1::int) n cross join (values ('user_id'), ('anonymous_id')) k(kind)`;

/** Events are inserted a million at a time, with a progress line after each (10M take minutes). */
const EVENTS_PER_CHUNK = 1_000_000;

async function insertEventsInChunks(client: pg.PoolClient, options: { profiles: number; events: number }, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  for (let from = 1; from <= options.events; from += EVENTS_PER_CHUNK) {
    const to = Math.min(options.events, from + EVENTS_PER_CHUNK - 1);
    await client.query(INSERT_EVENTS, [options.profiles, from, to]);
    const share = to / options.events;
    const bar = '#'.repeat(Math.round(share * 20)).padEnd(20, '.');
    log(`  events [${bar}] ${to.toLocaleString('en-US')} of ${options.events.toLocaleString('en-US')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/**
 * Events over the last 365 days, denser towards now. Profile n is drawn as
 * 1 + floor(N * u^2.5), so activity is skewed: low n are heavy users, the tail light.
 */
const INSERT_EVENTS = `
  with r as materialized (
    select g, 1 + floor($1::int * power(random(), 2.5))::int as n, random() as k, random() as t, random() as a, random() as b
      from generate_series($2::int, $3::int) g
  ), e as (
    select g, n, b,
           case when k < 0.45 then 'Page' when k < 0.72 then 'Product Viewed' when k < 0.84 then 'Product Added'
                when k < 0.93 then 'Checkout Started' else 'Order Completed' end as name,
           date_trunc('milliseconds', now() - power(t, 1.3) * interval '365 days') as occurred_at,
           1 + floor(power(a, 2) * 2000)::int as sku
      from r
  )
  insert into events (profile_id, message_id, type, name, properties, revenue, order_id, order_delta, order_gross, context, occurred_at, received_at, source)
  select ${PROFILE_ID('e.n')}, 'seed-' || e.g,
         case when e.name = 'Page' then 'page' else 'track' end,
         e.name,
         case e.name
           when 'Page' then jsonb_build_object('path', '/p/' || (e.sku % 300), 'title', 'Page ' || (e.sku % 300))
           when 'Order Completed' then jsonb_build_object('order_id', 'seed-order-' || e.g, 'revenue', o.revenue, 'currency', 'USD', 'products', o.products)
           else jsonb_build_object('product_id', 'sku-' || e.sku, 'price', ${PRICE('e.sku')}, 'quantity', 1)
         end,
         o.revenue,
         case when e.name = 'Order Completed' then 'seed-order-' || e.g end,
         case when e.name = 'Order Completed' then 1 end,
         o.revenue,
         '{}'::jsonb, e.occurred_at, e.occurred_at, 'seed'
    from e
    cross join lateral (
      select jsonb_agg(jsonb_build_object('product_id', 'sku-' || x.sku, 'price', x.price, 'quantity', x.quantity)) as products,
             sum(x.price * x.quantity) as revenue
        from (select sku, quantity, ${PRICE('sku')} as price
                from (select 1 + floor(power(random(), 2) * 2000)::int as sku, 1 + floor(random() * 3)::int as quantity
                        from generate_series(1, case when e.name = 'Order Completed' then 1 + floor(e.b * 3)::int else 0 end)) s0) x
    ) o
   order by e.occurred_at`;

/**
 * Trait history, as identify calls would have left it: each profile's first event sets its
 * traits, except that a profile on a paid plan with two or more events started on "free"
 * and an event half-way through its history moved it to its plan (point-in-time segments
 * then see plans change over the year).
 */
const SET_TRAIT_HISTORY = `
  with ranked as (
    select id, profile_id, row_number() over (partition by profile_id order by occurred_at, id) as rn, count(*) over (partition by profile_id) as n
      from events
  )
  update events e
     set traits = case when r.rn > 1 then jsonb_build_object('plan', p.traits->>'plan')
                       when p.traits->>'plan' <> 'free' and r.n >= 2 then p.traits || '{"plan": "free"}'
                       else p.traits end
    from ranked r join profiles p on p.id = r.profile_id
   where e.id = r.id and (r.rn = 1 or (p.traits->>'plan' <> 'free' and r.n >= 2 and r.rn = r.n / 2 + 1))`;

/** Every seeded order, as the order ledger would have recorded it (each completed once). */
const FILL_ORDERS = `
  insert into orders (profile_id, order_id, gross, completed_at, revised_at, products)
  select profile_id, order_id, revenue, occurred_at, occurred_at, properties->'products' from events where order_id is not null`;

/** The same statement as recomputeProfileStats, over every profile at once. */
const FILL_PROFILE_STATS = profileStatsFromEventsSql('profiles p');

export async function ensureSeed(pool: pg.Pool, options: SeedOptions, log: (m: string) => void): Promise<SeedInfo> {
  await pool.query(`create table if not exists bench_meta (key text primary key, value jsonb not null, updated_at timestamptz not null default now())`);
  const { rows } = await pool.query<{ value: SeedInfo }>(`select value from bench_meta where key = 'seed'`);
  const meta = rows[0]?.value;
  if (meta && !options.reseed && meta.version === SEED_VERSION && meta.profiles === options.profiles && meta.events === options.events) {
    await restoreSeed(pool, meta, log);
    const problem = await countProblem(pool, meta);
    if (!problem) return { ...meta, reused: true };
    log(`seed found but ${problem}: reseeding`);
  } else if (meta && !options.reseed) {
    log('seed parameters changed: reseeding');
  }
  return seed(pool, options, log);
}

async function countProblem(pool: pg.Pool, seed: SeedInfo): Promise<string | undefined> {
  const { rows } = await pool.query<{ profiles: number; events: number; identities: number; stats: number; merged: number }>(`
    select (select count(*) from profiles)::int as profiles, (select count(*) from events)::int as events,
           (select count(*) from identities)::int as identities, (select count(*) from profile_stats)::int as stats,
           (select count(*) from profiles where merged_into is not null)::int as merged`);
  const c = rows[0];
  const expected = { profiles: seed.profiles, events: seed.events, identities: 2 * seed.profiles, stats: seed.profiles, merged: 0 };
  const wrong = (Object.keys(expected) as (keyof typeof expected)[]).filter((k) => c[k] !== expected[k]);
  return wrong.length ? `row counts differ (${wrong.map((k) => `${k} ${c[k]} != ${expected[k]}`).join(', ')})` : undefined;
}

async function seed(pool: pg.Pool, options: SeedOptions, log: (m: string) => void): Promise<SeedInfo> {
  const started = Date.now();
  const client = await pool.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    const result = await client.query(sql, params);
    log(`  ${label}: ${((Date.now() - t) / 1000).toFixed(1)} s${result.rowCount ? ` (${result.rowCount.toLocaleString('en-US')} rows)` : ''}`);
  };
  try {
    log(`seeding ${options.profiles.toLocaleString('en-US')} profiles and ${options.events.toLocaleString('en-US')} events`);
    await client.query(`set synchronous_commit = off`);
    await client.query(`set work_mem = '256MB'`);
    await client.query(`set maintenance_work_mem = '512MB'`);
    await client.query(`delete from bench_meta where key = 'seed'`);
    await step('truncate', `truncate profiles, identities, events, profile_stats, profile_merges, products cascade`);
    await step('profiles', INSERT_PROFILES, [options.profiles]);
    await step('identities', INSERT_IDENTITIES, [options.profiles]);
    // The monthly partitions of the seeded year first, so no row lands in the default partition.
    await step('event partitions', `select ensure_event_partition(now() - make_interval(months => n)) from generate_series(0, 13) n`);
    await insertEventsInChunks(client, options, log);
    await step('trait history', SET_TRAIT_HISTORY);
    await step('orders', FILL_ORDERS);
    await step('profile_stats', FILL_PROFILE_STATS);
    await step('last_seen_at', `update profiles p set last_seen_at = s.last_seen_at from profile_stats s where s.profile_id = p.id`);
    await recordSeededOrders(client, log);
    await step('vacuum analyze', `vacuum (analyze) profiles, identities, events, profile_stats, products, product_purchases`);
    const { rows } = await client.query<{ seeded_at: Date; max_id: number }>(
      `select clock_timestamp() as seeded_at, coalesce((select max(id) from events), 0)::bigint as max_id`,
    );
    const info: SeedInfo = {
      version: SEED_VERSION,
      profiles: options.profiles,
      events: options.events,
      seededAt: rows[0].seeded_at.toISOString(),
      maxEventId: Number(rows[0].max_id),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
    await client.query(`insert into bench_meta (key, value) values ('seed', $1) on conflict (key) do update set value = excluded.value, updated_at = now()`, [
      JSON.stringify(info),
    ]);
    log(`seeded in ${info.seconds} s`);
    return info;
  } finally {
    client.release();
  }
}

/**
 * The catalog and product_purchases from the seeded orders, by the statement ingestion
 * runs for each batch (RECORD_ORDERS), 20,000 orders per statement.
 */
async function recordSeededOrders(client: pg.PoolClient, log: (m: string) => void): Promise<void> {
  const started = Date.now();
  let lines = 0;
  for (let after = 0; ; ) {
    const { rows } = await client.query<{ batch: string; last: string | null }>(
      `select coalesce(jsonb_agg(jsonb_build_object('profile_id', profile_id, 'event_id', id, 'occurred_at', occurred_at,
                                                   'products', properties->'products')), '[]')::text as batch,
              max(id) as last
         from (select * from events where name = 'Order Completed' and id > $1 order by id limit 20000) e`,
      [after],
    );
    if (rows[0].last === null) break;
    lines += (await client.query<{ lines_recorded: number }>(RECORD_ORDERS, [rows[0].batch])).rows[0].lines_recorded;
    after = Number(rows[0].last);
  }
  log(`  products and purchases: ${((Date.now() - started) / 1000).toFixed(1)} s (${lines.toLocaleString('en-US')} purchase lines)`);
}

/**
 * The FOR_YOU lists have no foreign key (a derived cache): those of profiles made by the
 * benchmark go, and those of touched profiles are marked stale (their events are being
 * removed behind ingest's back), so reads go live until the next refresh.
 */
async function forgetRecommendationLists(client: pg.PoolClient, fresh: string, seededAt: string, touched: string[]): Promise<number> {
  let changed = 0;
  for (const table of ['user_recommendations', 'recommendation_lists']) {
    changed += (await client.query(`delete from ${table} where profile_id in (${fresh})`, [seededAt])).rowCount ?? 0;
  }
  await client.query(`update recommendation_lists set stale = true, version = version + 1 where profile_id = any($1::uuid[])`, [touched]);
  return changed;
}

/**
 * Undoes what a benchmark wrote after the seed: events above the seeded ids, profiles
 * and identities created since, rows elsewhere that point at those profiles, the
 * trait identify calls set; stats of touched profiles are recomputed from events.
 */
export async function restoreSeed(pool: pg.Pool, seed: SeedInfo, log: (m: string) => void): Promise<void> {
  const client = await pool.connect();
  let changed = 0;
  try {
    await client.query('begin');
    const deleted = await client.query<{ profile_id: string }>(
      `with d as (delete from events where id > $1 returning profile_id) select distinct profile_id from d`,
      [seed.maxEventId],
    );
    changed += deleted.rowCount ?? 0;
    changed += (await client.query(`delete from product_purchases where event_id > $1`, [seed.maxEventId])).rowCount ?? 0;
    changed += (await client.query(`delete from orders where order_id not like 'seed-order-%'`)).rowCount ?? 0;
    const refs = await client.query<{ tbl: string; col: string }>(`
      select c.conrelid::regclass::text as tbl, quote_ident(a.attname) as col
        from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       where c.contype = 'f' and c.confrelid = 'profiles'::regclass and c.conrelid <> 'profiles'::regclass`);
    const fresh = `select id from profiles where created_at > $1`;
    for (const { tbl, col } of refs.rows) {
      changed += (await client.query(`delete from ${tbl} where ${col} in (${fresh})`, [seed.seededAt])).rowCount ?? 0;
    }
    changed += await forgetRecommendationLists(client, fresh, seed.seededAt, deleted.rows.map((r) => r.profile_id));
    changed += (await client.query(`delete from identities where created_at > $1`, [seed.seededAt])).rowCount ?? 0;
    changed += (await client.query(`delete from profiles where created_at > $1`, [seed.seededAt])).rowCount ?? 0;
    const touched = (
      await client.query<{ id: string }>(`select id from profiles where id = any($1::uuid[])`, [deleted.rows.map((r) => r.profile_id)])
    ).rows.map((r) => r.id);
    await recomputeProfileStats(client, touched);
    await client.query(
      `update profiles p set traits = p.traits - 'bench_identified_at', last_seen_at = s.last_seen_at
         from profile_stats s where p.id = any($1::uuid[]) and s.profile_id = p.id`,
      [touched],
    );
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  if (changed) {
    log(`restored the seed (${changed.toLocaleString('en-US')} rows written by a benchmark removed)`);
    await pool.query(`vacuum (analyze) events, profiles, identities, profile_stats`);
  }
}

/**
 * Vacuums (and analyzes) every table with many dead rows. Scenarios create and drop
 * segments, placements and recommendation tables; left to pile up (autovacuum may be
 * off, as on CI machines) the dead rows slowed later scenarios 2x.
 */
export async function vacuumChurnedTables(pool: pg.Pool, log: (m: string) => void, minDeadRows = 10_000): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    `select quote_ident(schemaname) || '.' || quote_ident(relname) as name from pg_stat_user_tables
      where n_dead_tup >= $1 order by relname`,
    [minDeadRows],
  );
  if (!rows.length) return;
  const started = Date.now();
  await pool.query(`vacuum (analyze) ${rows.map((r) => r.name).join(', ')}`);
  log(`  vacuumed ${rows.map((r) => r.name.replace(/^public\./, '')).join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

export async function sampleProfileIds(pool: pg.Pool, n: number): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(`select id from profiles where merged_into is null order by random() limit $1`, [n]);
  return rows.map((r) => r.id);
}

export interface SeededUser {
  profileId: string;
  userId: string;
  anonymousId: string;
}

export async function sampleUsers(pool: pg.Pool, n: number): Promise<SeededUser[]> {
  const { rows } = await pool.query<SeededUser>(
    `select p.id as "profileId", u.value as "userId", a.value as "anonymousId"
       from profiles p
       join identities u on u.profile_id = p.id and u.kind = 'user_id'
       join identities a on a.profile_id = p.id and a.kind = 'anonymous_id'
      where p.merged_into is null
      order by random() limit $1`,
    [n],
  );
  return rows;
}
