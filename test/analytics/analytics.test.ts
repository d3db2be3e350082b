import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, type EventInput } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let n = 0;
/** Ingests the events, each under a new messageId. */
const ingestNumbered = (events: EventInput[]) => ingest(t, events.map((e) => ({ messageId: `an-${++n}`, ...e })));
const order = (userId: string, revenue: number): EventInput => ({ type: 'TRACK', userId, event: 'Order Completed', properties: { revenue } });

test('segmentStats reports size, entries, exits, orders during membership, conversion and AOV per day', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'gold', name: 'Gold', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  await ingestNumbered(['g1', 'g2', 'g3'].map((u) => ({ type: 'IDENTIFY', userId: u, traits: { tier: 'gold' } })));
  await ingestNumbered([order('g1', 10), order('g1', 30), order('g2', 25), order('g2', 15), order('outsider', 999)]);
  await ingestNumbered([{ type: 'IDENTIFY', userId: 'g3', traits: { tier: 'silver' } }]);

  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  const from = new Date(today.getTime() - 2 * 86400_000);
  const to = new Date(today.getTime() + 86400_000);
  const res = await t.gql(`query($from: DateTimeISO!, $to: DateTimeISO!) {
    segmentStats(segment: "gold", from: $from, to: $to, interval: DAY) { start size entered exited members orders revenue buyers conversionRate averageOrderValue }
  }`, { from: from.toISOString(), to: to.toISOString() });
  expect(res.errors).toBeUndefined();
  const series = res.data!.segmentStats;
  expect(series).toHaveLength(3);
  expect(series[0]).toMatchObject({ size: 0, entered: 0, members: 0, orders: 0, conversionRate: 0, averageOrderValue: null });
  expect(series[2]).toEqual({
    start: today.toISOString(), size: 2, entered: 3, exited: 1, members: 3, orders: 4, revenue: 80, buyers: 2,
    conversionRate: 2 / 3, averageOrderValue: 20,
  });

  // The same figures from an independent formulation.
  const check = await t.db.query(`
    select count(*) filter (where c.kind = 'ENTERED')::int - count(*) filter (where c.kind = 'EXITED')::int as size
      from membership_changes c join segments s on s.id = c.segment_id where s.key = 'gold'`);
  expect(check.rows[0].size).toBe(2);
});

test('segmentOverlap counts profiles in both segments, and bad ranges are refused', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
  const res = await t.gql(`{ segmentOverlap(segments: ["gold", "buyers"]) { keyA keyB count } }`);
  expect(res.errors).toBeUndefined();
  const byPair = Object.fromEntries(res.data!.segmentOverlap.map((o: { keyA: string; keyB: string; count: number }) => [[o.keyA, o.keyB].sort().join('&'), o.count]));
  expect(byPair).toEqual({ 'gold&gold': 2, 'buyers&buyers': 3, 'buyers&gold': 2 });

  const bad = await t.gql(`{ segmentStats(segment: "gold", from: "2020-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", interval: DAY) { size } }`);
  expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const missing = await t.gql(`{ segmentStats(segment: "nope", from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z") { size } }`);
  expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
});

test('rfmGrid sums buyers and revenue per recency × frequency cell', async () => {
  await t.db.query(`update profile_stats set rfm_r = 5, rfm_f = case when orders > 1 then 4 else 1 end, rfm_segment = 'X' where orders > 0`);
  const res = await t.gql(`{ rfmGrid { recency frequency count revenue segment } }`);
  expect(res.errors).toBeUndefined();
  const expected = await t.db.query(`select rfm_r, rfm_f, count(*)::int n, sum(revenue)::float r from profile_stats where rfm_r is not null group by 1, 2 order by 2 desc`);
  expect(res.data!.rfmGrid).toEqual(expected.rows.map((r) => ({ recency: r.rfm_r, frequency: r.rfm_f, count: r.n, revenue: r.r, segment: 'X' })));
});
