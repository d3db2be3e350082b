import { MAX_STATE_ENTRIES } from '../../src/segments';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateComputedTraitDocument, ProfileComputedDocument, type EventInput } from '../generated/graphql';

/**
 * Ingest keeps every aggregate incrementally (issue 15 §5): a batch's values come from the
 * stored value and state and the batch's own events, not from the profile's history in the
 * events table. Shown by removing that history behind the server's back: the values ingest
 * writes still count it, and only the safety net (a full recompute) sees it gone.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const TRAITS: Record<string, Record<string, unknown>> = {
  inc_count: { event: 'Product Viewed', aggregate: 'count' },
  inc_sum: { event: 'Product Viewed', aggregate: 'sum', property: 'price' },
  inc_avg: { event: 'Product Viewed', aggregate: 'avg', property: 'price' },
  inc_min: { event: 'Product Viewed', aggregate: 'min', property: 'price' },
  inc_max: { event: 'Product Viewed', aggregate: 'max', property: 'price' },
  inc_first: { event: 'Product Viewed', aggregate: 'first', property: 'sku' },
  inc_last: { event: 'Product Viewed', aggregate: 'last', property: 'sku' },
  inc_favourite: { event: 'Product Viewed', aggregate: 'most_frequent', property: 'sku', within: { lastDays: 30 } },
  inc_skus: { event: 'Product Viewed', aggregate: 'unique_count', property: 'sku' },
  inc_recent: { event: 'Product Viewed', aggregate: 'unique_list', property: 'sku', limit: 2 },
};

let sequence = 0;
function view(user: string, sku: string, price: number, minutesAgo: number): EventInput {
  return {
    type: 'TRACK', messageId: `inc-${sequence++}`, userId: user, event: 'Product Viewed',
    properties: { sku, price }, timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  };
}

async function computedOf(user: string): Promise<Record<string, unknown>> {
  const { profileByIdentity } = await ok(t, ProfileComputedDocument, { kind: 'USER_ID', value: user });
  return profileByIdentity?.computed ?? {};
}

test('a batch combines with the stored values, not with the events table; the safety net reads the table', async () => {
  for (const [key, definition] of Object.entries(TRAITS)) await ok(t, CreateComputedTraitDocument, { input: { key, name: key, definition } });
  await ingest(t, [view('inc-a', 'a', 10, 50), view('inc-a', 'b', 30, 40), view('inc-a', 'a', 20, 30)]);
  expect(await computedOf('inc-a')).toMatchObject({ inc_count: 3, inc_sum: 60, inc_avg: 20, inc_first: 'a', inc_last: 'a', inc_favourite: 'a', inc_skus: 2 });

  // The history goes; the next batch (one event, older than the last one) still counts it.
  await t.db.query(`delete from events where name = 'Product Viewed' and properties->>'sku' in ('a', 'b')`);
  await ingest(t, [view('inc-a', 'c', 5, 35), view('inc-a', 'b', 40, 45)]);
  expect(await computedOf('inc-a')).toEqual({
    inc_count: 5, inc_sum: 105, inc_avg: 21, inc_min: 5, inc_max: 40,
    inc_first: 'a', // still the first event, though it is gone from the table
    inc_last: 'a', // the batch's events are older than the stored last
    inc_favourite: 'a', // a and b seen twice each, a most recently (30 min ago)
    inc_skus: 3, inc_recent: ['a', 'c'],
  });

  // Only the smallest and largest price (5, 40) survive in the table as they were kept.
  const results = await t.app.services.computedTraits.recomputeAll();
  expect(results.filter((r) => r.changed > 0).map((r) => r.key).sort()).toEqual(Object.keys(TRAITS).filter((k) => k !== 'inc_max' && k !== 'inc_min').sort());
  expect(await computedOf('inc-a')).toEqual({
    inc_count: 2, inc_sum: 45, inc_avg: 22.5, inc_min: 5, inc_max: 40, inc_first: 'b', inc_last: 'c', inc_favourite: 'c', inc_skus: 2, inc_recent: ['c', 'b'],
  });
});

test(`past ${MAX_STATE_ENTRIES} values seen, the state is not kept and values come from the events table`, async () => {
  const many = Array.from({ length: MAX_STATE_ENTRIES + 1 }, (_, i) => view('inc-b', `sku-${i}`, 1, 20));
  await ingest(t, many.slice(0, 600));
  await ingest(t, many.slice(600));
  const stateOf = async (key: string) => (await t.db.query(
    `select pc.state from profile_computed pc join computed_traits ct on ct.id = pc.trait_id join identities i on i.profile_id = pc.profile_id
      where ct.key = $1 and i.kind = 'user_id' and i.value = 'inc-b'`, [key])).rows[0].state;
  expect(await stateOf('inc_skus')).toBeNull();
  expect(await stateOf('inc_recent')).toHaveLength(2); // bounded by its limit, so always kept
  await ingest(t, [view('inc-b', 'sku-new', 1, 10), view('inc-b', 'sku-3', 1, 10)]);
  expect(await computedOf('inc-b')).toMatchObject({ inc_skus: MAX_STATE_ENTRIES + 2, inc_count: MAX_STATE_ENTRIES + 3, inc_recent: ['sku-3', 'sku-new'] });
});
