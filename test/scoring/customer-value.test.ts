import { probabilityAlive, type BgNbdParams } from '../../src/scoring/bgnbd';
import { expectedPurchasesRobust as expectedPurchases } from '../../src/scoring/bgnbd-quadrature';
import { expectedAverageValue, fitGammaGamma } from '../../src/scoring/gamma-gamma';
import { summarizePurchases, summarizeSpend, type ValuedPurchase } from '../../src/scoring/purchase-summary';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { RunScoringDocument } from '../generated/graphql';
import { generateBuyers } from './generate-buyers';

/**
 * Customer value in the scoring job (issue 17 §1): the Gamma-Gamma fit on the buyers' repeat
 * spend, and per buyer the expected average order value, P(an order in 30 days), expected
 * orders and CLV over 52 weeks (plain and discounted), each recomputed here from the events
 * with the pure functions and the formulas written out.
 */
const ANCHOR = new Date('2026-06-01T12:00:00Z');
const WEEK = 7;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await generateBuyers(t.db, ANCHOR, { buyers: 300, visitors: 20 });
});
afterAll(() => t.close());

interface Stored {
  profile_id: string;
  expected_avg_order_value: number | null;
  purchase_probability_30d: number | null;
  expected_orders_52w: number | null;
  clv_52w: number | null;
  clv_52w_discounted: number | null;
}

test('the job fits spend and writes expected order value, 30-day purchase probability and 52-week CLV, as computed here', async () => {
  await ok(t, RunScoringDocument, { asOf: ANCHOR.toISOString() });
  const { valueModel } = await ok(t, `{ valueModel { purchases { r alpha a b } spend { p q gamma populationMean logLikelihood sampleSize converged asOf } } }`);
  expect(valueModel.spend).toMatchObject({ converged: true, asOf: ANCHOR.toISOString() });

  // Orders as of the anchor, per buyer, from the events (each event is an order; a NULL revenue is worth 0).
  const { rows: orders } = await t.db.query<{ profile_id: string; occurred_at: Date; revenue: string | null }>(
    `select e.profile_id::text, e.occurred_at, e.revenue from events e join profiles p on p.id = e.profile_id and p.merged_into is null
      where e.name = 'Order Completed' and e.occurred_at <= $1`, [ANCHOR]);
  const byBuyer = new Map<string, ValuedPurchase[]>();
  for (const o of orders) byBuyer.set(o.profile_id, [...(byBuyer.get(o.profile_id) ?? []), { at: o.occurred_at, value: Number(o.revenue ?? 0) }]);
  const spend = new Map([...byBuyer].map(([id, list]) => [id, summarizeSpend(list, ANCHOR)]));

  // The same fit from the same spend: the SQL's m_x is summarizeSpend's.
  const fit = fitGammaGamma([...spend.values()]);
  expect(valueModel.spend.sampleSize).toBe(fit.sampleSize);
  for (const key of ['p', 'q', 'gamma'] as const) expect(valueModel.spend[key] / fit.params[key]).toBeCloseTo(1, 6);
  expect(valueModel.spend.populationMean).toBeCloseTo((valueModel.spend.p * valueModel.spend.gamma) / (valueModel.spend.q - 1), 8);

  const bgnbd: BgNbdParams = valueModel.purchases;
  const gg = { p: valueModel.spend.p, q: valueModel.spend.q, gamma: valueModel.spend.gamma };
  const { rows: stored } = await t.db.query<Stored>(
    `select profile_id::text, expected_avg_order_value, purchase_probability_30d, expected_orders_52w, clv_52w, clv_52w_discounted
       from profile_stats where rfm_segment is not null`);
  expect(stored.length).toBe(byBuyer.size);
  for (const s of stored) {
    const history = summarizePurchases(byBuyer.get(s.profile_id)!.map((o) => o.at), ANCHOR);
    const aov = expectedAverageValue(gg, spend.get(s.profile_id)!);
    // E[X(t)] is BG/NBD eq. 10 (with its quadrature where the series is slow; both checked in src/scoring).
    // P(≥ 1 order in t) = P(alive) · (1 − ((α+T)/(α+T+t))^(r+x)).
    const t30 = 30 / WEEK;
    const quiet = ((bgnbd.alpha + history.T) / (bgnbd.alpha + history.T + t30)) ** (bgnbd.r + history.frequency);
    const orders52 = expectedPurchases(bgnbd, history, 52);
    const byQuarter = [13, 26, 39, 52].map((w) => expectedPurchases(bgnbd, history, w));
    const discounted = byQuarter.reduce((sum, cumulative, i) => sum + (cumulative - (i ? byQuarter[i - 1] : 0)) / 1.1 ** ((i + 1) / 4), 0);
    expect(s.expected_avg_order_value!).toBeCloseTo(aov, 6);
    expect(s.purchase_probability_30d!).toBeCloseTo(probabilityAlive(bgnbd, history) * (1 - quiet), 10);
    expect(s.expected_orders_52w!).toBeCloseTo(orders52, 8);
    expect(s.clv_52w!).toBeCloseTo(orders52 * aov, 4);
    expect(s.clv_52w_discounted!).toBeCloseTo(discounted * aov, 4);
    expect(s.clv_52w_discounted!).toBeLessThan(s.clv_52w!);
  }
  // A buyer without repeat spend gets the population mean.
  const oneTimer = stored.find((s) => spend.get(s.profile_id)!.frequency === 0)!;
  expect(oneTimer.expected_avg_order_value).toBeCloseTo(valueModel.spend.populationMean, 8);
});

