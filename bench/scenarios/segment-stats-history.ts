import path from 'node:path';
import pg from 'pg';
import { StatsInterval, StatsSource } from '../../src/analytics';
import { startBareJsonServer, type BareServer } from '../baselines/http-server';
import { createSegments, removeSegments } from './bench-segments';
import type { StatsHistoryOptions } from './segment-stats-history.source';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'segment-stats-history.source.js');
const KEY = 'bench-history-pro-buyers';
/** A trait as it was at each instant (plans change during the seeded year) and an event window relative to it. */
const DEFINITION = {
  all: [
    { trait: { path: 'plan', op: 'eq', value: 'pro' } },
    { event: { name: 'Order Completed', op: 'gte', value: 1, within: { lastDays: 90 } } },
  ],
};

/**
 * The same question by hand, as an analyst would write it: for each month of [$1, $2), who was
 * on the pro plan (their latest plan-setting event) and had ordered in the 90 days before the
 * month's start and before its end, then size, net entries and exits, and the orders of those
 * members in the month.
 */
export const STATS_BY_HAND_SQL = `
  with months as (
    select (row_number() over (order by m))::int as i, m as start, m + interval '1 month' as stop
      from generate_series($1::timestamptz, $2::timestamptz - interval '1 month', interval '1 month') m
  ), instants as (
    select 0 as i, min(start) - interval '1 microsecond' as at from months
    union all select i, stop - interval '1 microsecond' from months
  ), plan_at as (
    select distinct on (i.i, e.profile_id) i.i, e.profile_id, e.traits->>'plan' as plan
      from instants i join events e on e.traits ? 'plan' and e.occurred_at <= i.at
     order by i.i, e.profile_id, e.occurred_at desc, e.id desc
  ), ordered_at as (
    select distinct i.i, e.profile_id
      from instants i join events e on e.name = 'Order Completed' and e.occurred_at <= i.at and e.occurred_at >= i.at - interval '90 days'
  ), members as (
    select p.i, p.profile_id from plan_at p join ordered_at o using (i, profile_id) where p.plan = 'pro'
  ), in_month as (
    select m.i, x.profile_id, bool_or(x.i = m.i - 1) as at_start, bool_or(x.i = m.i) as at_end
      from months m join members x on x.i in (m.i - 1, m.i)
     group by m.i, x.profile_id
  ), month_orders as (
    select q.i, count(*)::int as orders, sum(o.revenue) as revenue, count(distinct o.profile_id)::int as buyers
      from in_month q join months m using (i)
      join events o on o.profile_id = q.profile_id and o.name = 'Order Completed' and o.occurred_at >= m.start and o.occurred_at < m.stop
     group by q.i
  )
  select m.start,
         (count(q.profile_id) filter (where q.at_end))::int as size,
         (count(q.profile_id) filter (where q.at_end and not q.at_start))::int as entered,
         (count(q.profile_id) filter (where q.at_start and not q.at_end))::int as exited,
         count(q.profile_id)::int as members,
         coalesce(max(o.orders), 0) as orders, coalesce(max(o.revenue), 0)::float8 as revenue, coalesce(max(o.buyers), 0) as buyers
    from months m left join in_month q using (i) left join month_orders o using (i)
   group by m.i, m.start order by m.start`;

/** Twelve whole months ending with the seed's current one. */
function lastTwelveMonths(seededAt: string): StatsHistoryOptions {
  const seeded = new Date(seededAt);
  const end = Date.UTC(seeded.getUTCFullYear(), seeded.getUTCMonth() + 1, 1);
  const start = Date.UTC(seeded.getUTCFullYear(), seeded.getUTCMonth() - 11, 1);
  return { segment: KEY, from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

async function startHandSqlServer(databaseUrl: string, range: StatsHistoryOptions): Promise<BareServer & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async () => {
    const { rows } = await pool.query(STATS_BY_HAND_SQL, [range.from, range.to]);
    return { status: 200, json: { data: { segmentStats: rows } } };
  });
  return { ...server, pool, close: async () => { await server.close(); await pool.end(); } };
}

type Point = Record<string, number | string>;
const comparable = (points: Point[]) =>
  JSON.stringify(points.map((p) => ({ ...p, start: new Date(p.start).toISOString(), revenue: Math.round(Number(p.revenue) * 100) })));

/** Our series must be exactly the hand-written SQL's. */
async function sameAnswer(ctx: ScenarioContext, range: StatsHistoryOptions): Promise<Check> {
  const ours = await ctx.app.app.services.analytics.segmentStats(KEY, new Date(range.from), new Date(range.to), StatsInterval.MONTH, StatsSource.HISTORY);
  const { rows } = await ctx.pool.query(STATS_BY_HAND_SQL, [range.from, range.to]);
  const pick = (p: Point) => ({ start: p.start, size: p.size, entered: p.entered, exited: p.exited, members: p.members, orders: p.orders, revenue: p.revenue, buyers: p.buyers });
  const same = comparable(ours.map((p) => pick(p as unknown as Point))) === comparable(rows.map(pick));
  const sizes = ours.map((p) => p.size).join(' ');
  return { name: 'every bucket equals the hand-written SQL', ok: same && ours.length === 12, detail: `${ours.length} buckets; sizes ${sizes}` };
}

export const segmentStatsHistory: Scenario = {
  name: 'segment-stats-history',
  description: `segmentStats(source: HISTORY) over 12 monthly buckets of ${JSON.stringify(DEFINITION)} vs the hand-written SQL; aim: under 5 s`,
  unit: 'queries/min',
  perRequest: 60,
  defaultConnections: 1,
  aim: { minRate: 12 },
  async setup(ctx) {
    await createSegments(ctx.app.app.services, [{ key: KEY, definition: DEFINITION }]);
    const range = lastTwelveMonths(ctx.seed.seededAt);
    const hand = await startHandSqlServer(ctx.databaseUrl, range);
    const source = { module: SOURCE, options: range };
    return {
      ours: { url: ctx.app.graphqlUrl, headers: graphqlHeaders(ctx.app.adminKey), source, after: async () => [await sameAnswer(ctx, range)] },
      baseline: { url: hand.url, headers: graphqlHeaders(), source },
      teardown: async () => {
        await hand.close();
        await removeSegments(ctx.app.app.services, [KEY]);
      },
    };
  },
};
