import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { exposuresByUserId } from '../support/experiments';
import { CreateExperimentDocument, StartExperimentDocument, StopExperimentDocument, UpdateExperimentDocument, type EventInput, type MetricKind } from '../generated/graphql';

/**
 * Stored metrics (issue 16 §2): a primary conversion metric with property filters and an N-day
 * window, and guardrails for net revenue (refunds and cancellations deducted) and an event
 * count, reported with the results. Every figure is checked against a per-user computation
 * written here from the events the test sent.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const at = (ms: number) => new Date(ms).toISOString();
const mean = (v: number[]) => (v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0);
const sampleVariance = (v: number[]) => v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1);

const PRIMARY = { kind: 'CONVERSION' as MetricKind, event: 'Product Viewed', where: [{ path: 'category', op: 'eq', value: 'shoes' }], windowDays: 2 };
const REVENUE = { kind: 'REVENUE' as MetricKind, windowDays: 7, preWindowDays: 7 };
const PAGES = { kind: 'MEAN' as MetricKind, event: 'Page Viewed', windowDays: 7, preWindowDays: 0 };
const RESULTS = `query($key: String!) { experimentResults(key: $key) { metrics {
  role metric { kind event property where windowDays preWindowDays }
  conversion { key control exposures conversions rate difference pValue }
  mean { event cupedTheta variants { key users mean variance cupedMean comparison { difference } } }
  holdout { users } } } }`;

interface Expected {
  variant: string;
  converted: number;
  net: number;
  preNet: number;
  pages: number;
}

test('a conversion metric with filters and a window, net revenue and an event count, as computed per user here', async () => {
  await ok(t, CreateExperimentDocument, {
    input: {
      key: 'stored', name: 'Stored metrics', goalEvent: 'Order Completed', hashingUnit: 'USER_ID', variants: [{ key: 'control' }, { key: 'treatment' }],
      primaryMetric: PRIMARY, guardrailMetrics: [REVENUE, PAGES],
    },
  });
  await ok(t, StartExperimentDocument, { key: 'stored' });
  const T0 = Date.now() - 10 * DAY;
  const users = Array.from({ length: 60 }, (_, i) => ({ id: `sm-${i}`, i }));
  await ingest(t, users.map((u) => ({ type: 'TRACK', messageId: `${u.id}-seen`, userId: u.id, event: 'Experiment Viewed', properties: { experiment_id: 'stored' }, timestamp: at(T0) })));
  const variantOf = new Map((await exposuresByUserId(t, 'stored')).map((r) => [r.value, r.variant]));
  expect(variantOf.size).toBe(users.length);

  const events: EventInput[] = [];
  const expected = new Map<string, Expected>();
  const track = (id: string, n: string, event: string, ms: number, properties: Record<string, unknown>) =>
    events.push({ type: 'TRACK', messageId: `${id}-${n}`, userId: id, event, properties, timestamp: at(ms) });
  for (const { id, i } of users) {
    const e: Expected = { variant: variantOf.get(id)!, converted: 0, net: 0, preNet: 0, pages: 0 };
    // Conversion: shoes within 2 days count; shoes on day 3 and hats do not.
    if (i % 3 === 0) {
      track(id, 'shoes', 'Product Viewed', T0 + DAY, { category: 'shoes' });
      e.converted = 1;
    }
    if (i % 3 === 1) track(id, 'late-shoes', 'Product Viewed', T0 + 3 * DAY, { category: 'shoes' });
    if (i % 5 === 0) track(id, 'hats', 'Product Viewed', T0 + DAY, { category: 'hats' });
    // Revenue: an order in the window, partly refunded or cancelled; one after the window; one before the exposure (CUPED's x).
    const gross = 20 + (i % 7) * 10 + (e.variant === 'treatment' ? 5 : 0);
    if (i % 2 === 0) {
      track(id, 'order', 'Order Completed', T0 + 2 * DAY, { order_id: `${id}-o`, revenue: gross });
      e.net = gross;
      if (i % 6 === 0) {
        track(id, 'cancel', 'Order Cancelled', T0 + 3 * DAY, { order_id: `${id}-o` });
        e.net = 0;
      } else if (i % 4 === 0) {
        track(id, 'refund', 'Order Refunded', T0 + 3 * DAY, { order_id: `${id}-o`, total: 5 });
        e.net = gross - 5;
      }
    }
    if (i % 7 === 0) track(id, 'late-order', 'Order Completed', T0 + 8 * DAY, { order_id: `${id}-late`, revenue: 500 });
    if (i % 2 === 1 || i % 8 === 0) {
      e.preNet = 15 + (i % 5) * 10;
      track(id, 'pre-order', 'Order Completed', T0 - 3 * DAY, { order_id: `${id}-pre`, revenue: e.preNet });
    }
    // Pages: i % 4 views in the window, one after it.
    for (let k = 0; k < i % 4; k++) track(id, `page-${k}`, 'Page Viewed', T0 + DAY + k * 1000, {});
    e.pages = i % 4;
    track(id, 'late-page', 'Page Viewed', T0 + 9 * DAY, {});
    expected.set(id, e);
  }
  for (let k = 0; k < events.length; k += 200) await ingest(t, events.slice(k, k + 200));

  const [primary, revenue, pages] = (await ok(t, RESULTS, { key: 'stored' })).experimentResults.metrics;
  const all = [...expected.values()];
  const arm = (variant: string) => all.filter((e) => e.variant === variant);

  expect(primary.role).toBe('PRIMARY');
  expect(primary.metric).toEqual({ kind: 'CONVERSION', event: 'Product Viewed', property: null, where: PRIMARY.where, windowDays: 2, preWindowDays: 0 });
  expect(primary.mean).toBeNull();
  expect(primary.conversion.map((v: { key: string; exposures: number; conversions: number }) => [v.key, v.exposures, v.conversions])).toEqual(
    ['control', 'treatment'].map((k) => [k, arm(k).length, arm(k).filter((e) => e.converted).length]));
  const rate = (k: string) => arm(k).filter((e) => e.converted).length / arm(k).length;
  expect(primary.conversion[1].difference).toBeCloseTo(rate('treatment') - rate('control'), 12);

  expect(revenue).toMatchObject({ role: 'GUARDRAIL', metric: { kind: 'REVENUE', event: null, windowDays: 7, preWindowDays: 7 }, conversion: null, holdout: null });
  // CUPED θ over everyone: cov(x, y) / var(x), x the net revenue of the week before the exposure.
  const xs = all.map((e) => e.preNet);
  const ys = all.map((e) => e.net);
  const theta = xs.reduce((s, x, k) => s + (x - mean(xs)) * (ys[k] - mean(ys)), 0) / (xs.length - 1) / sampleVariance(xs);
  expect(revenue.mean.cupedTheta).toBeCloseTo(theta, 10);
  for (const v of revenue.mean.variants) {
    const net = arm(v.key).map((e) => e.net);
    expect(v.users).toBe(net.length);
    expect(v.mean).toBeCloseTo(mean(net), 10);
    expect(v.variance).toBeCloseTo(sampleVariance(net), 8);
    expect(v.cupedMean).toBeCloseTo(mean(arm(v.key).map((e) => e.net - theta * (e.preNet - mean(xs)))), 10);
  }
  expect(revenue.mean.variants[1].comparison.difference).toBeCloseTo(mean(arm('treatment').map((e) => e.net)) - mean(arm('control').map((e) => e.net)), 10);

  expect(pages).toMatchObject({ role: 'GUARDRAIL', metric: { kind: 'MEAN', event: 'Page Viewed', property: null, preWindowDays: 0 }, mean: { cupedTheta: 0 } });
  for (const v of pages.mean.variants) expect(v.mean).toBeCloseTo(mean(arm(v.key).map((e) => e.pages)), 12);
});

test('metrics may change while running, not once stopped; bad metrics are BAD_USER_INPUT naming the path and change nothing', async () => {
  const update = (input: Record<string, unknown>) => t.gql(UpdateExperimentDocument, { key: 'stored', input });
  const codeOf = async (input: Record<string, unknown>) => (await update(input)).errors?.[0].extensions;
  expect(await codeOf({ primaryMetric: { kind: 'REVENUE', event: 'Order Completed' } })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'primaryMetric.event' });
  expect(await codeOf({ primaryMetric: { kind: 'CONVERSION' } })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'primaryMetric.event' });
  expect(await codeOf({ primaryMetric: { kind: 'CONVERSION', event: 'x', preWindowDays: 3 } })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'primaryMetric.preWindowDays' });
  expect(await codeOf({ guardrailMetrics: [{ kind: 'MEAN', event: 'x', windowDays: 0 }] })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'guardrailMetrics[0].windowDays' });
  const badFilter = await update({ guardrailMetrics: [{ kind: 'MEAN', event: 'x', where: [{ path: 'a', op: 'nope' }] }] });
  expect(badFilter.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(JSON.stringify(badFilter.errors)).toContain('guardrailMetrics[0].where[0]');
  expect(await codeOf({ guardrailMetrics: Array.from({ length: 11 }, () => ({ kind: 'MEAN', event: 'x' })) })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'guardrailMetrics' });
  const stored = `{ experiment(key: "stored") { primaryMetric { kind event } guardrailMetrics { kind event } } }`;
  expect((await ok(t, stored)).experiment).toEqual({
    primaryMetric: { kind: 'CONVERSION', event: 'Product Viewed' }, guardrailMetrics: [{ kind: 'REVENUE', event: null }, { kind: 'MEAN', event: 'Page Viewed' }],
  });
  // Running: the guardrails change, the primary stays as it was.
  await ok(t, UpdateExperimentDocument, { key: 'stored', input: { guardrailMetrics: [{ kind: 'MEAN', event: 'Page Viewed', property: 'duration' }] } });
  expect((await ok(t, stored)).experiment).toEqual({ primaryMetric: { kind: 'CONVERSION', event: 'Product Viewed' }, guardrailMetrics: [{ kind: 'MEAN', event: 'Page Viewed' }] });
  await ok(t, StopExperimentDocument, { key: 'stored' });
  expect(await codeOf({ guardrailMetrics: [] })).toMatchObject({ code: 'CONFLICT' });
});
