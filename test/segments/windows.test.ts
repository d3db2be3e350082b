import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { memberUserIds } from '../support/segments';
import { CreateSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * Windows in minutes, hours and days (issue 15 §2): membership equals a hand-written SQL
 * over the events as of the app clock, when created, in real time as events arrive, and
 * after the clock moves on and the expiry worker has evaluated the due timers.
 */
let t: TestApp;
let now = Date.now();
const MINUTE = 60_000;
beforeAll(async () => {
  t = await startTestApp({}, { clock: { now: () => new Date(now) } });
});
afterAll(() => t.close());

const view = (user: string, minutesAgo: number, i: number): EventInput => ({
  type: 'TRACK', messageId: `win-${user}-${i}-${minutesAgo}`, userId: user, event: 'Product Viewed',
  properties: { product_id: `p${i}` }, timestamp: new Date(now - minutesAgo * MINUTE).toISOString(),
});

/** [key, window, hand-written interval]: viewed at least 3 products within it. */
const SEGMENTS: [string, Record<string, number>, string][] = [
  ['win-30m', { lastMinutes: 30 }, '30 minutes'],
  ['win-60m', { lastMinutes: 60 }, '60 minutes'],
  ['win-2h', { lastHours: 2 }, '2 hours'],
  ['win-2d', { lastDays: 2 }, '2 days'],
];

const members = (key: string) => memberUserIds(t, key);

async function byHand(interval: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select i.value from events e join identities i on i.profile_id = e.profile_id and i.kind = 'user_id'
      where e.name = 'Product Viewed' and i.value like 'win-%' and e.occurred_at >= $1::timestamptz - $2::interval and e.occurred_at <= $1::timestamptz
      group by i.value having count(*) >= 3 order by 1`, [new Date(now), interval]);
  return rows.map((r) => r.value);
}

async function expectAllAgree(): Promise<void> {
  for (const [key, , interval] of SEGMENTS) expect({ key, members: await members(key) }).toEqual({ key, members: await byHand(interval) });
}

test('members equal the events within each window, as created, in real time, and as time passes', async () => {
  const history: [string, number[]][] = [
    ['win-a', [5, 10, 20]], ['win-b', [20, 40, 50]], ['win-c', [70, 80, 100]], ['win-d', [3, 4]], ['win-e', [60 * 25, 60 * 26, 60 * 27]],
  ];
  await ingest(t, history.flatMap(([user, ages]) => ages.map((age, i) => view(user, age, i))));
  for (const [key, within] of SEGMENTS) {
    const created = await ok(t, CreateSegmentDocument, { input: { key, name: key, definition: { event: { name: 'Product Viewed', within, op: 'gte', value: 3 } } } });
    expect(created.createSegment.timeSensitive).toBe(true);
  }
  expect(await members('win-30m')).toEqual(['win-a']);
  expect(await members('win-2h')).toEqual(['win-a', 'win-b', 'win-c']);
  expect(await members('win-2d')).toEqual(['win-a', 'win-b', 'win-c', 'win-e']);
  await expectAllAgree();

  // A third view now: win-d enters the 30-minute window at once, without a recompute.
  await ingest(t, [view('win-d', 0, 9)]);
  expect(await members('win-30m')).toEqual(['win-a', 'win-d']);
  await expectAllAgree();

  // 15 minutes later win-a's 20-minute-old view has aged out of the 30-minute window; 50 minutes later only win-d has 3 views in the hour.
  for (const minutes of [15, 35]) {
    now += minutes * MINUTE;
    await t.app.services.expiry.runDue();
    await expectAllAgree();
  }
  expect(await members('win-30m')).toEqual([]);
  expect(await members('win-60m')).toEqual(['win-d']);
});
