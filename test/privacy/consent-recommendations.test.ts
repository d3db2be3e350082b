import { startTestApp, type TestApp } from '../support/app';

/** Without personalization consent a visitor is served exactly as an unknown one. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const order = (user: string, id: string, products: string[]) => ({
    type: 'TRACK', messageId: `cr-${id}`, userId: user, event: 'Order Completed',
    properties: { order_id: id, revenue: 10, products: products.map((p) => ({ product_id: p, name: p, price: 5, quantity: 1 })) },
  });
  const res = await t.gql(`mutation($e: [EventInput!]!) { ingest(events: $e) { accepted } }`, {
    e: [order('a', 'o1', ['mug', 'tea']), order('b', 'o2', ['mug', 'tea']), order('c', 'o3', ['mug']), order('x', 'o4', ['mug'])],
  });
  expect(res.errors).toBeUndefined();
  await t.gql(`mutation { refreshRecommendations { __typename } }`);
});
afterAll(() => t?.close());

const POPULAR = `{ recommendations(userId: "x", strategy: POPULAR, excludePurchased: true) { product { id } } }`;
const ids = (res: { data?: Record<string, unknown> | null }) => (res.data!.recommendations as { product: { id: string } }[]).map((r) => r.product.id);

test('recommendations use purchase history only with personalization consent', async () => {
  expect(ids(await t.gql(POPULAR))).not.toContain('mug');
  const revoke = await t.gql(`mutation { setConsent(userId: "x", purpose: PERSONALIZATION, granted: false, source: "test") { granted } }`);
  expect(revoke.errors).toBeUndefined();
  const withoutConsent = ids(await t.gql(POPULAR));
  expect(withoutConsent).toContain('mug');
  expect(withoutConsent).toEqual(ids(await t.gql(`{ recommendations(userId: "stranger", strategy: POPULAR) { product { id } } }`)));
});
