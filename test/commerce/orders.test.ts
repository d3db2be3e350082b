import { applyOrderEvent, EMPTY_ORDER, counts, grossOf, netOf, type OrderAction, type OrderState } from '../../src/commerce';
import { recomputeProfileStats } from '../../src/profiles/profile-merge.sql';
import { ensureBuiltInSegments } from '../../src/scoring/built-in-segments';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import type { EventInput } from '../generated/graphql';

/**
 * Orders follow the Segment e-commerce spec: identified by order_id, updated, refunded
 * and cancelled; the counters (orders, gross, refunds, net revenue) follow, on a real
 * PostgreSQL through the GraphQL ingest mutation.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const STATS = `query($v: String!) { profileByIdentity(kind: USER_ID, value: $v) { stats { orders revenue grossRevenue refunds avgOrderValue lifecycle firstOrderAt lastOrderAt } } }`;
const statsOf = async (userId: string) => (await ok(t, STATS, { v: userId })).profileByIdentity.stats;

const order = (userId: string, event: string, properties: Record<string, unknown>, timestamp: string): EventInput => ({ type: 'TRACK', userId, event, properties, timestamp });

test('the same order completed twice (new messageIds) counts once; Order Updated changes its amount', async () => {
  await ingest(t, [order('o-ada', 'Order Completed', { order_id: 'A-1', revenue: 100 }, '2026-11-01T10:00:00Z')]);
  await ingest(t, [order('o-ada', 'Order Completed', { order_id: 'A-1', revenue: 100 }, '2026-11-01T10:00:05Z')]);
  expect(await statsOf('o-ada')).toMatchObject({ orders: 1, revenue: 100, grossRevenue: 100, refunds: 0 });

  await ingest(t, [order('o-ada', 'Order Updated', { order_id: 'A-1', products: [{ product_id: 'p', price: 40, quantity: 3 }] }, '2026-11-01T11:00:00Z')]);
  expect(await statsOf('o-ada')).toMatchObject({ orders: 1, revenue: 120, grossRevenue: 120 });
  // An older update arriving late does not win over the newer one.
  await ingest(t, [order('o-ada', 'Order Updated', { order_id: 'A-1', revenue: 5 }, '2026-11-01T10:30:00Z')]);
  expect(await statsOf('o-ada')).toMatchObject({ orders: 1, revenue: 120 });
  const { rows } = await t.db.query(`select gross::float, net::float, products from orders where order_id = 'A-1'`);
  expect(rows).toEqual([{ gross: 120, net: 120, products: [{ product_id: 'p', price: 40, quantity: 3 }] }]);
});

test('partial and full refunds reduce net revenue; a cancellation also removes the order', async () => {
  await ingest(t, [
    order('o-bob', 'Order Completed', { order_id: 'B-1', revenue: 80 }, '2026-11-02T10:00:00Z'),
    order('o-bob', 'Order Completed', { order_id: 'B-2', revenue: 50 }, '2026-11-03T10:00:00Z'),
    order('o-bob', 'Order Completed', { order_id: 'B-3', revenue: 30 }, '2026-11-04T10:00:00Z'),
  ]);
  await ingest(t, [order('o-bob', 'Order Refunded', { order_id: 'B-1', products: [{ product_id: 'x', price: 10, quantity: 2 }] }, '2026-11-05T10:00:00Z')]);
  expect(await statsOf('o-bob')).toMatchObject({ orders: 3, grossRevenue: 160, refunds: 20, revenue: 140 });
  await ingest(t, [order('o-bob', 'Order Refunded', { order_id: 'B-2' }, '2026-11-05T11:00:00Z')]);
  expect(await statsOf('o-bob')).toMatchObject({ orders: 3, grossRevenue: 160, refunds: 70, revenue: 90 });
  // A refund never takes an order below zero.
  await ingest(t, [order('o-bob', 'Order Refunded', { order_id: 'B-1', total: 500 }, '2026-11-05T12:00:00Z')]);
  expect(await statsOf('o-bob')).toMatchObject({ grossRevenue: 160, refunds: 130, revenue: 30 });
  await ingest(t, [order('o-bob', 'Order Cancelled', { order_id: 'B-3' }, '2026-11-06T10:00:00Z')]);
  const bob = await statsOf('o-bob');
  expect(bob).toMatchObject({ orders: 2, grossRevenue: 130, refunds: 130, revenue: 0, avgOrderValue: 0 });
  // The last order placed that still counts.
  expect(bob.lastOrderAt).toBe('2026-11-04T10:00:00.000Z');
});

test('a refund of an order the history does not hold is attributed to the buyer', async () => {
  await ingest(t, [order('o-cy', 'Order Completed', { order_id: 'C-1', revenue: 60 }, '2026-11-02T10:00:00Z')]);
  await ingest(t, [order('o-cy', 'Order Refunded', { order_id: 'C-0', revenue: -15 }, '2026-11-03T10:00:00Z')]);
  await ingest(t, [order('o-cy', 'Order Refunded', { total: 5 }, '2026-11-03T11:00:00Z')]);
  expect(await statsOf('o-cy')).toMatchObject({ orders: 1, grossRevenue: 60, refunds: 20, revenue: 40 });
});

test.each<[string, EventInput, string, RegExp]>([
  ['a negative revenue', order('o-bad', 'Order Completed', { order_id: 'X', revenue: -10 }, '2026-11-01T00:00:00Z'), 'events[0].properties.revenue', /must not be negative/],
  ['a negative price', order('o-bad', 'Order Completed', { products: [{ price: -3 }] }, '2026-11-01T00:00:00Z'), 'events[0].properties.products[0].price', /must not be negative/],
  ['a cancellation without order_id', order('o-bad', 'Order Cancelled', {}, '2026-11-01T00:00:00Z'), 'events[0].properties.order_id', /must name its order/],
  ['a refund naming neither order nor amount', order('o-bad', 'Order Refunded', {}, '2026-11-01T00:00:00Z'), 'events[0].properties.order_id', /needs an order_id/],
])('%s is refused as bad input and stores nothing', async (_, event, path, message) => {
  const res = await t.gql(`mutation($events: [EventInput!]!) { ingest(events: $events) { accepted } }`, { events: [event] });
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(JSON.stringify(res.errors)).toContain(path);
  expect(res.errors?.[0].message).toMatch(message);
  const { rows } = await t.db.query(`select count(*)::int as n from identities where value = 'o-bad'`);
  expect(rows[0].n).toBe(0);
});

test('lifecycle moves on ingest: registered → prospect, first order → new, an order after a lapse → reactivated', async () => {
  await ingest(t, [{ type: 'IDENTIFY', userId: 'o-dee', traits: { email: 'dee@example.test' } }]);
  expect((await statsOf('o-dee')).lifecycle).toBe('prospect');
  // Anonymous visitors get no stage.
  await ingest(t, [{ type: 'PAGE', anonymousId: 'o-anon', name: 'Home' }]);
  const { rows } = await t.db.query(`select s.lifecycle from profile_stats s join identities i on i.profile_id = s.profile_id where i.value = 'o-anon'`);
  expect(rows).toEqual([{ lifecycle: null }]);

  const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();
  await ingest(t, [order('o-dee', 'Order Completed', { order_id: 'D-1', revenue: 10 }, daysAgo(400))]);
  // A first order 400 days ago: the rule as of now says churned, and ingest says so at once.
  expect((await statsOf('o-dee')).lifecycle).toBe('churned');
  await ingest(t, [order('o-dee', 'Order Completed', { order_id: 'D-2', revenue: 10 }, daysAgo(1))]);
  expect((await statsOf('o-dee')).lifecycle).toBe('reactivated');
  await ingest(t, [order('o-eve', 'Order Completed', { order_id: 'E-1', revenue: 10 }, daysAgo(0))]);
  expect((await statsOf('o-eve')).lifecycle).toBe('new');
});

/**
 * Random order histories: the ingest counters equal the pure ledger folded in TypeScript,
 * and a recount from the stored events (recomputeProfileStats, which sums the stored
 * effects; the benchmark's checks use it) agrees with them.
 */
