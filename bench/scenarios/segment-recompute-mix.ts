import { performance } from 'node:perf_hooks';
import pg from 'pg';
import path from 'node:path';
import { startBareJsonServer, type BareServer } from '../baselines/http-server';
import { createComputedTraits, createSegments, removeComputedTraits, removeSegments, type BenchComputedTraits } from './bench-segments';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'segment-recompute.source.js');
const traitIs = (p: string, op: string, value?: unknown) => ({ trait: { path: p, op, ...(value !== undefined && { value }) } });
const orders = (within: Record<string, number>, op: string, value: number) => ({ event: { name: 'Order Completed', within, op, value } });
const ordersIn = (interval: string) => `select e.profile_id from events e where e.name = 'Order Completed' and e.occurred_at >= now() - interval '${interval}'`;
/** Profiles (not merged away) satisfying a hand-written condition over `p`, `s` and their events. */
const where = (condition: string) => `select p.id from profiles p left join profile_stats s on s.profile_id = p.id where p.merged_into is null and (${condition})`;

/** Computed traits the mix's `computed` leaves read (made before the segments, removed after). */
const COMPUTED_TRAITS: BenchComputedTraits = {
  mix_fav_product: { event: 'Product Viewed', aggregate: 'most_frequent', property: 'product_id', within: { lastDays: 90 } },
  mix_views_7d: { event: 'Product Viewed', aggregate: 'count', within: { lastDays: 7 } },
};

/**
 * Issue 15 §5 "segment-recompute-mix": 24 segments using every leaf kind (traits with the new
 * operators, event windows in hours and days, sums, filters, relative dates, sequences,
 * computed traits, references), recomputed together, against a hand-written SQL of each
 * question run together. Each segment's membership must equal its hand-written answer (for
 * computed leaves, the hand-written SQL computes the value from the events itself); each
 * one's own time is reported beside it.
 */
