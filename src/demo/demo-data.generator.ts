import { buildCatalog, CATEGORY_NAMES, ProductChooser, type Product } from './catalog';
import { DAY_MS, demand, MAX_DEMAND, nextArrival, timeOfDay } from './calendar';
import { makePerson, traitsOf } from './people';
import { Rng } from './random';
import { browseSession, orderSession, Timeline, type DemoMessage, type Ids, type Shopper } from './sessions';

export type { DemoMessage } from './sessions';

export interface DemoOptions {
  seed?: number;
  /** The end of the history; defaults to the current time. */
  now?: Date;
  customers?: number;
  months?: number;
  products?: number;
  /** Share of customers who browse anonymously before signing up (the identify then links both ids). */
  anonymousShare?: number;
  /** Share of customers who later browse on a new device and log in there (two profiles merge). */
  newDeviceShare?: number;
  /** Anonymous visitors who never sign up, as a share of customers. */
  visitorShare?: number;
}

export interface DemoSummary {
  customers: number;
  buyers: number;
  anonymousThenSignup: number;
  newDevice: number;
  visitors: number;
  orders: number;
  revenue: number;
  events: number;
  from: string;
  to: string;
}

export interface DemoData {
  /** Segment messages in time order, with deterministic messageIds. */
  messages: DemoMessage[];
  catalog: Product[];
  summary: DemoSummary;
}

export const DEMO_DEFAULTS = { seed: 20240611, customers: 4000, months: 18, products: 200, anonymousShare: 0.25, newDeviceShare: 0.06, visitorShare: 0.15 };

/**
 * Purchase behaviour after BG/NBD (Fader, Hardie & Lee, 2005): while alive a customer
 * buys as a Poisson process, rates varying across customers as Gamma(r, α) (per day);
 * after each purchase they drop out with probability p ~ Beta(a, b). So most buy once
 * or twice and a loyal few buy often.
 */
const PURCHASE = { r: 0.75, alpha: 45, a: 1.1, b: 2.8, firstOrderShare: 0.8 };

interface Context {
  rng: Rng;
  chooser: ProductChooser;
  seed: number;
  start: number;
  now: number;
  options: typeof DEMO_DEFAULTS;
  summary: DemoSummary;
}

/** A deterministic retail history: same options (seed and now included), same messages. */
export function generateDemoData(input: DemoOptions = {}): DemoData {
  const options = { ...DEMO_DEFAULTS, ...stripUndefined(input) };
  const now = (input.now ?? new Date()).getTime();
  const start = now - Math.round(options.months * 30.44) * DAY_MS;
  const root = new Rng(options.seed);
  const catalog = buildCatalog(root.fork(1), options.products);
  const summary: DemoSummary = {
    customers: options.customers, buyers: 0, anonymousThenSignup: 0, newDevice: 0, visitors: 0, orders: 0, revenue: 0, events: 0,
    from: new Date(start).toISOString(), to: new Date(now).toISOString(),
  };
  const ctx: Context = { rng: root, chooser: new ProductChooser(catalog), seed: options.seed, start, now, options, summary };
  const items: Timeline['items'] = [];
  for (let i = 1; i <= options.customers; i++) items.push(...simulateCustomer(ctx, i));
  const visitors = Math.round(options.customers * options.visitorShare);
  for (let j = 1; j <= visitors; j++) items.push(...simulateVisitor(ctx, j));
  summary.visitors = visitors;
  // Sorted by time (ties keep generation order), as a live stream would deliver them.
  items.sort((a, b) => a.at - b.at);
  summary.events = items.length;
  summary.revenue = Math.round(summary.revenue * 100) / 100;
  return { messages: items.map((i) => i.message), catalog, summary };
}

function simulateCustomer(ctx: Context, i: number): Timeline['items'] {
  const rng = ctx.rng.fork(1000 + i);
  const timeline = new Timeline(`demo-${ctx.seed}-c${i}`, ctx.now);
  const signupAt = drawSignup(rng, ctx.start, ctx.now);
  const userId = `user-${String(i).padStart(5, '0')}`;
  const anonymousId = rng.chance(ctx.options.anonymousShare) ? rng.uuid() : undefined;
  const shopper: Shopper = { ids: { userId, anonymousId }, favourite: rng.pick(CATEGORY_NAMES), timeline };
  if (anonymousId) {
    ctx.summary.anonymousThenSignup++;
    browseBefore(ctx, rng, { ...shopper, ids: { anonymousId } }, signupAt, 1 + rng.poisson(1.5));
  }
  const traits = traitsOf(makePerson(rng, signupAt), i, signupAt, signupAt, rng.chance(0.45));
  timeline.emit(signupAt, shopper.ids, { type: 'identify', traits });

  const lastActive = simulatePurchases(ctx, rng, shopper, signupAt);
  simulateBrowsing(ctx, rng, shopper, signupAt, lastActive);
  if (rng.chance(ctx.options.newDeviceShare)) simulateNewDevice(ctx, rng, shopper, signupAt, lastActive);
  return timeline.items;
}

