import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBareJsonServer } from '../baselines/http-server';
import { benchPostgresPids, cpuShares, cpuSnapshot } from '../machine';
import { createSegments, removeSegments } from './bench-segments';
import { restoreSeed } from '../seed';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const KEY = 'bench-expiry-pinged';
const EVENT = 'Bench Expiry Ping';
const WINDOW_MINUTES = 5;
const DEFINITION = { event: { name: EVENT, within: { lastMinutes: WINDOW_MINUTES }, op: 'gte', value: 1 } };
const MEMBERS = 100_000;
const LAPSE_SPREAD_MS = 60_000;
/** Time for the segment's creation (recompute and timers) before the first lapse. */
const LEAD_MS = 45_000;
/** How long after the last lapse the last exit may still come. */
const GRACE_MS = 15_000;
const EXPIRY_EVERY_MS = 1_000;

/**
 * One ping per member, placed so the members' windows lapse evenly over one minute that starts
 * LEAD_MS from now: events written directly (set-based), like an import; the seed is restored after.
 */
async function plantPings(ctx: ScenarioContext, firstLapse: number): Promise<number> {
  const { rowCount } = await ctx.pool.query(
    `insert into events (profile_id, message_id, type, name, properties, context, occurred_at, received_at, source)
     select p.id, 'bench-expiry-' || p.n, 'track', $1, '{}', '{}',
            to_timestamp(($2::float8 + (p.n - 1) * $3::float8 / $4::float8) / 1000) - make_interval(mins => $5::int), now(), 'bench'
       from (select id, row_number() over (order by id) as n from profiles where merged_into is null limit $4) p`,
    [EVENT, firstLapse, LAPSE_SPREAD_MS, MEMBERS, WINDOW_MINUTES],
  );
  await ctx.pool.query(`analyze events`);
  return rowCount ?? 0;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : NaN;
}

/** (exit − lapse) of every member, ms; lapse = the ping + the window. */
async function exitDelays(ctx: ScenarioContext, since: Date): Promise<{ delays: number[]; causes: Record<string, number> }> {
  const { rows } = await ctx.pool.query<{ delay: number; cause: string }>(
    `select extract(epoch from (c.at - (e.occurred_at + make_interval(mins => $3::int)))) * 1000 as delay, c.cause
       from membership_changes c join segments s on s.id = c.segment_id
       join events e on e.profile_id = c.profile_id and e.name = $2
      where s.key = $1 and c.kind = 'EXITED' and c.at >= $4`,
    [KEY, EVENT, WINDOW_MINUTES, since],
  );
  const causes: Record<string, number> = {};
  for (const r of rows) causes[r.cause] = (causes[r.cause] ?? 0) + 1;
  return { delays: rows.map((r) => Number(r.delay)).sort((a, b) => a - b), causes };
}

/** The work the minute schedule did before timers: one full recompute of the segment (members leave up to a minute late). */
async function timeFullRecompute(ctx: ScenarioContext): Promise<number> {
  const t = performance.now();
  await ctx.app.app.services.segments.recompute(KEY);
  return Math.round(performance.now() - t);
}

async function runLapse(ctx: ScenarioContext): Promise<Check[]> {
  const services = ctx.app.app.services;
  const firstLapse = Date.now() + LEAD_MS;
  const planted = await plantPings(ctx, firstLapse);
  const created = performance.now();
  await createSegments(services, [{ key: KEY, definition: DEFINITION }]);
  const createMs = Math.round(performance.now() - created);
  const { rows: timers } = await ctx.pool.query<{ n: number }>(`select count(*)::int as n from segment_timers t join segments s on s.id = t.segment_id where s.key = $1`, [KEY]);
  const waitFirst = firstLapse - Date.now();
  if (waitFirst < 0) throw new Error(`creating the segment took ${createMs} ms, past the first lapse; raise LEAD_MS`);
  await new Promise((r) => setTimeout(r, waitFirst));

  const since = new Date();
  const before = cpuSnapshot();
  services.expiry.start(EXPIRY_EVERY_MS, (e) => ctx.log(`expiry failed: ${String(e)}`));
  await new Promise((r) => setTimeout(r, LAPSE_SPREAD_MS + GRACE_MS));
  await services.expiry.stop();
  const after = cpuSnapshot();
  // The backends that served the worker, read afterwards: a pool connection opened during the minute counts too.
  const cpu = cpuShares(before, after, await benchPostgresPids(ctx.pool));
  const seconds = (LAPSE_SPREAD_MS + GRACE_MS) / 1000;

  const { delays, causes } = await exitDelays(ctx, since);
  const { rows: left } = await ctx.pool.query<{ n: number }>(`select count(*)::int as n from memberships m join segments s on s.id = m.segment_id where s.key = $1`, [KEY]);
  const recomputeMs = await timeFullRecompute(ctx);
  const p99 = percentile(delays, 99);
  return [
    { name: 'members planted, timers written on creation', ok: timers[0].n === planted, detail: `${planted.toLocaleString('en-US')} pings; ${timers[0].n.toLocaleString('en-US')} timers; createSegment (recompute + timers) ${createMs} ms` },
    { name: 'every member left, by the expiry worker', ok: left[0].n === 0 && delays.length === planted && causes.EXPIRY === planted, detail: `${delays.length.toLocaleString('en-US')} exits (${JSON.stringify(causes)}), ${left[0].n} still in` },
    { name: 'nobody left before their lapse', ok: delays.length > 0 && delays[0] >= 0, detail: `earliest ${percentile(delays, 0)} ms after` },
    {
      name: `exit − lapse instant (aim p99 ≤ 5 s: ${p99 <= 5000 ? 'met' : 'NOT met'})`, ok: p99 <= 5000,
      detail: `p50 ${percentile(delays, 50)} ms, p99 ${p99} ms, max ${percentile(delays, 100)} ms; worker every ${EXPIRY_EVERY_MS} ms`,
    },
    {
      name: 'database CPU of the lapse minute (worker on, nothing else running)', ok: true,
      detail: `PostgreSQL ${cpu.postgresPct}% of a core over ${seconds} s (${Math.round((cpu.postgresPct * 10 * seconds * 1000) / Math.max(1, planted)) / 1000} ms per exit); server ${cpu.serverPct}%`,
    },
    { name: 'baseline: the minute schedule before timers', ok: true, detail: `one full recompute of this segment ${recomputeMs} ms each minute, exits up to 60 s late (p50 about 30 s)` },
  ];
}

export const expiryLapse: Scenario = {
  name: 'expiry-lapse',
  description: `${MEMBERS.toLocaleString('en-US')} members of ${JSON.stringify(DEFINITION)} whose windows lapse evenly over one minute; the expiry worker takes them out. The figures are in the checks (exit − lapse p50/p99, database CPU); the request rate line only times a status read`,
  unit: 'req/s',
  perRequest: 1,
  defaultConnections: 1,
  aim: {},
  async setup(ctx) {
    await removeSegments(ctx.app.app.services, [KEY]);
    let checks: Check[] = [];
    const status = await startBareJsonServer(async () => ({ status: 200, json: { data: { checks: checks.length } } }));
    return {
      ours: {
        url: status.url,
        headers: graphqlHeaders(),
        source: { module: path.join(__dirname, 'segment-recompute.source.js'), options: { field: 'checks' } },
        before: async () => {
          checks = await runLapse(ctx);
        },
        after: async () => checks,
      },
      teardown: async () => {
        await status.close();
        await removeSegments(ctx.app.app.services, [KEY]);
        await restoreSeed(ctx.pool, ctx.seed, ctx.log);
      },
    };
  },
};