const MIX: { key: string; definition: unknown; hand: string }[] = [
  { key: 'mix-ends-with', definition: traitIs('country', 'ends_with', 'E'), hand: where(`p.traits->>'country' like '%E'`) },
  { key: 'mix-ieq', definition: traitIs('region', 'ieq', 'emea'), hand: where(`p.traits->>'region' = 'EMEA'`) },
  { key: 'mix-imatches', definition: traitIs('plan', 'imatches', '^(PRO|ENTER)'), hand: where(`p.traits->>'plan' in ('pro', 'enterprise')`) },
  { key: 'mix-not-contains', definition: traitIs('gender', 'not_contains', 'male'), hand: where(`p.traits->>'gender' = 'non_binary'`) },
  { key: 'mix-age-numeric', definition: traitIs('age', 'between', [30, 39]), hand: where(`(p.traits->>'age')::int between 30 and 39`) },
  { key: 'mix-contains-any', definition: traitIs('country', 'in', ['FR', 'DE', 'ES']), hand: where(`p.traits->>'country' in ('FR', 'DE', 'ES')`) },
  { key: 'mix-repeat-30d', definition: orders({ lastDays: 30 }, 'gte', 2), hand: `${ordersIn('30 days')} group by 1 having count(*) >= 2` },
  { key: 'mix-ordered-48h', definition: orders({ lastHours: 48 }, 'gte', 1), hand: `select distinct e.profile_id from (${ordersIn('48 hours')}) e` },
  { key: 'mix-no-order-90d', definition: orders({ lastDays: 90 }, 'eq', 0), hand: where(`p.id not in (${ordersIn('90 days')})`) },
  { key: 'mix-spent-90d', definition: { event: { name: 'Order Completed', aggregate: 'sum', property: 'revenue', within: { lastDays: 90 }, op: 'gte', value: 200 } },
    hand: `select e.profile_id from events e where e.name = 'Order Completed' and e.occurred_at >= now() - interval '90 days' group by 1
           having sum(case when jsonb_typeof(e.properties->'revenue') = 'number' then (e.properties->>'revenue')::numeric end) >= 200` },
  { key: 'mix-small-spender', definition: { event: { name: 'Order Completed', aggregate: 'sum', property: 'revenue', within: { lastDays: 365 }, op: 'lt', value: 50 } },
    hand: where(`p.id not in (select e.profile_id from events e where e.name = 'Order Completed' and e.occurred_at >= now() - interval '365 days' group by 1
                 having sum(case when jsonb_typeof(e.properties->'revenue') = 'number' then (e.properties->>'revenue')::numeric end) >= 50)`) },
  { key: 'mix-pricey-views', definition: { event: { name: 'Product Viewed', where: [{ path: 'price', op: 'gt', value: 100 }], within: { lastDays: 30 }, op: 'gte', value: 3 } },
    hand: `select e.profile_id from events e where e.name = 'Product Viewed' and e.occurred_at >= now() - interval '30 days'
             and jsonb_typeof(e.properties->'price') = 'number' and (e.properties->>'price')::numeric > 100 group by 1 having count(*) >= 3` },
  { key: 'mix-sku-suffix', definition: { event: { name: 'Product Viewed', where: [{ path: 'product_id', op: 'ends_with', value: '7' }], within: { lastDays: 7 }, op: 'gte', value: 1 } },
    hand: `select distinct e.profile_id from events e where e.name = 'Product Viewed' and e.occurred_at >= now() - interval '7 days' and e.properties->>'product_id' like '%7'` },
  { key: 'mix-seen-36h', definition: { stat: { name: 'last_seen_at', op: 'within_last', value: { hours: 36 } } }, hand: where(`s.last_seen_at between now() - interval '36 hours' and now()`) },
  { key: 'mix-lapsed', definition: { stat: { name: 'last_seen_at', op: 'before_last', value: { days: 60 } } }, hand: where(`s.last_seen_at < now() - interval '60 days'`) },
  { key: 'mix-buyers-recent', definition: { all: [{ stat: { name: 'orders', op: 'gte', value: 3 } }, { stat: { name: 'recency_days', op: 'lte', value: 60 } }] },
    hand: where(`coalesce(s.orders, 0) >= 3 and floor(extract(epoch from (now() - s.last_order_at)) / 86400) <= 60`) },
  { key: 'mix-emea-repeat', definition: { all: [traitIs('region', 'eq', 'EMEA'), orders({ lastDays: 30 }, 'gte', 2)] },
    hand: where(`p.traits->>'region' = 'EMEA' and p.id in (${ordersIn('30 days')} group by 1 having count(*) >= 2)`) },
  { key: 'mix-any', definition: { any: [traitIs('plan', 'eq', 'enterprise'), orders({ lastDays: 14 }, 'gte', 1)] },
    hand: where(`p.traits->>'plan' = 'enterprise' or p.id in (${ordersIn('14 days')})`) },
  { key: 'mix-not', definition: { not: { any: [traitIs('plan', 'eq', 'free'), orders({ lastDays: 180 }, 'eq', 0)] } },
    hand: where(`not (p.traits->>'plan' = 'free' or p.id not in (${ordersIn('180 days')}))`) },
  { key: 'mix-seq-abandoned', definition: { sequence: { steps: [{ name: 'Product Added' }], thenNot: { name: 'Order Completed', within: { hours: 2 } }, within: { lastDays: 3 } } },
    hand: `select distinct a.profile_id from events a where a.name = 'Product Added' and a.occurred_at >= now() - interval '3 days' and a.occurred_at + interval '2 hours' <= now()
             and not exists (select 1 from events o where o.profile_id = a.profile_id and o.name = 'Order Completed' and o.occurred_at > a.occurred_at and o.occurred_at <= a.occurred_at + interval '2 hours')` },
  { key: 'mix-seq-funnel', definition: { sequence: { steps: [{ name: 'Product Viewed' }, { name: 'Product Added', within: { days: 1 } }, { name: 'Order Completed', within: { days: 7 } }], within: { lastDays: 30 } } },
    hand: `select distinct v.profile_id from events v
             join events a on a.profile_id = v.profile_id and a.name = 'Product Added' and a.occurred_at > v.occurred_at and a.occurred_at <= v.occurred_at + interval '1 day'
             join events o on o.profile_id = v.profile_id and o.name = 'Order Completed' and o.occurred_at > a.occurred_at and o.occurred_at <= a.occurred_at + interval '7 days'
            where v.name = 'Product Viewed' and v.occurred_at >= now() - interval '30 days'` },
  { key: 'mix-computed-fav', definition: { computed: { key: 'mix_fav_product', op: 'eq', value: 'sku-1' } },
    hand: `select x.profile_id from (
             select distinct on (v.profile_id) v.profile_id, v.product from (
               select e.profile_id, e.properties->'product_id' as product, count(*) as n, max(e.occurred_at) as last
                 from events e where e.name = 'Product Viewed' and e.occurred_at >= now() - interval '90 days' and e.properties ? 'product_id'
                group by 1, 2) v
             order by v.profile_id, v.n desc, v.last desc, v.product) x
            where x.product = '"sku-1"'::jsonb` },
  { key: 'mix-computed-views', definition: { computed: { key: 'mix_views_7d', op: 'gte', value: 3 } },
    hand: `select e.profile_id from events e where e.name = 'Product Viewed' and e.occurred_at >= now() - interval '7 days' group by 1 having count(*) >= 3` },
  { key: 'mix-ref', definition: { all: [{ segment: { key: 'mix-emea-repeat' } }, traitIs('age', 'lt', 40)] },
    hand: where(`p.traits->>'region' = 'EMEA' and (p.traits->>'age')::int < 40 and p.id in (${ordersIn('30 days')} group by 1 having count(*) >= 2)`) },
];
const RUNS = 3;


