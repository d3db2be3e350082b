import { expectedPurchasesOverYear, purchaseProbability } from './customer-value';

/** Hand-computed cases of the customer-value formulas (the per-buyer figures are checked end to end in test/scoring/customer-value.test.ts). */

test('a new customer (x = 0, T = 0) orders within t with probability 1 − (α/(α+t))^r', () => {
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  // 1 − (4.414 / 8.414)^0.243 = 0.145093…, by hand (Python).
  expect(purchaseProbability(params, { frequency: 0, recency: 0, T: 0 }, 4)).toBeCloseTo(1 - (4.414 / 8.414) ** 0.243, 12);
  expect(purchaseProbability(params, { frequency: 0, recency: 0, T: 0 }, 4)).toBeCloseTo(0.145093, 5);
});

test('the probability shrinks with the chance the customer is gone, and grows with the horizon', () => {
  const params = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const recent = purchaseProbability(params, { frequency: 4, recency: 30, T: 31 }, 30 / 7);
  const quiet = purchaseProbability(params, { frequency: 4, recency: 5, T: 31 }, 30 / 7);
  expect(recent).toBeGreaterThan(quiet);
  expect(purchaseProbability(params, { frequency: 4, recency: 30, T: 31 }, 52)).toBeGreaterThan(recent);
});

test('a year of expected purchases, plain and discounted quarter by quarter at the quarter end', () => {
  // E[X(t)] = t / 13: one purchase a quarter. Plain: 4. Discounted at 10%: Σ 1 / 1.1^(k/4), k = 1..4.
  const year = expectedPurchasesOverYear((weeks) => weeks / 13, 0.1);
  expect(year.plain).toBe(4);
  expect(year.discounted).toBeCloseTo(1 / 1.1 ** 0.25 + 1 / 1.1 ** 0.5 + 1 / 1.1 ** 0.75 + 1 / 1.1, 12);
  expect(expectedPurchasesOverYear((weeks) => weeks / 13, 0).discounted).toBeCloseTo(4, 12);
});
