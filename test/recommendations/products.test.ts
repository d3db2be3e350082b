import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { UpsertProductsDocument, type EventInput } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PRODUCT = `query($id: ID!) { product(id: $id) { id name category price imageUrl attributes active firstSeenAt } }`;

const orderOf = (messageId: string, products: Record<string, unknown>[], timestamp = new Date().toISOString()): EventInput => ({
  type: 'TRACK', messageId, userId: 'catalog-buyer', event: 'Order Completed', timestamp, properties: { order_id: messageId, products },
});

test('orders teach the catalog their products and record one purchase line per product', async () => {
  await ingest(t, [
    orderOf('cat-1', [
      { product_id: 'mug', name: 'Mug', category: 'Kitchen', price: 8.5, quantity: 2 },
      { product_id: 'mug', name: 'Mug', price: 8.5, quantity: 1 },
      { product_id: 'tea', name: 'Green tea', price: '4.00' },
      { name: 'no id: ignored', price: 3 },
    ], '2026-01-10T10:00:00Z'),
    { type: 'TRACK', messageId: 'cat-view', userId: 'catalog-buyer', event: 'Product Viewed', properties: { product_id: 'viewed-only', name: 'Seen' } },
  ]);
  expect((await ok(t, PRODUCT, { id: 'mug' })).product).toMatchObject({ name: 'Mug', category: 'Kitchen', price: 8.5, active: true, attributes: {}, firstSeenAt: '2026-01-10T10:00:00.000Z' });
  expect((await ok(t, PRODUCT, { id: 'tea' })).product).toMatchObject({ name: 'Green tea', price: null });
  expect((await ok(t, PRODUCT, { id: 'viewed-only' })).product).toBeNull();
  const { rows } = await t.db.query(`select product_id, quantity from product_purchases order by product_id`);
  expect(rows).toEqual([{ product_id: 'mug', quantity: 3 }, { product_id: 'tea', quantity: 1 }]);
});

test('an admin-set field is pinned: orders never overwrite it, but still update the others; null hands it back', async () => {
  await ok(t, UpsertProductsDocument, { products: [{ id: 'lamp', name: 'Reading lamp', imageUrl: 'https://cdn.example/lamp.jpg', attributes: { color: 'brass' } }] });
  await ingest(t, [orderOf('cat-2', [{ product_id: 'lamp', name: 'LAMP RDG 40W', category: 'Lighting', price: 39 }])]);
  expect((await ok(t, PRODUCT, { id: 'lamp' })).product).toMatchObject({
    name: 'Reading lamp', category: 'Lighting', price: 39, imageUrl: 'https://cdn.example/lamp.jpg', attributes: { color: 'brass' },
  });
  await ok(t, UpsertProductsDocument, { products: [{ id: 'lamp', name: null }] });
  await ingest(t, [orderOf('cat-3', [{ product_id: 'lamp', name: 'Lamp (learned)' }])]);
  expect((await ok(t, PRODUCT, { id: 'lamp' })).product).toMatchObject({ name: 'Lamp (learned)', price: 39, imageUrl: 'https://cdn.example/lamp.jpg' });
});

test('an absent field is left alone by an upsert; results come back in input order', async () => {
  await ok(t, UpsertProductsDocument, { products: [{ id: 'desk', name: 'Desk', price: 120, category: 'Office' }] });
  const res = await ok(t, UpsertProductsDocument, { products: [{ id: 'zebra', name: 'Zebra print' }, { id: 'desk', price: 99.5 }] });
  expect(res.upsertProducts.map((p: { id: string }) => p.id)).toEqual(['zebra', 'desk']);
  expect(res.upsertProducts[1]).toMatchObject({ name: 'Desk', category: 'Office', price: 99.5, active: true });
});

test('upsertProducts validates everything first and writes nothing when anything is wrong', async () => {
  const before = (await t.db.query(`select count(*)::int as n from products`)).rows[0].n;
  const res = await t.gql(UpsertProductsDocument, { products: [
    { id: 'fine-1', name: 'Fine' },
    { id: '  ', price: -3 },
    { id: 'fine-1', url: 'ftp://nope' },
  ] });
  expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const paths = (res.errors![0].extensions!.problems as { path: string }[]).map((p) => p.path);
  expect(paths).toEqual(['products[1].id', 'products[1].price', 'products[2].url', 'products[2].id']);
  expect((await t.db.query(`select count(*)::int as n from products`)).rows[0].n).toBe(before);

  const tooMany = await t.gql(UpsertProductsDocument, { products: Array.from({ length: 1001 }, (_, i) => ({ id: `bulk-${i}` })) });
  expect(tooMany.errors![0].message).toMatch(/^products: must contain at most 1000 products/);
  const reader = await t.keyWith('read');
  expect((await t.gql(UpsertProductsDocument, { products: [{ id: 'x' }] }, reader)).errors![0].extensions!.code).toBe('FORBIDDEN');
});

test('1000 products upsert in one go', async () => {
  const products = Array.from({ length: 1000 }, (_, i) => ({ id: `bulk-${i}`, name: `Bulk ${i}`, price: i }));
  const res = await ok(t, UpsertProductsDocument, { products });
  expect(res.upsertProducts).toHaveLength(1000);
  expect(res.upsertProducts[999]).toMatchObject({ id: 'bulk-999', price: 999 });
});