const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function startMixServer(ctx: ScenarioContext): Promise<BareServer> {
  return startBareJsonServer(async () => {
    let size = 0;
    for (const { key } of MIX) size += (await ctx.app.app.services.segments.recompute(key)).size;
    return { status: 200, json: { data: { size } } };
  });
}

async function startHandServer(databaseUrl: string): Promise<BareServer & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async () => {
    let size = 0;
    for (const { hand } of MIX) size += (await pool.query(hand)).rowCount ?? 0;
    return { status: 200, json: { data: { size } } };
  });
  return { ...server, pool, close: async () => { await server.close(); await pool.end(); } };
}

/** Per segment: membership equals the hand-written answer, and the median of RUNS timings of each. */
async function perSegment(ctx: ScenarioContext): Promise<Check[]> {
  const checks: Check[] = [];
  for (const { key, hand } of MIX) {
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      await ctx.app.app.services.segments.recompute(key);
      ours.push(performance.now() - t);
      t = performance.now();
      await ctx.pool.query(hand);
      theirs.push(performance.now() - t);
    }
    const { rows } = await ctx.pool.query<{ ours: number; hand: number; both: number }>(
      `with hand as (${hand}), ours as (select m.profile_id from memberships m join segments s on s.id = m.segment_id where s.key = $1)
       select (select count(*)::int from ours) as ours, (select count(distinct h.*)::int from hand h) as hand,
              (select count(*)::int from ours o where o.profile_id in (select * from hand)) as both`,
      [key],
    );
    const r = rows[0];
    const [o, h] = [median(ours), median(theirs)];
    checks.push({
      name: `${key}: membership equals the hand-written SQL`,
      ok: r.ours === r.hand && r.both === r.hand,
      detail: `${r.ours} members (hand ${r.hand}, both ${r.both}); recompute ${o.toFixed(0)} ms vs hand-written ${h.toFixed(0)} ms (${(o / Math.max(h, 0.1)).toFixed(1)}×)`,
    });
  }
  return checks;
}

export const segmentRecomputeMix: Scenario = {
  name: 'segment-recompute-mix',
  description: `full recompute of ${MIX.length} segments using every leaf kind and the new operators, together, vs a hand-written SQL of each (issue 15 §5)`,
  unit: 'rounds/min',
  perRequest: 60,
  defaultConnections: 1,
  aim: { minRatio: 0.67 }, // at most 1.5 times the hand-written SQL's time
  async setup(ctx) {
    const services = ctx.app.app.services;
    await removeSegments(services, [...MIX].reverse().map((s) => s.key));
    await createComputedTraits(services, COMPUTED_TRAITS);
    await createSegments(services, MIX.map(({ key, definition }) => ({ key, definition })));
    const ours = await startMixServer(ctx);
    const hand = await startHandServer(ctx.databaseUrl);
    const source = { module: SOURCE, options: {} };
    return {
      ours: { url: ours.url, headers: graphqlHeaders(), source, after: () => perSegment(ctx) },
      baseline: { url: hand.url, headers: graphqlHeaders(), source },
      teardown: async () => {
        await ours.close();
        await hand.close();
        await removeSegments(ctx.app.app.services, [...MIX].reverse().map((s) => s.key));
        await removeComputedTraits(ctx.app.app.services, COMPUTED_TRAITS);
      },
    };
  },
};
