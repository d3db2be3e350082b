import { applyOrderEvent, EMPTY_ORDER, type OrderAction, type OrderEffect, type OrderState } from './order-ledger';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));

/** Folds actions in order; returns the final state and every effect. */
function fold(actions: [OrderAction['kind'], number | null, number][]): { order: OrderState; effects: OrderEffect[] } {
  let order = EMPTY_ORDER;
  const effects: OrderEffect[] = [];
  for (const [kind, amountCents, day] of actions) {
    const step = applyOrderEvent(order, { kind, orderId: 'o', amountCents }, at(day));
    order = step.order;
    effects.push(step.effect);
  }
  return { order, effects };
}

test('a completion counts one order; repeating it changes nothing; an update moves gross and net by the difference', () => {
  const { effects } = fold([['completed', 1000, 1], ['completed', 1000, 2], ['updated', 1500, 3]]);
  expect(effects).toEqual([
    { netCents: 1000, grossCents: 1000, orders: 1 },
    { netCents: 0, grossCents: 0, orders: 0 },
    { netCents: 500, grossCents: 500, orders: 0 },
  ]);
});

test('a revision older than the one the order holds is ignored', () => {
  const { order, effects } = fold([['completed', 1000, 5], ['updated', 200, 3]]);
  expect(order.grossCents).toBe(1000);
  expect(effects[1]).toEqual({ netCents: 0, grossCents: 0, orders: 0 });
});

test('partial refunds reduce net down to zero, never below; the order still counts', () => {
  const { order, effects } = fold([['completed', 1000, 1], ['refunded', 300, 2], ['refunded', 900, 3]]);
  expect(effects.slice(1)).toEqual([{ netCents: -300, grossCents: 0, orders: 0 }, { netCents: -700, grossCents: 0, orders: 0 }]);
  expect(order.refundedCents).toBe(1200);
});

test('a full refund zeroes net; a cancellation zeroes net and gross and uncounts the order', () => {
  expect(fold([['completed', 1000, 1], ['refunded', null, 2]]).effects[1]).toEqual({ netCents: -1000, grossCents: 0, orders: 0 });
  expect(fold([['completed', 1000, 1], ['refunded', 400, 2], ['cancelled', null, 3]]).effects[2]).toEqual({ netCents: -600, grossCents: -1000, orders: -1 });
});

test('a refund before its order is known is the buyer’s; the completion arriving later nets against it', () => {
  const { effects } = fold([['refunded', 250, 1], ['completed', 1000, 0]]);
  expect(effects).toEqual([{ netCents: -250, grossCents: 0, orders: 0 }, { netCents: 1000, grossCents: 1000, orders: 1 }]);
});

test('effects always add up to the final state', () => {
  const { order, effects } = fold([['updated', 500, 1], ['refunded', 100, 2], ['completed', 800, 3], ['refunded', null, 4], ['updated', 900, 5]]);
  const sum = effects.reduce((s, e) => ({ net: s.net + e.netCents, gross: s.gross + e.grossCents, orders: s.orders + e.orders }), { net: 0, gross: 0, orders: 0 });
  expect(sum).toEqual({ net: 0, gross: order.grossCents, orders: 1 });
});