/** BG/NBD-like purchasing; returns when the customer was last active (their dropout point, or now). */
function simulatePurchases(ctx: Context, rng: Rng, shopper: Shopper, signupAt: number): number {
  const rate = rng.gamma(PURCHASE.r, 1 / PURCHASE.alpha);
  const dropout = rng.beta(PURCHASE.a, PURCHASE.b);
  if (!rng.chance(PURCHASE.firstOrderShare)) return Math.min(ctx.now, signupAt + rng.exponential(1 / 30) * DAY_MS);
  ctx.summary.buyers++;
  // Most sign up at checkout: the first order follows within minutes.
  let t = signupAt + rng.int(2, 25) * 60_000;
  for (let k = 1; t <= ctx.now; k++) {
    ctx.summary.orders++;
    ctx.summary.revenue += orderSession(rng, ctx.chooser, shopper, t, `DEMO-${shopper.ids.userId!.slice(5)}-${k}`);
    if (rng.chance(dropout)) return t;
    const next = nextArrival(rng, t, rate, ctx.now);
    if (!Number.isFinite(next)) return ctx.now;
    t = Math.max(timeOfDay(rng, next), t + 3_600_000);
  }
  return ctx.now;
}

/** Visits without an order while the customer is around: about two per expected order, some leaving a cart. */
function simulateBrowsing(ctx: Context, rng: Rng, shopper: Shopper, from: number, until: number): void {
  const rate = 0.004 + rng.gamma(0.8, 1 / 30);
  for (let t = nextArrival(rng, from, rate, until); Number.isFinite(t); t = nextArrival(rng, t, rate, until)) {
    browseSession(rng, ctx.chooser, shopper, timeOfDay(rng, t));
  }
}

/** Anonymous visits in the month before `until` (clamped to the history's start). */
function browseBefore(ctx: Context, rng: Rng, shopper: Shopper, until: number, sessions: number): void {
  const from = Math.max(ctx.start, until - 30 * DAY_MS);
  const times = Array.from({ length: sessions }, () => from + rng.next() * Math.max(until - from - 3_600_000, 60_000)).sort((a, b) => a - b);
  for (const t of times) browseSession(rng, ctx.chooser, shopper, Math.min(t, until - 3_600_000), 0.1);
}

/** Browsing anonymously on a new device, then logging in there: the login's identify merges two profiles. */
function simulateNewDevice(ctx: Context, rng: Rng, shopper: Shopper, signupAt: number, lastActive: number): void {
  const loginAt = signupAt + rng.next() * Math.max(0, lastActive - signupAt);
  if (loginAt - signupAt < 14 * DAY_MS) return;
  ctx.summary.newDevice++;
  const device: Ids = { anonymousId: rng.uuid() };
  browseBefore(ctx, rng, { ...shopper, ids: device }, loginAt, 1 + rng.poisson(1));
  shopper.timeline.emit(loginAt, { userId: shopper.ids.userId, anonymousId: device.anonymousId }, { type: 'identify' });
}

function simulateVisitor(ctx: Context, j: number): Timeline['items'] {
  const rng = ctx.rng.fork(5_000_000 + j);
  const timeline = new Timeline(`demo-${ctx.seed}-v${j}`, ctx.now);
  const shopper: Shopper = { ids: { anonymousId: rng.uuid() }, favourite: rng.pick(CATEGORY_NAMES), timeline };
  let t = drawSignup(rng, ctx.start, ctx.now);
  for (let visits = 1 + rng.geometric(0.6); visits > 0 && t <= ctx.now; visits--) {
    browseSession(rng, ctx.chooser, shopper, t, 0.15);
    t = timeOfDay(rng, t + rng.exponential(1 / 10) * DAY_MS);
  }
  return timeline.items;
}

/** Sign-ups grow over the window (a shop gaining customers) and follow the seasonal demand. */
function drawSignup(rng: Rng, start: number, now: number): number {
  for (;;) {
    const u = rng.next();
    const t = start + u * (now - start);
    if (rng.next() * 1.5 * MAX_DEMAND >= (0.5 + u) * demand(t)) continue;
    const at = timeOfDay(rng, t);
    // The last day's hour may lie past "now"; such a draw is simply taken again.
    if (at <= now) return at;
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
