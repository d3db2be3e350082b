import pg from 'pg';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { RunScoringDocument } from '../generated/graphql';
import { generateBuyers } from './generate-buyers';

const ANCHOR = new Date('2026-06-01T12:00:00Z');
const BUYERS = 300;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let t: TestApp;
let listener: pg.Client;
const received: string[] = [];
let wake: (() => void) | undefined;

beforeAll(async () => {
  t = await startTestApp();
  await generateBuyers(t.db, ANCHOR, { buyers: BUYERS });
  listener = new pg.Client({ connectionString: t.database.url });
  await listener.connect();
  listener.on('notification', (msg) => {
    received.push(msg.payload ?? '');
    wake?.();
  });
  await listener.query('listen segmentary_churn');
});
afterAll(async () => {
  await listener.end();
  await t.close();
});

/**
 * Every churn NOTIFY delivered up to now, without sleeping: a marker notified after the
 * run's commit arrives after anything the run notified.
 */
async function drainNotifications(): Promise<Row[]> {
  const marker = `marker-${received.length}-${Date.now()}`;
  await t.db.query(`select pg_notify('segmentary_churn', $1)`, [marker]);
  while (!received.includes(marker)) await new Promise<void>((resolve) => (wake = resolve));
  const payloads = received.splice(0, received.length).filter((p) => p !== marker);
  return payloads.map((p) => JSON.parse(p));
}

async function risks(): Promise<Map<string, number | null>> {
  const { rows } = await t.db.query(`select profile_id, churn_risk from profile_stats`);
  return new Map(rows.map((r) => [r.profile_id, r.churn_risk]));
}

async function changesAfter(id: number): Promise<Row[]> {
  const { rows } = await t.db.query(`select id, profile_id, previous_risk, risk, revenue from churn_risk_changes where id > $1 order by id`, [id]);
  return rows;
}

async function lastChangeId(): Promise<number> {
  return (await t.db.query(`select coalesce(max(id), 0)::int as id from churn_risk_changes`)).rows[0].id;
}

/** Runs scoring and checks the log holds exactly the buyers whose risk rose, with the right values. */
async function runAndCheck(asOf: Date): Promise<{ rows: Row[]; before: Map<string, number | null>; after: Map<string, number | null> }> {
  const before = await risks();
  const since = await lastChangeId();
  const run = await t.app.services.scoring.run(asOf);
  const after = await risks();
  const rows = await changesAfter(since);
  const rose = [...after].filter(([id, risk]) => risk !== null && risk > (before.get(id) ?? 0)).map(([id]) => id).sort();
  expect(rows.map((r) => r.profile_id).sort()).toEqual(rose);
  expect(run.churnRiskIncreases).toBe(rows.length);
  for (const r of rows) {
    expect(r.previous_risk).toBe(before.get(r.profile_id) ?? null);
    expect(r.risk).toBe(after.get(r.profile_id));
  }
  const notices = await drainNotifications();
  expect(notices).toEqual(rows.length ? [{ from: rows[0].id, to: rows.at(-1)!.id }] : []);
  return { rows, before, after };
}

test('the first run logs every buyer with a positive risk, with no previous risk, and notifies the id range', async () => {
  const { rows, after } = await runAndCheck(ANCHOR);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.previous_risk === null && r.risk > 0)).toBe(true);
  // One-time buyers cannot have dropped out under BG/NBD: risk 0, nothing logged.
  expect([...after.values()].filter((risk) => risk === 0).length).toBeGreaterThan(0);
  const { rows: revenue } = await t.db.query(`
    select profile_id, sum(coalesce(revenue, 0)) as revenue from events
     where name = 'Order Completed' and occurred_at <= $1 and profile_id = any($2::uuid[]) group by profile_id`, [ANCHOR, rows.map((r) => r.profile_id)]);
  const byId = new Map(revenue.map((r) => [r.profile_id, r.revenue]));
  for (const r of rows) expect(r.revenue).toBe(byId.get(r.profile_id));
  // Each alert carries the buyer's 52-week CLV as the run wrote it.
  const { rows: clv } = await t.db.query(`
    select c.clv_52w as logged, s.clv_52w as stored from churn_risk_changes c join profile_stats s using (profile_id) where c.id = any($1::bigint[])`, [rows.map((r) => r.id)]);
  expect(clv.length).toBe(rows.length);
  expect(clv.every((r) => r.logged !== null && r.logged === r.stored)).toBe(true);
});

test('the same inputs again change nothing: no rows, no NOTIFY', async () => {
  const { rows } = await runAndCheck(ANCHOR);
  expect(rows).toEqual([]);
});

test('only increases are logged: a lowered previous risk is, a raised one is not', async () => {
  const { rows: repeat } = await t.db.query(`select profile_id, churn_risk from profile_stats where churn_risk > 0.05 order by profile_id limit 3`);
  const [lowered, raised, cleared] = repeat.map((r) => r.profile_id);
  await t.db.query(`update profile_stats set churn_risk = 0.01 where profile_id = $1`, [lowered]);
  await t.db.query(`update profile_stats set churn_risk = 0.999 where profile_id = $1`, [raised]);
  await t.db.query(`update profile_stats set churn_risk = null where profile_id = $1`, [cleared]);
  const { rows } = await runAndCheck(ANCHOR);
  expect(rows.map((r) => r.profile_id).sort()).toEqual([lowered, cleared].sort());
  expect(rows.find((r) => r.profile_id === lowered)!.previous_risk).toBe(0.01);
});

test('as time passes, risk rises for buyers gone quiet and falls for those who came back; only the rises are logged', async () => {
  const { rows, before, after } = await runAndCheck(new Date('2026-08-01T12:00:00Z'));
  const fell = [...after].filter(([id, risk]) => risk !== null && (before.get(id) ?? 0) > risk);
  expect(rows.length).toBeGreaterThan(0);
  expect(fell.length).toBeGreaterThan(0);
});

test('with no as-of date, buyers ingested through the API are scored as of now', async () => {
  const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
  await ingest(t, [
    { type: 'TRACK', messageId: 'cr-1', userId: 'cr-u', event: 'Order Completed', properties: { revenue: 30 }, timestamp: daysAgo(20) },
    { type: 'TRACK', messageId: 'cr-2', userId: 'cr-u', event: 'Order Completed', properties: { revenue: 45 }, timestamp: daysAgo(2) },
  ]);
  const { runScoring: run } = await ok(t, RunScoringDocument);
  expect(Date.now() - new Date(run.asOf).getTime()).toBeLessThan(60_000);
  expect(run.buyersScored).toBe(BUYERS + 1);
  const p = await t.gql(`{ profileByIdentity(kind: USER_ID, value: "cr-u") { stats { orders rfmSegment lifecycle pAlive churnRisk expectedOrders90d scoredAt } } }`);
  expect(p.data!.profileByIdentity.stats).toMatchObject({ orders: 2, lifecycle: 'new', pAlive: expect.any(Number), scoredAt: expect.any(String) });
  expect(p.data!.profileByIdentity.stats.rfmSegment).toEqual(expect.any(String));
  await drainNotifications();
});
