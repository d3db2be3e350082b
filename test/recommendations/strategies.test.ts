import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { countStatements } from '../support/statements';
import {
  CreateSegmentDocument, RecommendationsDocument, RefreshRecommendationsDocument, UpsertProductsDocument, type RecommendationsQueryVariables,
} from '../generated/graphql';
import { BUYERS, buyerCluster, buyerId, clusterOf, generateShop, PER_CLUSTER, productId } from './generate-shop';

let t: TestApp;
const recommend = async (vars: RecommendationsQueryVariables) => (await ok(t, RecommendationsDocument, vars)).recommendations;

async function purchasedBy(userId: string): Promise<Set<string>> {
  const { rows } = await t.db.query(
    `select pp.product_id from product_purchases pp join identities i on i.profile_id = pp.profile_id where i.kind = 'user_id' and i.value = $1`,
    [userId],
  );
  return new Set(rows.map((r) => r.product_id));
}

beforeAll(async () => {
  t = await startTestApp();
  for (const events of generateShop()) await ingest(t, events);
  await ok(t, CreateSegmentDocument, { input: { key: 'cluster-3', name: 'Cluster three fans', definition: { trait: { path: 'cluster', op: 'eq', value: 3 } } } });
  const refreshed = await ok(t, RefreshRecommendationsDocument);
  expect(refreshed.refreshRecommendations.similarities).toBeGreaterThan(0);
  expect(refreshed.refreshRecommendations.segmentRows).toBeGreaterThan(0);
});
afterAll(() => t.close());

test('ALSO_BOUGHT returns the cluster-mates of the product first, then popular items labelled as such', async () => {
  const recs = await recommend({ strategy: 'ALSO_BOUGHT', product: productId(1, 0), limit: 8 });
  expect(recs).toHaveLength(8);
  const own = recs.filter((r) => r.strategy === 'ALSO_BOUGHT');
  expect(own.map((r) => clusterOf(r.product.id)).sort()).toEqual(Array(PER_CLUSTER - 1).fill(1));
  expect(recs.slice(0, own.length)).toEqual(own);
  expect(own[0].reason).toMatch(/^\d+ customers? who bought “Item c1-p0” also bought this$/);
  expect(recs.at(-1)!.strategy).toBe('POPULAR');
  expect(recs.at(-1)!.reason).toMatch(/^Popular: bought by \d+ customers in the last 90 days$/);
});

