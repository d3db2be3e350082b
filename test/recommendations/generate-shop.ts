/**
 * A deterministic generated shop for the recommendation tests (seeded PRNG, no files):
 * CLUSTERS groups of PER_CLUSTER products; every buyer belongs to one cluster and buys
 * only inside it (orders of 2–3 items over the last 80 days). On top of that:
 * - `c0-p0` is bought by extra one-off buyers, so it is the most popular product;
 * - `surge` sells to SURGE_BUYERS new buyers in the last 3 days, after one sale 20 days ago.
 * Buyers carry the trait `cluster`, so a segment can select a cluster's buyers.
 */
import { Rng } from '../../src/demo/random';
import type { EventInput } from '../generated/graphql';

export const CLUSTERS = 4;
export const PER_CLUSTER = 6;
export const BUYERS = 80;
export const SURGE_BUYERS = 12;
export const POPULAR_EXTRA_BUYERS = 30;

export const productId = (cluster: number, k: number) => `c${cluster}-p${k}`;
export const clusterOf = (product: string) => Number(/^c(\d+)-/.exec(product)?.[1] ?? -1);
export const buyerId = (i: number) => `shop-u${i}`;
export const buyerCluster = (i: number) => i % CLUSTERS;

type Message = EventInput;

const daysAgo = (days: number, now: number) => new Date(now - days * 86_400_000).toISOString();

function order(userId: string, messageId: string, items: string[], at: string): Message {
  return {
    type: 'TRACK',
    messageId,
    userId,
    event: 'Order Completed',
    timestamp: at,
    properties: {
      order_id: messageId,
      products: items.map((id) => ({ product_id: id, name: `Item ${id}`, category: `cluster-${clusterOf(id)}`, price: 10 + clusterOf(id), quantity: 1 })),
    },
  };
}

/** Every message of the shop, in batches the ingest mutation accepts. */
export function generateShop(now = Date.now(), seed = 7): Message[][] {
  const rng = new Rng(seed);
  const messages: Message[] = [];
  for (let i = 0; i < BUYERS; i++) {
    const cluster = buyerCluster(i);
    const r = rng.fork(i);
    messages.push({ type: 'IDENTIFY', messageId: `shop-id-${i}`, userId: buyerId(i), traits: { cluster }, timestamp: daysAgo(90, now) });
    const orders = r.int(2, 3);
    for (let o = 0; o < orders; o++) {
      const items = new Set<string>();
      const size = r.int(2, 3);
      while (items.size < size) items.add(productId(cluster, r.int(0, PER_CLUSTER - 1)));
      messages.push(order(buyerId(i), `shop-o-${i}-${o}`, [...items], daysAgo(r.int(10, 80), now)));
    }
  }
  for (let i = 0; i < POPULAR_EXTRA_BUYERS; i++) messages.push(order(`shop-fan-${i}`, `shop-fan-o-${i}`, [productId(0, 0)], daysAgo(5 + (i % 40), now)));
  messages.push(order('shop-early', 'shop-surge-early', ['surge'], daysAgo(20, now)));
  for (let i = 0; i < SURGE_BUYERS; i++) messages.push(order(`shop-surge-${i}`, `shop-surge-o-${i}`, ['surge'], daysAgo(1 + (i % 3), now)));
  const batches: Message[][] = [];
  for (let i = 0; i < messages.length; i += 200) batches.push(messages.slice(i, i + 200));
  return batches;
}
