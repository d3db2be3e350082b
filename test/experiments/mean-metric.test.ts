import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { exposuresByUserId } from '../support/experiments';
import { mulberry32 } from '../support/random';
import { CreateExperimentDocument, StartExperimentDocument, type EventInput } from '../generated/graphql';

/**
 * Revenue per exposed user with CUPED (issue 16 §2) on generated users whose spend before
 * the exposure predicts their spend after it (a known pre-period correlation). The API's
 * per-variant means and variances, plain and adjusted, are checked against a per-user
 * computation written here, and CUPED must shrink the variance.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const METRIC = `query($key: String!) { experimentMetric(key: $key, metric: { event: "Order Completed", property: "revenue", windowDays: 3, preWindowDays: 7 }) {
  cupedTheta variants { key control users mean variance cupedMean cupedVariance comparison { difference pValue degreesOfFreedom } cupedComparison { difference pValue } } } }`;

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const sampleVariance = (v: number[]) => v.reduce((a, b) => a + (b - mean(v)) ** 2, 0) / (v.length - 1);

test('revenue per exposed user by variant, with and without CUPED, as computed per user here', async () => {
  await ok(t, CreateExperimentDocument, { input: { key: 'cuped', name: 'CUPED', goalEvent: 'Order Completed', hashingUnit: 'USER_ID', variants: [{ key: 'control' }, { key: 'treatment' }] } });
  await ok(t, StartExperimentDocument, { key: 'cuped' });
  const rnd = mulberry32(1616);
  const now = Date.now();
  const exposedAt = now - 10 * DAY;
  const users = Array.from({ length: 120 }, (_, i) => ({ id: `cuped-${i}`, base: Math.round(rnd() * 200) }));
  const events: EventInput[] = [];
  const at = (ms: number) => new Date(ms).toISOString();
  for (const u of users) {
    events.push({ type: 'TRACK', messageId: `${u.id}-pre`, userId: u.id, event: 'Order Completed', properties: { order_id: `${u.id}-pre`, revenue: u.base }, timestamp: at(exposedAt - 5 * DAY) });
    events.push({ type: 'TRACK', messageId: `${u.id}-seen`, userId: u.id, event: 'Experiment Viewed', properties: { experiment_id: 'cuped' }, timestamp: at(exposedAt) });
  }
  await ingest(t, events);
  const variantOf = new Map((await exposuresByUserId(t, 'cuped')).map((r) => [r.value, r.variant]));
  expect(variantOf.size).toBe(users.length);
  // After the exposure: the same spend plus noise, the treatment 15 more; an order after the 3-day window does not count.
  const post: EventInput[] = [];
  const y = new Map<string, number>();
  for (const u of users) {
    const revenue = Math.max(0, u.base + Math.round((rnd() - 0.5) * 40)) + (variantOf.get(u.id) === 'treatment' ? 15 : 0);
    y.set(u.id, revenue);
    post.push({ type: 'TRACK', messageId: `${u.id}-post`, userId: u.id, event: 'Order Completed', properties: { order_id: `${u.id}-post`, revenue }, timestamp: at(exposedAt + 2 * DAY) });
    post.push({ type: 'TRACK', messageId: `${u.id}-late`, userId: u.id, event: 'Order Completed', properties: { order_id: `${u.id}-late`, revenue: 999 }, timestamp: at(exposedAt + 4 * DAY) });
  }
  await ingest(t, post);

  const { experimentMetric } = await ok(t, METRIC, { key: 'cuped' });
  // Per user, here: θ over everyone, then y − θ(x − x̄) per user.
  const x = (id: string) => users.find((u) => u.id === id)!.base;
  const all = users.map((u) => u.id);
  const xs = all.map(x);
  const ys = all.map((id) => y.get(id)!);
  const theta = xs.reduce((s, v, i) => s + (v - mean(xs)) * (ys[i] - mean(ys)), 0) / xs.reduce((s, v) => s + (v - mean(xs)) ** 2, 0);
  expect(experimentMetric.cupedTheta).toBeCloseTo(theta, 9);
  for (const arm of experimentMetric.variants) {
    const mine = all.filter((id) => variantOf.get(id) === arm.key);
    const plain = mine.map((id) => y.get(id)!);
    const adjusted = mine.map((id) => y.get(id)! - theta * (x(id) - mean(xs)));
    expect(arm.users).toBe(mine.length);
    expect(arm.mean).toBeCloseTo(mean(plain), 9);
    expect(arm.variance).toBeCloseTo(sampleVariance(plain), 6);
    expect(arm.cupedMean).toBeCloseTo(mean(adjusted), 9);
    expect(arm.cupedVariance).toBeCloseTo(sampleVariance(adjusted), 6);
    // The pre-period explains most of the spend: CUPED keeps well under half the variance.
    expect(arm.cupedVariance).toBeLessThan(arm.variance * 0.5);
  }
  const treatment = experimentMetric.variants.find((v: { key: string }) => v.key === 'treatment');
  expect(treatment.cupedComparison.pValue).toBeLessThan(treatment.comparison.pValue);
  expect(treatment.cupedComparison.pValue).toBeLessThan(0.05);
});

test('bad metric input is a clear error', async () => {
  const res = await t.gql(`{ experimentMetric(key: "cuped", metric: { event: "Order Completed", windowDays: 0 }) { cupedTheta } }`);
  expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'metric.windowDays' });
  const missing = await t.gql(`{ experimentMetric(key: "nope", metric: { event: "Order Completed" }) { cupedTheta } }`);
  expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});
