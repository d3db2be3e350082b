import type { Product, ProductChooser } from './catalog';
import { isGiftSeason } from './calendar';
import type { Rng } from './random';

/** A Segment message of the demo history (track, identify or page). */
export interface DemoMessage {
  type: 'track' | 'identify' | 'page';
  messageId: string;
  timestamp: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

export interface Ids {
  userId?: string;
  anonymousId?: string;
}

/**
 * Collects one person's messages with deterministic messageIds (`<prefix>-<n>`), and
 * drops what would lie after "now": a session cut short by the end of history.
 */
export class Timeline {
  readonly items: { at: number; message: DemoMessage }[] = [];
  private n = 0;

  constructor(private readonly prefix: string, private readonly now: number) {}

  emit(at: number, ids: Ids, body: Omit<DemoMessage, 'messageId' | 'timestamp' | 'userId' | 'anonymousId'>): void {
    this.n++;
    if (at > this.now) return;
    const message: DemoMessage = { ...body, messageId: `${this.prefix}-${this.n}`, timestamp: new Date(at).toISOString() };
    if (ids.userId) message.userId = ids.userId;
    if (ids.anonymousId) message.anonymousId = ids.anonymousId;
    this.items.push({ at, message });
  }
}

const productProps = (p: Product) => ({ product_id: p.id, name: p.name, category: p.category, price: p.price });

/** Seconds between two clicks of one visit. */
const pause = (rng: Rng) => (15 + rng.exponential(1 / 45)) * 1000;

export interface Shopper {
  ids: Ids;
  favourite: string;
  timeline: Timeline;
}

/** Landing on the home page or a category page, then looking at a few products; sometimes a cart is left behind. */
export function browseSession(rng: Rng, chooser: ProductChooser, shopper: Shopper, start: number, cartChance = 0.25): void {
  const { ids, timeline } = shopper;
  let t = start;
  landing(rng, shopper, t);
  const viewed: Product[] = [];
  for (let i = 1 + rng.poisson(1.2); i > 0; i--) {
    const product = chooser.choose(rng, shopper.favourite, isGiftSeason(t));
    viewed.push(product);
    timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Product Viewed', properties: productProps(product) });
  }
  if (!rng.chance(cartChance)) return;
  const product = rng.pick(viewed);
  timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Product Added', properties: { ...productProps(product), quantity: 1 } });
  if (rng.chance(0.35)) {
    const cart = [{ ...productProps(product), quantity: 1 }];
    timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Checkout Started', properties: { value: product.price, currency: 'GBP', products: cart } });
  }
}

/**
 * A visit that ends in an order: views, adds (the first item often pulls in its
 * "bought together" partner), checkout, then Order Completed with the Segment
 * e-commerce properties. Returns the order's revenue.
 */
export function orderSession(rng: Rng, chooser: ProductChooser, shopper: Shopper, start: number, orderId: string): number {
  const { ids, timeline } = shopper;
  let t = start;
  landing(rng, shopper, t);
  const basket = chooseBasket(rng, chooser, shopper.favourite, isGiftSeason(t));
  const lines = basket.map((p) => ({ ...productProps(p), quantity: 1 + (rng.chance(0.2) ? rng.geometric(0.5) + 1 : 0) }));
  for (const line of lines) {
    if (rng.chance(0.3)) {
      const other = chooser.choose(rng, shopper.favourite, isGiftSeason(t));
      timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Product Viewed', properties: productProps(other) });
    }
    const { quantity, ...product } = line;
    timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Product Viewed', properties: product });
    timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Product Added', properties: { ...product, quantity } });
  }
  const revenue = Math.round(lines.reduce((sum, l) => sum + l.price * l.quantity, 0) * 100) / 100;
  timeline.emit((t += pause(rng)), ids, { type: 'track', event: 'Checkout Started', properties: { order_id: orderId, value: revenue, currency: 'GBP', products: lines } });
  timeline.emit((t += pause(rng) * 2), ids, { type: 'track', event: 'Order Completed', properties: { order_id: orderId, revenue, currency: 'GBP', products: lines } });
  return revenue;
}

function chooseBasket(rng: Rng, chooser: ProductChooser, favourite: string, giftSeason: boolean): Product[] {
  const basket: Product[] = [];
  const add = (p: Product) => !basket.includes(p) && basket.push(p);
  const first = chooser.choose(rng, favourite, giftSeason);
  add(first);
  if (first.partners.length && rng.chance(0.45)) add(chooser.products[rng.pick(first.partners)]);
  for (let extra = rng.poisson(giftSeason ? 1.3 : 0.8); extra > 0; extra--) add(chooser.choose(rng, favourite, giftSeason));
  return basket;
}

function landing(rng: Rng, shopper: Shopper, at: number): void {
  const onHome = rng.chance(0.5);
  const category = onHome ? undefined : rng.chance(0.6) ? shopper.favourite : undefined;
  const name = category ?? 'Home';
  const path = category ? `/c/${category.toLowerCase().replace(/\s+/g, '-')}` : '/';
  shopper.timeline.emit(at, shopper.ids, { type: 'page', name, properties: { path, title: `${name} | Segmentary Gifts`, ...(category ? { category } : {}) } });
}
