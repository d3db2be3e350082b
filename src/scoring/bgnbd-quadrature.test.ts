import { expectedPurchases, probabilityAlive, type BgNbdParams, type BuyerSummary } from './bgnbd';
import { SERIES_LIMIT, expectedPurchasesIfAliveByQuadrature, expectedPurchasesRobust } from './bgnbd-quadrature';

/** CDNOW fit of Fader, Hardie & Lee (2005), and a few other regimes. */
const PARAMS: Record<string, BgNbdParams> = {
  cdnow: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  smallA: { r: 1.2, alpha: 2, a: 0.2, b: 0.7 },
  moderate: { r: 0.5, alpha: 5, a: 12, b: 40 },
  largeA: { r: 0.8, alpha: 3, a: 60, b: 150 },
};
const BUYERS: BuyerSummary[] = [
  { frequency: 0, recency: 0, T: 0 },
  { frequency: 0, recency: 0, T: 30 },
  { frequency: 2, recency: 30.43, T: 38.86 },
  { frequency: 7, recency: 35, T: 39 },
  { frequency: 3, recency: 2, T: 60 },
  { frequency: 25, recency: 50, T: 52 },
];
const WEEKS = [1, 90 / 7, 39];

const ifAlive = (p: BgNbdParams, buyer: BuyerSummary, t: number) => expectedPurchases(p, buyer, t) / probabilityAlive(p, buyer);

describe.each(Object.entries(PARAMS))('quadrature agrees with the series (%s)', (_name, params) => {
  test.each(BUYERS.flatMap((buyer) => WEEKS.map((t) => [buyer, t] as const)))('%j over %d weeks', (buyer, t) => {
    const series = ifAlive(params, buyer, t);
    expect(Math.abs(expectedPurchasesIfAliveByQuadrature(params, buyer, t) - series)).toBeLessThan(1e-10 * Math.max(1, series));
  });
});

test('where a·z is large the robust version uses quadrature, and stays fast and finite', () => {
  const huge: BgNbdParams = { r: 0.32, alpha: 1.32, a: 3.5e6, b: 1.8e7 };
  const buyer = { frequency: 3, recency: 20, T: 40 };
  const t = 90 / 7;
  expect((huge.a * t) / (huge.alpha + buyer.T + t)).toBeGreaterThan(SERIES_LIMIT);
  const started = Date.now();
  const value = expectedPurchasesRobust(huge, buyer, t);
  expect(Date.now() - started).toBeLessThan(50);
  // With a, b → ∞ the drop-out probability is all but fixed at a/(a+b+x): E = g(p̄) · P(alive).
  const p = huge.a / (huge.a + huge.b + buyer.frequency);
  const limit = (1 - (1 + (p * t) / (huge.alpha + buyer.T)) ** -(huge.r + buyer.frequency)) / p;
  expect(value / probabilityAlive(huge, buyer)).toBeCloseTo(limit, 5);
});

test('the robust version is the series where a·z is small', () => {
  const buyer = { frequency: 2, recency: 10, T: 20 };
  expect(expectedPurchasesRobust(PARAMS.cdnow, buyer, 13)).toBe(expectedPurchases(PARAMS.cdnow, buyer, 13));
  expect(expectedPurchasesRobust(PARAMS.cdnow, buyer, 0)).toBe(0);
});