test('ALSO_BOUGHT needs a product; an unknown product falls back to popular and says why', async () => {
  const missing = await t.gql(RecommendationsDocument, { strategy: 'ALSO_BOUGHT' });
  expect(missing.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(missing.errors![0].message).toMatch(/^product:/);
  const unknown = await recommend({ strategy: 'ALSO_BOUGHT', product: 'no-such-product', limit: 3 });
  expect(unknown.map((r) => r.strategy)).toEqual(['POPULAR', 'POPULAR', 'POPULAR']);
  expect(unknown[0].reason).toContain('no co-purchases of “no-such-product” yet');
});

test('FOR_YOU recommends from the buyer’s cluster and never what they bought', async () => {
  for (const i of [2, 7]) {
    const bought = await purchasedBy(buyerId(i));
    const recs = await recommend({ userId: buyerId(i), strategy: 'FOR_YOU', limit: 10 });
    const own = recs.filter((r) => r.strategy === 'FOR_YOU');
    expect(own.length).toBe(PER_CLUSTER - bought.size);
    expect(own.every((r) => clusterOf(r.product.id) === buyerCluster(i))).toBe(true);
    expect(recs.some((r) => bought.has(r.product.id))).toBe(false);
    expect(own[0].reason).toMatch(/^Because you bought “Item c\d-p\d”( and \d+ more of your items)?$/);
  }
});

test('excludePurchased: false may give back what the buyer bought', async () => {
  const bought = await purchasedBy(buyerId(5));
  const recs = await recommend({ userId: buyerId(5), strategy: 'SEGMENT_POPULAR', excludePurchased: false, limit: 20 });
  const included = await recommend({ userId: buyerId(5), strategy: 'FOR_YOU', excludePurchased: false, limit: 20 });
  expect(included.filter((r) => bought.has(r.product.id)).length).toBeGreaterThan(0);
  expect(recs.length).toBeGreaterThan(0);
});

test('an unknown visitor gets popular items, not an error, and the reason says so', async () => {
  for (const vars of [{ userId: 'nobody-at-all' }, { anonymousId: 'anon-never-seen' }, {}]) {
    const recs = await recommend({ ...vars, strategy: 'FOR_YOU', limit: 5 });
    expect(recs).toHaveLength(5);
    expect(recs[0].product.id).toBe(productId(0, 0));
    expect(recs.every((r) => r.strategy === 'POPULAR')).toBe(true);
    expect(recs[0].reason).toMatch(/\(no history for this visitor yet\)$/);
  }
  const popular = await recommend({ strategy: 'POPULAR', limit: 5 });
  expect(popular.map((r) => r.product.id)).toEqual((await recommend({ userId: 'nobody-at-all', strategy: 'FOR_YOU', limit: 5 })).map((r) => r.product.id));
});

test('TRENDING puts the product whose sales surged this week first, above the steady best seller', async () => {
  const recs = await recommend({ strategy: 'TRENDING', limit: 5 });
  expect(recs[0].product.id).toBe('surge');
  expect(recs[0].strategy).toBe('TRENDING');
  expect(recs[0].reason).toMatch(/^Trending: 12 customers in the last 7 days, against 0\.3 expected from the 28 days before$/);
  const popular = await recommend({ strategy: 'POPULAR', limit: 1 });
  expect(popular[0].product.id).toBe(productId(0, 0));
});

test('SEGMENT_POPULAR uses the visitor’s segment and names it; outside any segment it falls back', async () => {
  const member = buyerId(3);
  expect(buyerCluster(3)).toBe(3);
  const recs = await recommend({ userId: member, strategy: 'SEGMENT_POPULAR', excludePurchased: false, limit: PER_CLUSTER });
  expect(recs.every((r) => r.strategy === 'SEGMENT_POPULAR' && clusterOf(r.product.id) === 3)).toBe(true);
  expect(recs[0].reason).toMatch(/^Popular in “Cluster three fans”: bought by \d+ customers \(\d+% of its members\)$/);
  const outsider = await recommend({ userId: buyerId(1), strategy: 'SEGMENT_POPULAR', limit: 2 });
  expect(outsider.every((r) => r.strategy === 'POPULAR')).toBe(true);
  expect(outsider[0].reason).toMatch(/\(not in any segment yet\)$/);
});

test('inactive products are never recommended', async () => {
  await ok(t, UpsertProductsDocument, { products: [{ id: productId(1, 1), active: false }] });
  const recs = await recommend({ strategy: 'ALSO_BOUGHT', product: productId(1, 0), limit: 10 });
  expect(recs.map((r) => r.product.id)).not.toContain(productId(1, 1));
  await ok(t, UpsertProductsDocument, { products: [{ id: productId(1, 1), active: true }] });
});

test('a purchase made before a merge is excluded for the merged person', async () => {
  const anon = 'anon-merge-buyer';
  const product = productId(3, 5);
  const i = [...Array(BUYERS).keys()].find((n) => buyerCluster(n) === 3 && n > 3)!;
  await ingest(t, [{ type: 'TRACK', messageId: 'merge-o', anonymousId: anon, event: 'Order Completed', properties: { products: [{ product_id: product }] } }]);
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'merge-id', anonymousId: anon, userId: buyerId(i) }]);
  expect(await purchasedBy(buyerId(i))).toContain(product);
  const recs = await recommend({ userId: buyerId(i), strategy: 'FOR_YOU', limit: 20 });
  expect(recs.map((r) => r.product.id)).not.toContain(product);
});

test('a returning visitor’s FOR_YOU costs no statement: who they are, their consent and their kept list come from this instance’s memory', async () => {
  // A visitor this instance has not looked up yet: the decision statement (identity, consent), then the kept list.
  const visitor = buyerId(BUYERS - 1);
  expect(await countStatements(t, () => recommend({ userId: visitor, strategy: 'FOR_YOU', limit: 2 }))).toBe(2);
  // Returning: nothing. A list shorter than `limit` (POPULAR fills in) needs the live statement.
  expect(await countStatements(t, () => recommend({ userId: visitor, strategy: 'FOR_YOU', limit: 2 }))).toBe(0);
  expect(await countStatements(t, () => recommend({ userId: visitor, strategy: 'FOR_YOU', limit: 20 }))).toBe(1);
  expect(await countStatements(t, () => recommend({ userId: visitor, strategy: 'POPULAR' }))).toBe(1);
});

test('recommendations need the read scope; refreshing needs admin', async () => {
  const ingestKey = await t.keyWith('ingest');
  expect((await t.gql(RecommendationsDocument, { strategy: 'POPULAR' }, ingestKey)).errors![0].extensions!.code).toBe('FORBIDDEN');
  const reader = await t.keyWith('read');
  expect((await t.gql(RecommendationsDocument, { strategy: 'POPULAR' }, reader)).errors).toBeUndefined();
  expect((await t.gql(RefreshRecommendationsDocument, {}, reader)).errors![0].extensions!.code).toBe('FORBIDDEN');
  const badLimit = await t.gql(RecommendationsDocument, { strategy: 'POPULAR', limit: 0 });
  expect(badLimit.errors![0].message).toMatch(/^limit:/);
});