test('counters equal the ledger folded independently, and a recompute from events agrees', async () => {
  const random = mulberry32(1307);
  const randomInt = (n: number) => Math.floor(random() * n);
  const buyers = ['r-1', 'r-2', 'r-3', 'r-4'];
  const expected = new Map<string, Map<string, OrderState>>(buyers.map((b) => [b, new Map()]));
  const loose = new Map<string, { net: number; gross: number; orders: number }>(buyers.map((b) => [b, { net: 0, gross: 0, orders: 0 }]));
  for (let batch = 0; batch < 12; batch++) {
    const events: EventInput[] = [];
    for (let i = 0; i < 8; i++) {
      const userId = buyers[randomInt(buyers.length)];
      const orderId = `R-${randomInt(6)}`;
      const at = new Date(Date.UTC(2026, 9, 1) + randomInt(30) * 86_400_000 + batch * 1000 + i);
      const kind = random() < 0.45 ? 'Order Completed' : random() < 0.4 ? 'Order Updated' : random() < 0.7 ? 'Order Refunded' : 'Order Cancelled';
      const amount = Math.round(random() * 10_000) / 100;
      const noId = kind === 'Order Completed' && random() < 0.1;
      const properties: Record<string, unknown> = noId ? { revenue: amount } : { order_id: orderId };
      if (kind === 'Order Completed' || kind === 'Order Updated') properties.revenue = amount;
      if (kind === 'Order Refunded' && random() < 0.6) properties.total = amount / 4;
      events.push(order(userId, kind, properties, at.toISOString()));
      const action: OrderAction = {
        kind: ({ 'Order Completed': 'completed', 'Order Updated': 'updated', 'Order Refunded': 'refunded', 'Order Cancelled': 'cancelled' } as const)[kind],
        orderId: noId ? null : orderId,
        amountCents: kind === 'Order Cancelled' || (kind === 'Order Refunded' && properties.total === undefined) ? null : Math.round(Number(properties.total ?? properties.revenue) * 100),
      };
      if (action.orderId === null) {
        const l = loose.get(userId)!;
        l.net += action.amountCents!;
        l.gross += action.amountCents!;
        l.orders += 1;
      } else {
        const states = expected.get(userId)!;
        states.set(orderId, applyOrderEvent(states.get(orderId) ?? EMPTY_ORDER, action, at).order);
      }
    }
    await ingest(t, events);
  }
  const { rows } = await t.db.query(`
    select i.value as user_id, s.orders, s.revenue::float as net, s.gross_revenue::float as gross, s.refunds::float as refunds
      from profile_stats s join identities i on i.profile_id = s.profile_id and i.kind = 'user_id' where i.value like 'r-%' order by 1`);
  const want = buyers.map((b) => {
    const states = [...expected.get(b)!.values()];
    const l = loose.get(b)!;
    const net = (states.reduce((s, o) => s + netOf(o), 0) + l.net) / 100;
    const gross = (states.reduce((s, o) => s + grossOf(o), 0) + l.gross) / 100;
    return { user_id: b, orders: states.filter(counts).length + l.orders, net, gross, refunds: Math.round((gross - net) * 100) / 100 };
  });
  expect(rows).toEqual(want);

  const before = await t.db.query(`select profile_id, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at from profile_stats order by 1`);
  await recomputeProfileStats(t.db, before.rows.map((r) => r.profile_id));
  const after = await t.db.query(`select profile_id, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at from profile_stats order by 1`);
  expect(after.rows).toEqual(before.rows);
});

