import { scheduledJobs } from '../../src/app/jobs';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent } from '../support/operations';
import { HOUR, ingestHistory, occurrencesOf } from '../triggers/helpers';

/**
 * One clock: a server whose clock is pinned to a past instant computes every "now"-relative
 * answer as of it — time-sensitive segments, the scheduled trigger scan, content windows and
 * the scoring job — not as of the wall clock.
 */
const NOW = new Date('2011-06-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ABANDONED_CART_MINUTES: '60' }, { clock: { now: () => new Date(NOW) } });
});
afterAll(() => t.close());

const job = (prefix: string) => scheduledJobs(t.app.services).find((j) => j.name.startsWith(prefix))!;

test('time-sensitive segments, the scheduled trigger scan, content windows and scoring read the app clock', async () => {
  const shopper = await ingestHistory(t, 'clock-shopper', [
    { at: ago(3 * 24 * HOUR), event: 'Order Completed', properties: { order_id: 'c-1', revenue: 10 } },
    { at: ago(3 * HOUR), event: 'Product Added', properties: { product_id: 'p1', price: 5, quantity: 1 } },
  ]);
  await ok(t, `mutation($d: JSONObject!) { createSegment(input: { key: "week-buyers", name: "w", definition: $d }) { size } }`, {
    d: { event: { name: 'Order Completed', op: 'gte', value: 1, within: { lastDays: 7 } } },
  });
  await job('time-sensitive').run();
  expect((await ok(t, `{ segment(key: "week-buyers") { size } }`)).segment.size).toBe(1); // by the wall clock, 2011 is long gone

  await job('behaviour triggers').run();
  expect((await occurrencesOf(t, shopper)).map((o) => o.kind)).toEqual(['abandoned_cart']);

  const item = await createContent(t, 'summer-2011', { activeFrom: '2011-05-01T00:00:00Z', activeUntil: '2011-07-01T00:00:00Z' });
  expect((await ok(t, `{ contentItems { key active } }`)).contentItems).toContainEqual({ key: item.key, active: true });

  const run = await job('scoring').run();
  expect(run).toMatchObject({ asOf: NOW });
});
