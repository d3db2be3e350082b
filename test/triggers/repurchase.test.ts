import { nextExpectedOrderDate } from '../../src/triggers/trigger-rules';
import { startTestApp, type TestApp } from '../support/app';
import { DAY, HOUR, ingestHistory, occurrencesOf } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRIGGER_LOOKBACK_HOURS: '48' });
});
afterAll(() => t.close());

// Noon UTC today: day arithmetic stays clear of midnight.
const today = new Date(`${new Date().toISOString().slice(0, 10)}T12:00:00Z`);
const daysAgo = (n: number, hour = 12) => new Date(today.getTime() - n * DAY + (hour - 12) * HOUR);
const order = (at: Date, revenue = 40) => ({ at, event: 'Order Completed', properties: { order_id: `o-${at.getTime()}`, revenue } });
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

test('fires once when the expected next order day has passed without an order', async () => {
  // Order days 31, 21 and 11 days ago: every 10 days, so the next was due yesterday.
  const profileId = await ingestHistory(t, 'rep-late', [order(daysAgo(31)), order(daysAgo(21, 9)), order(daysAgo(11, 20), 55)]);
  await t.app.services.triggers.scan(today);
  await t.app.services.triggers.scan(new Date(today.getTime() + HOUR));
  const [occurrence, ...more] = await occurrencesOf(t, profileId);
  expect(more).toEqual([]);
  expect(occurrence).toMatchObject({
    kind: 'repurchase',
    dedupe_key: `repurchase:${profileId}:${isoDay(daysAgo(1))}`,
    payload: {
      expectedDate: isoDay(daysAgo(1)),
      daysOverdue: 1,
      medianGapDays: 10,
      orderDays: 3,
      lastOrderAt: daysAgo(11, 20).toISOString(),
      lastOrderRevenue: 55,
      lastOrderId: `o-${daysAgo(11, 20).getTime()}`,
    },
  });
});

test('does not fire before the expected day is over', async () => {
  const profileId = await ingestHistory(t, 'rep-due-today', [order(daysAgo(30)), order(daysAgo(20)), order(daysAgo(10))]);
  await t.app.services.triggers.scan(today);
  expect(await occurrencesOf(t, profileId)).toEqual([]);
  // Tomorrow the expected day (today) has passed.
  await t.app.services.triggers.scan(new Date(today.getTime() + DAY));
  expect((await occurrencesOf(t, profileId)).map((o) => o.payload.expectedDate)).toEqual([isoDay(today)]);
});

test('does not fire when the order arrives in time, and a new order moves the expected date', async () => {
  const profileId = await ingestHistory(t, 'rep-on-time', [order(daysAgo(31)), order(daysAgo(21)), order(daysAgo(11)), order(daysAgo(2))]);
  await t.app.services.triggers.scan(today);
  expect(await occurrencesOf(t, profileId)).toEqual([]);
  // Gaps 10, 10, 9 → median 10: next expected 8 days from now; overdue from the day after.
  await t.app.services.triggers.scan(new Date(today.getTime() + 9 * DAY));
  expect((await occurrencesOf(t, profileId)).map((o) => o.payload)).toMatchObject([{ expectedDate: isoDay(daysAgo(-8)), daysOverdue: 1 }]);
});

test('needs orders on two different days', async () => {
  const single = await ingestHistory(t, 'rep-once', [order(daysAgo(40))]);
  const sameDay = await ingestHistory(t, 'rep-same-day', [order(daysAgo(40, 9)), order(daysAgo(40, 18))]);
  await t.app.services.triggers.scan(today);
  expect([...(await occurrencesOf(t, single)), ...(await occurrencesOf(t, sameDay))]).toEqual([]);
});

test('an expected date older than the lookback window is stale and does not fire', async () => {
  const profileId = await ingestHistory(t, 'rep-lapsed', [order(daysAgo(300)), order(daysAgo(290)), order(daysAgo(280))]);
  await t.app.services.triggers.scan(today);
  expect(await occurrencesOf(t, profileId)).toEqual([]);
});

test('the scan and the reference function agree on the expected date', async () => {
  const histories: Date[][] = [
    [daysAgo(60), daysAgo(57), daysAgo(40), daysAgo(33)], // gaps 3, 17, 7 → 7
    [daysAgo(19, 23), daysAgo(13, 1), daysAgo(7)], // gaps 6, 6 → 6
    [daysAgo(50), daysAgo(46), daysAgo(39), daysAgo(39, 20), daysAgo(35)], // gaps 4, 7, 4 → 4 (same-day orders count once)
    [daysAgo(23), daysAgo(18), daysAgo(10)], // gaps 5, 8 → 6.5 → 7
  ];
  for (const [i, history] of histories.entries()) {
    const expected = nextExpectedOrderDate(history)!;
    const profileId = await ingestHistory(t, `rep-agree-${i}`, history.map((at) => order(at)));
    // Scan on the day after the expected date: exactly then it fires.
    const dayAfter = new Date(`${expected.expectedDate}T00:00:00Z`).getTime() + DAY + HOUR;
    await t.app.services.triggers.scan(new Date(dayAfter - DAY));
    expect(await occurrencesOf(t, profileId)).toEqual([]);
    await t.app.services.triggers.scan(new Date(dayAfter));
    const [occurrence] = await occurrencesOf(t, profileId);
    expect(occurrence?.payload).toMatchObject({ expectedDate: expected.expectedDate, medianGapDays: expected.medianGapDays, orderDays: expected.orderDays, daysOverdue: 1 });
  }
});

test('the scheduled scan checks repurchases at most every REPURCHASE_SCAN_INTERVAL_MS (default 1 h)', async () => {
  const job = t.app.services.triggers.scheduledJob();
  await job.run();
  const profileId = await ingestHistory(t, 'rep-scheduled', [order(daysAgo(32)), order(daysAgo(22)), order(daysAgo(12))]);
  await job.run();
  expect(await occurrencesOf(t, profileId)).toEqual([]);
  // A new leader (or a restart) checks at once.
  await t.app.services.triggers.scheduledJob().run();
  expect((await occurrencesOf(t, profileId)).map((o) => o.payload.expectedDate)).toEqual([isoDay(daysAgo(2))]);
});