test('real-time lifecycle segments follow the stage ingest sets, without a scoring run', async () => {
  await ensureBuiltInSegments(t.app.services);
  const membersOf = async (key: string) =>
    (await t.db.query(`select i.value from memberships m join segments s on s.id = m.segment_id join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
                        where s.key = $1 and i.value like 'o-rt-%' order by 1`, [key])).rows.map((r) => r.value);
  await ingest(t, [{ type: 'IDENTIFY', userId: 'o-rt-1', traits: { plan: 'free' } }]);
  expect(await membersOf('lifecycle-prospect')).toEqual(['o-rt-1']);
  await ingest(t, [order('o-rt-1', 'Order Completed', { order_id: 'RT-1', revenue: 20 }, new Date().toISOString())]);
  expect(await membersOf('lifecycle-prospect')).toEqual([]);
  expect(await membersOf('lifecycle-new')).toEqual(['o-rt-1']);
});

test('a merge moves the merged profile’s orders: later refunds find them under the survivor', async () => {
  await ingest(t, [{ type: 'TRACK', anonymousId: 'o-anon-mia', event: 'Order Completed', properties: { order_id: 'M-1', revenue: 30 }, timestamp: '2026-11-10T10:00:00Z' }]);
  await ingest(t, [order('o-mia', 'Order Completed', { order_id: 'M-2', revenue: 20 }, '2026-11-11T10:00:00Z')]);
  await ingest(t, [{ type: 'IDENTIFY', userId: 'o-mia', anonymousId: 'o-anon-mia' }]);
  expect(await statsOf('o-mia')).toMatchObject({ orders: 2, revenue: 50, grossRevenue: 50 });
  const { rows } = await t.db.query(
    `select o.order_id from orders o join identities i on i.profile_id = o.profile_id and i.kind = 'user_id' where i.value = 'o-mia' order by 1`,
  );
  expect(rows.map((r) => r.order_id)).toEqual(['M-1', 'M-2']);
  await ingest(t, [order('o-mia', 'Order Refunded', { order_id: 'M-1' }, '2026-11-12T10:00:00Z')]);
  expect(await statsOf('o-mia')).toMatchObject({ orders: 2, revenue: 20, grossRevenue: 50, refunds: 30 });
});
