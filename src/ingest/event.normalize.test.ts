import { ValidationError } from '../common';
import { orderRevenue } from './event.normalize';

/** events.revenue and profile_stats.revenue are numeric(14,2): a total is refused, not overflowed, when it rounds to 10^12 or more. */
test.each<[string, Record<string, unknown>, number | RegExp, string]>([
  ['revenue', { revenue: 42.504 }, 42.5, ''],
  ['total when no revenue', { total: '19.99' }, 19.99, ''],
  ['products price × quantity', { products: [{ price: 30, quantity: 2 }, { price: 4.5, quantity: 3 }, { price: 1.25 }] }, 74.75, ''],
  ['the largest revenue stored', { revenue: 999_999_999_999.99 }, 999_999_999_999.99, ''],
  ['a revenue that rounds up to 10^12', { revenue: 999_999_999_999.999 }, /less than 1,000,000,000,000/, 'p.revenue'],
  ['a total that rounds up to 10^12', { total: 999_999_999_999.995 }, /less than 1,000,000,000,000/, 'p.total'],
  ['products adding up to 10^12', { products: [{ price: 999_999_999_99, quantity: 11 }] }, /less than 1,000,000,000,000/, 'p.products'],
  ['a revenue of 10^12', { revenue: 1e12 }, /must be a number/, 'p.revenue'],
])('Order Completed with %s', (_, properties, expected, path) => {
  if (typeof expected === 'number') {
    expect(orderRevenue(properties, 'p')).toBe(expected);
    return;
  }
  let thrown: unknown;
  try {
    orderRevenue(properties, 'p');
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ValidationError);
  expect((thrown as ValidationError).message).toMatch(expected);
  expect((thrown as ValidationError).path).toBe(path);
});
