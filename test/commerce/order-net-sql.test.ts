import { EMPTY_ORDER, netOf, orderNetRevenueSql, type OrderState } from '../../src/commerce';
import { startTestApp, type TestApp } from '../support/app';
import { mulberry32 } from '../support/random';

/** Net revenue has two writings, netOf for the ledger and orderNetRevenueSql for set-based sums: they must agree on every kind of order. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

test('orderNetRevenueSql gives what netOf gives, over completed, refunded, fully refunded, cancelled and never-completed orders', async () => {
  const rnd = mulberry32(77);
  const states: OrderState[] = Array.from({ length: 200 }, (_, i) => ({
    ...EMPTY_ORDER,
    grossCents: Math.floor(rnd() * 50_000),
    refundedCents: i % 3 ? Math.floor(rnd() * 60_000) : 0,
    fullyRefunded: i % 11 === 0,
    cancelled: i % 13 === 0,
    completedAt: i % 7 === 0 ? null : new Date(1_700_000_000_000 + i * 1000),
  }));
  const { rows } = await t.db.query<{ net: string }>(
    `select (${orderNetRevenueSql('o')}) as net
       from jsonb_to_recordset($1::jsonb) as o(n int, gross numeric, refunded numeric, fully_refunded boolean, cancelled boolean, completed_at timestamptz)
      order by o.n`,
    [JSON.stringify(states.map((s, n) => ({ n, gross: s.grossCents / 100, refunded: s.refundedCents / 100, fully_refunded: s.fullyRefunded, cancelled: s.cancelled, completed_at: s.completedAt })))],
  );
  expect(rows.map((r) => Math.round(Number(r.net) * 100))).toEqual(states.map((s) => netOf(s) + 0)); // + 0: netOf of an order with no refund and no completion is -0
  // Every branch was exercised.
  expect(new Set(states.map((s) => (s.cancelled || s.fullyRefunded ? 'none' : s.completedAt === null ? 'refund only' : s.refundedCents > s.grossCents ? 'floored' : 'net'))).size).toBe(4);
});
