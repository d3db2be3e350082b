import { startTestApp, type TestApp } from '../support/app';
import { HOUR, MINUTE, ingestHistory, occurrencesOf } from './helpers';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ ABANDONED_CART_MINUTES: '60' });
});
afterAll(() => t.close());

const now = new Date(Math.floor(Date.now() / 1000) * 1000);
const ago = (ms: number) => new Date(now.getTime() - ms);
const added = (at: Date, product_id: string, price = 10, quantity = 1) => ({ at, event: 'Product Added', properties: { product_id, name: `Product ${product_id}`, price, quantity } });
const ordered = (at: Date) => ({ at, event: 'Order Completed', properties: { order_id: `o-${at.getTime()}`, revenue: 20 } });

test('a cart idle for N minutes without an order fires once, with its products, and never again', async () => {
  const first = ago(3 * HOUR);
  const profileId = await ingestHistory(t, 'cart-abandoner', [added(first, 'p1', 12.5, 2), added(ago(2 * HOUR), 'p2', 5)]);

  const scan = await t.app.services.triggers.scan(now);
  expect(scan.counts.abandoned_cart).toBeGreaterThanOrEqual(1);
  const [occurrence, ...more] = await occurrencesOf(t, profileId);
  expect(more).toHaveLength(0);
  expect(occurrence).toMatchObject({ kind: 'abandoned_cart', dedupe_key: `abandoned_cart:${profileId}:${first.toISOString().replace('Z', '000Z')}` });
  expect(occurrence.payload).toMatchObject({
    cartStartedAt: first.toISOString(),
    lastAddedAt: ago(2 * HOUR).toISOString(),
    abandonedAt: ago(HOUR).toISOString(),
    lastOrderAt: null,
    adds: 2,
    value: 30,
    products: [
      { product_id: 'p1', name: 'Product p1', price: 12.5, quantity: 2, addedAt: first.toISOString() },
      { product_id: 'p2', name: 'Product p2', price: 5, quantity: 1, addedAt: ago(2 * HOUR).toISOString() },
    ],
  });

  // A second scan, a later scan, and another add to the same (still unpaid) cart: nothing new.
  await t.app.services.triggers.scan(now);
  await ingestHistory(t, 'cart-abandoner', [added(ago(90 * MINUTE), 'p3')]);
  await t.app.services.triggers.scan(new Date(now.getTime() + MINUTE));
  expect(await occurrencesOf(t, profileId)).toHaveLength(1);
});

test('no trigger when the order arrives in time', async () => {
  const profileId = await ingestHistory(t, 'cart-buyer', [added(ago(3 * HOUR), 'p1'), ordered(ago(2.5 * HOUR))]);
  await t.app.services.triggers.scan(now);
  expect(await occurrencesOf(t, profileId)).toEqual([]);
});

test('no trigger while the shopper is still adding (the last add is younger than N minutes)', async () => {
  const profileId = await ingestHistory(t, 'cart-browsing', [added(ago(5 * HOUR), 'p1'), added(ago(30 * MINUTE), 'p2')]);
  await t.app.services.triggers.scan(now);
  expect(await occurrencesOf(t, profileId)).toEqual([]);
  // An hour later the same cart is abandoned; it is named by its first add.
  await t.app.services.triggers.scan(new Date(now.getTime() + HOUR));
  const [occurrence] = await occurrencesOf(t, profileId);
  expect(occurrence.payload).toMatchObject({ cartStartedAt: ago(5 * HOUR).toISOString(), adds: 2 });
});

test('an order closes the episode: a new cart after it fires again, under a new key', async () => {
  const profileId = await ingestHistory(t, 'cart-repeat', [added(ago(10 * HOUR), 'p1')]);
  await t.app.services.triggers.scan(ago(8 * HOUR));
  await ingestHistory(t, 'cart-repeat', [ordered(ago(7 * HOUR)), added(ago(3 * HOUR), 'p2'), added(ago(2 * HOUR), 'p2')]);
  await t.app.services.triggers.scan(now);
  const occurrences = await occurrencesOf(t, profileId);
  expect(occurrences.map((o) => o.payload.cartStartedAt)).toEqual([ago(10 * HOUR).toISOString(), ago(3 * HOUR).toISOString()]);
  expect(occurrences[1].payload).toMatchObject({ lastOrderAt: ago(7 * HOUR).toISOString(), adds: 2, products: [{ product_id: 'p2' }, { product_id: 'p2' }] });
});

test('events after the scan time are ignored, and carts abandoned before the lookback window are stale', async () => {
  const profileId = await ingestHistory(t, 'cart-old', [added(ago(5 * 24 * HOUR), 'p1')]);
  await t.app.services.triggers.scan(now);
  expect(await occurrencesOf(t, profileId)).toEqual([]);

  const later = await ingestHistory(t, 'cart-future', [added(ago(3 * HOUR), 'p1'), ordered(ago(HOUR))]);
  // As of 90 minutes ago the cart had been idle for 90 minutes and the order had not happened yet.
  await t.app.services.triggers.scan(ago(90 * MINUTE));
  expect(await occurrencesOf(t, later)).toHaveLength(1);
});
