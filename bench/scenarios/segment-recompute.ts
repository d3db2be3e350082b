import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startBareJsonServer, type BareServer } from '../baselines/http-server';
import { createSegments, removeSegments } from './bench-segments';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'segment-recompute.source.js');
const KEY = 'bench-recompute-repeat-buyers';
const DEFINITION = { event: { name: 'Order Completed', within: { lastDays: 30 }, op: 'gte', value: 2 } };
/** The same question answered by hand. */
export const REPEAT_BUYERS_SQL = `
  select profile_id from events
   where name = 'Order Completed' and occurred_at >= now() - interval '30 days'
   group by profile_id having count(*) >= 2`;
const FROM_EMPTY_RUNS = 3;

/** One recompute per request, so autocannon's latency is the recompute's. */
async function startRecomputeServer(ctx: ScenarioContext): Promise<BareServer> {
  return startBareJsonServer(async () => {
    const r = await ctx.app.app.services.segments.recompute(KEY);
    return { status: 200, json: { data: { size: r.size, entered: r.entered, exited: r.exited } } };
  });
}

async function startHandSqlServer(databaseUrl: string): Promise<BareServer & { pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async () => {
    const { rows } = await pool.query(REPEAT_BUYERS_SQL);
    return { status: 200, json: { data: { size: rows.length } } };
  });
  return { ...server, pool, close: async () => { await server.close(); await pool.end(); } };
}

/** Recomputes starting from no membership at all (every member enters), timed in-process. */
async function timeFromEmpty(ctx: ScenarioContext): Promise<number[]> {
  const ms: number[] = [];
  const { id } = await ctx.app.app.services.segments.get(KEY);
  for (let i = 0; i < FROM_EMPTY_RUNS; i++) {
    await ctx.pool.query(`delete from memberships where segment_id = $1`, [id]);
    const t = performance.now();
    await ctx.app.app.services.segments.recompute(KEY);
    ms.push(Math.round(performance.now() - t));
  }
  return ms;
}

/** Membership must be exactly the hand-written SQL's answer. */
async function sameAnswer(ctx: ScenarioContext): Promise<Check> {
  const { rows } = await ctx.pool.query<{ ours: number; hand: number; both: number }>(
    `with hand as (${REPEAT_BUYERS_SQL}),
          ours as (select m.profile_id from memberships m join segments s on s.id = m.segment_id where s.key = $1)
     select (select count(*)::int from ours) as ours, (select count(*)::int from hand) as hand,
            (select count(*)::int from ours join hand using (profile_id)) as both`,
    [KEY],
  );
  const r = rows[0];
  return { name: 'membership equals the hand-written SQL', ok: r.ours === r.hand && r.both === r.hand, detail: `${r.ours} members, hand-written SQL ${r.hand}, in both ${r.both}` };
}

export const segmentRecompute: Scenario = {
  name: 'segment-recompute',
  description: `full recompute of an event-window segment (${JSON.stringify(DEFINITION)}) vs the hand-written SQL; aim: under 2 s`,
  unit: 'recomputes/min',
  perRequest: 60,
  defaultConnections: 1,
  aim: { minRate: 30 },
  async setup(ctx) {
    await createSegments(ctx.app.app.services, [{ key: KEY, definition: DEFINITION }]);
    const ours = await startRecomputeServer(ctx);
    const hand = await startHandSqlServer(ctx.databaseUrl);
    const source = { module: SOURCE, options: {} };
    let fromEmpty: number[] = [];
    return {
      ours: {
        url: ours.url,
        headers: graphqlHeaders(),
        source,
        before: async () => {
          fromEmpty = await timeFromEmpty(ctx);
        },
        after: async () => [
          await sameAnswer(ctx),
          { name: 'recompute from empty membership (timed in-process, not an aim)', ok: true, detail: `${fromEmpty.join(', ')} ms` },
        ],
      },
      baseline: { url: hand.url, headers: graphqlHeaders(), source },
      teardown: async () => {
        await ours.close();
        await hand.close();
        await removeSegments(ctx.app.app.services, [KEY]);
      },
    };
  },
};