test('segments and Profile.stats read the new figures; non-buyers have none', async () => {
  const preview = await ok(t, `{ previewSegment(definition: { stat: { name: "clv_52w", op: "gte", value: 100 } }) { size } }`);
  const { rows } = await t.db.query(`select count(*)::int as n from profile_stats where clv_52w >= 100`);
  expect(preview.previewSegment.size).toBe(rows[0].n);
  expect(rows[0].n).toBeGreaterThan(0);
  const { rows: [visitor] } = await t.db.query(`select p.id from profiles p left join profile_stats s on s.profile_id = p.id where s.rfm_segment is null and p.merged_into is null limit 1`);
  const stats = (await ok(t, `query($id: ID!) { profile(id: $id) { stats { clv52w expectedAvgOrderValue purchaseProbability30d } } }`, { id: visitor.id })).profile.stats;
  expect(stats).toEqual({ clv52w: null, expectedAvgOrderValue: null, purchaseProbability30d: null });
});

test('valueGrid: buyers, CLV and revenue per lifecycle stage × CLV decile, as computed here', async () => {
  const { rows } = await t.db.query<{ profile_id: string; lifecycle: string | null; clv_52w: number; revenue: string }>(
    `select profile_id::text, lifecycle, clv_52w, coalesce(revenue, 0) as revenue from profile_stats where clv_52w is not null`);
  // ntile(10) over (clv, profile id) in PostgreSQL's collation order of uuids (byte order = the text's order for lower-case hex).
  const sorted = [...rows].sort((a, b) => a.clv_52w - b.clv_52w || (a.profile_id < b.profile_id ? -1 : 1));
  const n = sorted.length;
  const big = Math.ceil(n / 10);
  const bigGroups = n % 10 || 10;
  const decileOf = (i: number) => (i < bigGroups * big ? Math.floor(i / big) + 1 : bigGroups + Math.floor((i - bigGroups * big) / (big - 1)) + 1);
  const expected = new Map<string, { count: number; clv: number; revenue: number }>();
  sorted.forEach((r, i) => {
    const key = `${r.lifecycle ?? 'unknown'}/${decileOf(i)}`;
    const cell = expected.get(key) ?? { count: 0, clv: 0, revenue: 0 };
    expected.set(key, { count: cell.count + 1, clv: cell.clv + r.clv_52w, revenue: cell.revenue + Number(r.revenue) });
  });
  const { valueGrid } = await ok(t, `{ valueGrid { lifecycle decile count clv minClv maxClv revenue } }`);
  expect(valueGrid.length).toBe(expected.size);
  for (const cell of valueGrid) {
    const want = expected.get(`${cell.lifecycle}/${cell.decile}`)!;
    expect(cell.count).toBe(want.count);
    expect(cell.clv).toBeCloseTo(want.clv, 6);
    expect(cell.revenue).toBeCloseTo(want.revenue, 6);
    expect(cell.minClv).toBeLessThanOrEqual(cell.maxClv);
  }
  expect(valueGrid.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(n);
});

test('validateValueModel: fitted up to the calibration end, predictions against the holdout per calibration frequency, as computed here', async () => {
  const calibrationEnd = new Date(ANCHOR.getTime() - 90 * 86_400_000);
  const QUERY = `query($c: DateTimeISO!, $h: DateTimeISO!) { validateValueModel(calibrationEnd: $c, holdoutEnd: $h) {
    holdoutWeeks purchases { r alpha a b } spend { p q gamma }
    rows { calibrationPurchases customers predictedPurchases actualPurchases spendCustomers predictedOrderValue actualOrderValue } } }`;
  const before = (await t.db.query(`select count(*)::int as n from value_models`)).rows[0].n;
  const check = (await ok(t, QUERY, { c: calibrationEnd.toISOString(), h: ANCHOR.toISOString() })).validateValueModel;
  expect(check.holdoutWeeks).toBeCloseTo(90 / 7, 10);
  expect((await t.db.query(`select count(*)::int as n from value_models`)).rows[0].n).toBe(before); // writes nothing

  const { rows: orders } = await t.db.query<{ profile_id: string; occurred_at: Date; revenue: string | null }>(
    `select e.profile_id::text, e.occurred_at, e.revenue from events e join profiles p on p.id = e.profile_id and p.merged_into is null
      where e.name = 'Order Completed' and e.occurred_at <= $1`, [ANCHOR]);
  const byBuyer = new Map<string, ValuedPurchase[]>();
  for (const o of orders) byBuyer.set(o.profile_id, [...(byBuyer.get(o.profile_id) ?? []), { at: o.occurred_at, value: Number(o.revenue ?? 0) }]);
  const upTo = (list: ValuedPurchase[], at: Date) => list.filter((o) => o.at <= at);
  const rows = new Map<number, { customers: number; predicted: number; actual: number; spend: number[]; predictedValue: number[] }>();
  for (const list of byBuyer.values()) {
    const early = upTo(list, calibrationEnd);
    if (!early.length) continue;
    const history = summarizePurchases(early.map((o) => o.at), calibrationEnd);
    const later = summarizePurchases(list.map((o) => o.at), ANCHOR);
    const holdoutDays = later.frequency - history.frequency;
    const key = Math.min(history.frequency, 7);
    const row = rows.get(key) ?? { customers: 0, predicted: 0, actual: 0, spend: [], predictedValue: [] };
    row.customers++;
    row.predicted += expectedPurchases(check.purchases, history, 90 / 7);
    row.actual += holdoutDays;
    const calibrationSpend = summarizeSpend(early, calibrationEnd);
    if (calibrationSpend.frequency > 0 && calibrationSpend.averageValue > 0 && holdoutDays > 0) {
      const revenue = (l: ValuedPurchase[]) => l.reduce((sum, o) => sum + o.value, 0);
      row.spend.push((revenue(list) - revenue(early)) / holdoutDays);
      row.predictedValue.push(expectedAverageValue(check.spend, calibrationSpend));
    }
    rows.set(key, row);
  }
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  expect(check.rows.map((r: { calibrationPurchases: number }) => r.calibrationPurchases)).toEqual([...rows.keys()].sort((a, b) => a - b));
  for (const r of check.rows) {
    const want = rows.get(r.calibrationPurchases)!;
    expect(r.customers).toBe(want.customers);
    expect(r.actualPurchases).toBeCloseTo(want.actual / want.customers, 10);
    expect(r.predictedPurchases).toBeCloseTo(want.predicted / want.customers, 8);
    expect(r.spendCustomers).toBe(want.spend.length);
    if (want.spend.length) {
      expect(r.actualOrderValue).toBeCloseTo(mean(want.spend), 6);
      expect(r.predictedOrderValue).toBeCloseTo(mean(want.predictedValue), 6);
    }
  }
  // Bad input is refused, naming the argument.
  const bad = await t.gql(QUERY, { c: ANCHOR.toISOString(), h: calibrationEnd.toISOString() });
  expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'calibrationEnd' });
});
