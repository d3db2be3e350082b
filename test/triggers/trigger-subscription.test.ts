import pino from 'pino';
import { Database } from '../../src/db/database';
import { ChangeFeed } from '../../src/realtime/change-feed';
import { Scheduler } from '../../src/scheduler/scheduler';
import { TriggersService } from '../../src/triggers/triggers.service';
import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';
import { DAY, HOUR, ingestHistory, occurrencesOf } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const quiet = pino({ level: 'silent' });
const POLL = { timeoutMs: 10_000, intervalMs: 10 };
const FIRED = `subscription($kinds: [TriggerKind!], $after: String) { triggerFired(kinds: $kinds, after: $after) { cursor kind profileId dedupeKey payload occurredAt } }`;
type Fired = { cursor: string; kind: string; profileId: string; dedupeKey: string; payload: Record<string, unknown>; occurredAt: string };

const now = new Date();
const monthDay = now.toISOString().slice(5, 10);
const birthdayToday = (userId: string) => ingestHistory(t, userId, [{ at: new Date(now.getTime() - DAY), traits: { birthday: `1980-${monthDay}` } }]);
const abandonedCart = (userId: string) => ingestHistory(t, userId, [{ at: new Date(now.getTime() - 3 * HOUR), event: 'Product Added', properties: { product_id: 'sku-1' } }]);

async function lastCursor(): Promise<string> {
  const { rows } = await t.db.query(`select coalesce(max(id), 0)::int as id from trigger_occurrences`);
  return String(rows[0].id);
}

test('a subscriber receives occurrences as a scan records them', async () => {
  const client = connect(t.graphqlUrl, await t.keyWith('subscribe'));
  const sub = subscribe<Fired>(client, FIRED, { kinds: ['BIRTHDAY'] }, 'triggerFired');
  await until(() => t.app.services.triggers.subscribers === 1, { ...POLL, what: 'the subscriber' });
  const profileId = await birthdayToday('sub-live');
  await t.app.services.triggers.scan(now);
  const [fired] = await sub.waitFor(1);
  expect(fired).toMatchObject({ kind: 'BIRTHDAY', profileId, dedupeKey: `birthday:${profileId}:${now.getUTCFullYear()}`, payload: { birthday: `1980-${monthDay}` } });
  expect(new Date(fired.occurredAt).getTime()).toBe(now.getTime());
  await sub.close();
  await client.dispose();
});

test('after a cursor, missed occurrences of the chosen kinds are replayed, then live ones follow without repeats', async () => {
  const cursor = await lastCursor();
  const missed = await abandonedCart('sub-missed-cart');
  await birthdayToday('sub-missed-birthday'); // another kind: filtered out
  await t.app.services.triggers.scan(now);

  const client = connect(t.graphqlUrl, t.adminKey);
  const sub = subscribe<Fired>(client, FIRED, { kinds: ['ABANDONED_CART'], after: cursor }, 'triggerFired');
  await sub.waitFor(1);
  const live = await abandonedCart('sub-live-cart');
  await t.app.services.triggers.scan(now);
  const all = await sub.waitFor(2);
  expect(all.map((f) => [f.kind, f.profileId])).toEqual([['ABANDONED_CART', missed], ['ABANDONED_CART', live]]);
  expect(Number(all[0].cursor)).toBeGreaterThan(Number(cursor));
  expect(Number(all[1].cursor)).toBeGreaterThan(Number(all[0].cursor));
  await sub.close();
  await client.dispose();
});

test('without kinds every kind is delivered; "0" replays everything', async () => {
  const client = connect(t.graphqlUrl, t.adminKey);
  const sub = subscribe<Fired>(client, FIRED, { after: '0' }, 'triggerFired');
  const { rows } = await t.db.query(`select count(*)::int as n, array_agg(distinct kind order by kind) as kinds from trigger_occurrences`);
  const all = await sub.waitFor(rows[0].n);
  expect([...new Set(all.map((f) => f.kind))].sort()).toEqual(rows[0].kinds.map((k: string) => k.toUpperCase()));
  await sub.close();
  await client.dispose();
});

test.each([
  ['an ingest-only key', 'ingest', /FORBIDDEN|lacks the scope/],
  ['a bad cursor', 'subscribe', /BAD_USER_INPUT|not a cursor/],
])('subscribing with %s is refused', async (_label, scope, message) => {
  const client = connect(t.graphqlUrl, await t.keyWith(scope as 'ingest'));
  const sub = subscribe<Fired>(client, FIRED, { after: scope === 'subscribe' ? 'abc' : null }, 'triggerFired');
  await until(() => sub.errors.length > 0, { ...POLL, what: 'the refusal' });
  expect(JSON.stringify(sub.errors)).toMatch(message);
  await client.dispose();
});

test('occurrences survive a restart: new service instances over the same database do not fire again', async () => {
  const profileId = await abandonedCart('restart-cart');
  await birthdayToday('restart-cart');
  const first = await t.app.services.triggers.scan(now);
  expect(first.counts).toMatchObject({ abandoned_cart: 1, birthday: 1 });
  const before = await occurrencesOf(t, profileId);

  // A "restarted" instance: its own pool, LISTEN connection and service, nothing carried over in memory.
  const db = Database.connect(t.database.url, 2);
  const feed = new ChangeFeed(t.database.url, quiet);
  await feed.start();
  try {
    const restarted = new TriggersService(db, feed, t.config.triggers);
    const again = await restarted.scan(now);
    expect(again.fired).toEqual([]);
    const [a, b] = await Promise.all([restarted.scan(new Date(now.getTime() + 1000)), t.app.services.triggers.scan(new Date(now.getTime() + 2000))]);
    expect([...a.fired, ...b.fired]).toEqual([]);
  } finally {
    await feed.stop();
    await db.close();
  }
  expect(await occurrencesOf(t, profileId)).toEqual(before);
});

test('the leader-only scheduled job runs the scan', async () => {
  const profileId = await birthdayToday('scheduled-birthday');
  const scheduler = new Scheduler(t.database.url, [t.app.services.triggers.scheduledJob()], quiet, 25);
  scheduler.start();
  try {
    await until(async () => (await occurrencesOf(t, profileId)).length > 0, { ...POLL, what: 'a scheduled scan' });
  } finally {
    await scheduler.stop();
  }
  expect(await occurrencesOf(t, profileId)).toHaveLength(1);
});
