import { ValidationError } from '../common';
import { orderCents, parseOrderAction } from './order-events';

/** events.revenue and profile_stats.revenue are numeric(14,2): a total is refused, not overflowed, when it rounds to 10^12 or more. */
test.each<[string, Record<string, unknown>, number | RegExp, string]>([
  ['revenue', { revenue: 42.504 }, 4250, ''],
  ['total when no revenue', { total: '19.99' }, 1999, ''],
  ['products price × quantity', { products: [{ price: 30, quantity: 2 }, { price: 4.5, quantity: 3 }, { price: 1.25 }] }, 7475, ''],
  ['the largest revenue stored', { revenue: 999_999_999_999.99 }, 99_999_999_999_999, ''],
  ['a revenue that rounds up to 10^12', { revenue: 999_999_999_999.999 }, /less than 1,000,000,000,000/, 'p.revenue'],
  ['a total that rounds up to 10^12', { total: 999_999_999_999.995 }, /less than 1,000,000,000,000/, 'p.total'],
  ['products adding up to 10^12', { products: [{ price: 999_999_999_99, quantity: 11 }] }, /less than 1,000,000,000,000/, 'p.products'],
  ['a revenue of 10^12', { revenue: 1e12 }, /must be a number/, 'p.revenue'],
  ['a negative revenue', { revenue: -5 }, /must not be negative/, 'p.revenue'],
  ['a negative quantity', { products: [{ price: 5, quantity: -1 }] }, /must not be negative/, 'p.products[0].quantity'],
])('an order amount with %s', (_, properties, expected, path) => {
  if (typeof expected === 'number') {
    expect(orderCents(properties, 'p')).toBe(expected);
    return;
  }
  let thrown: unknown;
  try {
    orderCents(properties, 'p');
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).message).toMatch(expected);
  expect((thrown as ValidationError).path).toBe(path);
});

test('order events say what they do to their order; other events are not orders', () => {
  expect(parseOrderAction('Product Viewed', { order_id: 'x' }, 'p')).toBeNull();
  expect(parseOrderAction(null, {}, 'p')).toBeNull();
  expect(parseOrderAction('Order Completed', { order_id: 42, revenue: 10 }, 'p')).toEqual({ kind: 'completed', orderId: '42', amountCents: 1000 });
  expect(parseOrderAction('Order Completed', { order_id: '  ', revenue: 10 }, 'p')).toEqual({ kind: 'completed', orderId: null, amountCents: 1000 });
  expect(parseOrderAction('Order Updated', { order_id: 'a', total: 3 }, 'p')).toEqual({ kind: 'updated', orderId: 'a', amountCents: 300 });
  // Refunds: the magnitude of what is given (senders write them either way), none = the whole order.
  expect(parseOrderAction('Order Refunded', { order_id: 'a', total: -7.5 }, 'p')).toEqual({ kind: 'refunded', orderId: 'a', amountCents: 750 });
  expect(parseOrderAction('Order Refunded', { order_id: 'a', products: [{ price: 2, quantity: 3 }] }, 'p')).toEqual({ kind: 'refunded', orderId: 'a', amountCents: 600 });
  expect(parseOrderAction('Order Refunded', { order_id: 'a' }, 'p')).toEqual({ kind: 'refunded', orderId: 'a', amountCents: null });
  expect(parseOrderAction('Order Refunded', { revenue: 4 }, 'p')).toEqual({ kind: 'refunded', orderId: null, amountCents: 400 });
  expect(parseOrderAction('Order Cancelled', { order_id: 'a', revenue: 4 }, 'p')).toEqual({ kind: 'cancelled', orderId: 'a', amountCents: null });
  expect(() => parseOrderAction('Order Updated', { revenue: 4 }, 'p')).toThrow(/must name its order/);
  expect(() => parseOrderAction('Order Completed', { order_id: { id: 1 } }, 'p')).toThrow(/must be a string/);
  expect(() => parseOrderAction('Order Completed', { order_id: 'x'.repeat(201) }, 'p')).toThrow(/at most 200/);
});
