import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { RecommendationsDocument, RefreshRecommendationsDocument, SetConsentDocument, type EventInput, type RecommendationsQuery } from '../generated/graphql';

/** Without personalization consent a visitor is served exactly as an unknown one. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const order = (user: string, id: string, products: string[]): EventInput => ({
    type: 'TRACK', messageId: `cr-${id}`, userId: user, event: 'Order Completed',
    properties: { order_id: id, revenue: 10, products: products.map((p) => ({ product_id: p, name: p, price: 5, quantity: 1 })) },
  });
  await ingest(t, [order('a', 'o1', ['mug', 'tea']), order('b', 'o2', ['mug', 'tea']), order('c', 'o3', ['mug']), order('x', 'o4', ['mug'])]);
  await t.gql(RefreshRecommendationsDocument);
});
afterAll(() => t?.close());

const popularFor = (userId: string, excludePurchased?: boolean) => t.gql(RecommendationsDocument, { userId, strategy: 'POPULAR', excludePurchased });
const ids = (res: GraphQLResponse<RecommendationsQuery>) => res.data!.recommendations.map((r) => r.product.id);

test('recommendations use purchase history only with personalization consent', async () => {
  expect(ids(await popularFor('x', true))).not.toContain('mug');
  await ok(t, SetConsentDocument, { userId: 'x', purpose: 'PERSONALIZATION', granted: false, source: 'test' });
  const withoutConsent = ids(await popularFor('x', true));
  expect(withoutConsent).toContain('mug');
  expect(withoutConsent).toEqual(ids(await popularFor('stranger')));
});
