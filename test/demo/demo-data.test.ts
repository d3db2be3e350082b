import fs from 'node:fs';
import path from 'node:path';
import { generateDemoData, type DemoMessage } from '../../src/demo/demo-data.generator';
import { seedDemoDataIfEmpty } from '../../src/demo/demo-data';
import { startTestApp, type TestApp } from '../support/app';

const NOW = new Date('2026-03-01T00:00:00Z');
const DAY = 86_400_000;

const orders = (messages: DemoMessage[]) => messages.filter((m) => m.event === 'Order Completed');
type Line = { product_id: string; price: number; quantity: number };
const linesOf = (m: DemoMessage) => m.properties!.products as Line[];

describe('the generator', () => {
  const data = generateDemoData({ now: NOW });
  const { messages } = data;

  test('is deterministic: the same seed and now give the same messages; another seed does not', () => {
    const a = generateDemoData({ seed: 7, customers: 200, now: NOW });
    expect(generateDemoData({ seed: 7, customers: 200, now: NOW })).toEqual(a);
    expect(generateDemoData({ seed: 8, customers: 200, now: NOW }).messages).not.toEqual(a.messages);
  });

  test('is a well-formed stream: unique messageIds, time order, within ~18 months before now', () => {
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(messages.length);
    const times = messages.map((m) => Date.parse(m.timestamp));
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
    expect(times[times.length - 1]).toBeLessThanOrEqual(NOW.getTime());
    expect(times[0]).toBeGreaterThan(NOW.getTime() - 19 * 31 * DAY);
    expect(data.summary.events).toBe(messages.length);
  });

  test('orders follow the Segment e-commerce spec, revenue being the sum of price × quantity', () => {
    for (const order of orders(messages).slice(0, 500)) {
      expect(order.properties).toMatchObject({ order_id: expect.any(String), currency: 'GBP' });
      const sum = linesOf(order).reduce((s, l) => s + l.price * l.quantity, 0);
      expect(order.properties!.revenue).toBeCloseTo(sum, 2);
      for (const line of linesOf(order)) expect(Object.keys(line).sort()).toEqual(['category', 'name', 'price', 'product_id', 'quantity']);
    }
  });

  test('product popularity is skewed: the top 10% of products take a large share of order lines', () => {
    const perProduct = new Map<string, number>();
    for (const line of orders(messages).flatMap(linesOf)) perProduct.set(line.product_id, (perProduct.get(line.product_id) ?? 0) + 1);
    const counts = [...perProduct.values()].sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    const top = counts.slice(0, Math.ceil(data.catalog.length / 10)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.35);
    expect(top / total).toBeLessThan(0.8);
  });

  test('many buy once, a good share come back, and a loyal few buy often', () => {
    const perBuyer = new Map<string, number>();
    for (const o of orders(messages)) perBuyer.set(o.userId!, (perBuyer.get(o.userId!) ?? 0) + 1);
    const n = [...perBuyer.values()];
    const share = (f: (k: number) => boolean) => n.filter(f).length / n.length;
    expect(share((k) => k === 1)).toBeGreaterThan(0.35);
    expect(share((k) => k >= 2)).toBeGreaterThan(0.25);
    expect(share((k) => k >= 6)).toBeGreaterThan(0.02);
    expect(perBuyer.size / data.summary.customers).toBeGreaterThan(0.6);
  });

  test('November and December are busier than the following January and February', () => {
    const perDay = (from: string, to: string) =>
      orders(messages).filter((o) => o.timestamp >= from && o.timestamp < to).length / ((Date.parse(to) - Date.parse(from)) / DAY);
    // Later months have more customers, so this compares against a period the growth favours.
    expect(perDay('2025-11-01', '2026-01-01')).toBeGreaterThan(1.3 * perDay('2026-01-01', '2026-03-01'));
  });

  test('about a quarter of customers browsed anonymously before signing up with the same anonymousId', () => {
    const signups = messages.filter((m) => m.type === 'identify' && m.traits);
    const anonymousFirst = new Set(messages.filter((m) => !m.userId && m.anonymousId).map((m) => m.anonymousId));
    const linked = signups.filter((m) => m.anonymousId && anonymousFirst.has(m.anonymousId));
    expect(signups.length).toBe(data.summary.customers);
    expect(linked.length / signups.length).toBeGreaterThan(0.2);
    expect(linked.length / signups.length).toBeLessThan(0.3);
    const lastAnonymous = new Map<string, string>();
    for (const m of messages) if (!m.userId && m.anonymousId) lastAnonymous.set(m.anonymousId, m.timestamp);
    for (const signup of linked) expect(lastAnonymous.get(signup.anonymousId!)! < signup.timestamp).toBe(true);
  });
});

describe('seeding a new database', () => {
  let t: TestApp;
  const log = jest.fn();
  const options = { seed: 99, customers: 150, now: NOW, newDeviceShare: 0.3 };
  const { messages, summary } = generateDemoData(options);

  beforeAll(async () => {
    t = await startTestApp();
    await seedDemoDataIfEmpty(t.app.services, log, options);
  });
  afterAll(() => t.close());

  test('ingests every generated event and logs one summary line', async () => {
    const { rows } = await t.db.query(`select count(*)::int as n from events where source = 'demo'`);
    expect(rows[0].n).toBe(messages.length);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0][0]).toMatch(/^demo data: 150 customers .* orders, \d+ events .* in [\d.]+ s$/);
  });

  test('a visitor who browsed anonymously and then signed up is one profile, with their orders in its stats', async () => {
    const signups = messages.filter((m) => m.type === 'identify' && m.traits && m.anonymousId);
    const buyer = signups.find((s) => orders(messages).some((o) => o.userId === s.userId))!;
    const byUser = await t.app.services.profiles.byIdentity('user_id', buyer.userId!);
    const byAnonymous = await t.app.services.profiles.byIdentity('anonymous_id', buyer.anonymousId!);
    expect(byAnonymous!.id).toBe(byUser!.id);
    const theirs = orders(messages).filter((o) => o.userId === buyer.userId);
    expect(byUser!.stats).toMatchObject({ orders: theirs.length, revenue: expect.closeTo(theirs.reduce((s, o) => s + (o.properties!.revenue as number), 0), 2) });
    expect(byUser!.traits).toMatchObject({ email: expect.stringMatching(/@example\.com$/), country: expect.any(String) });
  });

  test('a customer who logs in on a second device has that device merged into their profile', async () => {
    expect(summary.newDevice).toBeGreaterThan(0);
    const logins = messages.filter((m) => m.type === 'identify' && !m.traits);
    for (const login of logins) {
      const byDevice = await t.app.services.profiles.byIdentity('anonymous_id', login.anonymousId!);
      const byUser = await t.app.services.profiles.byIdentity('user_id', login.userId!);
      expect(byDevice!.id).toBe(byUser!.id);
    }
    const { rows } = await t.db.query(`select count(*)::int as n from profiles where merged_into is not null`);
    expect(rows[0].n).toBeGreaterThan(0);
  });

  test('profiles: one per customer and per anonymous visitor; a second start seeds nothing', async () => {
    const { rows } = await t.db.query(`select count(*)::int as n from profiles where merged_into is null`);
    expect(rows[0].n).toBe(summary.customers + summary.visitors);
    await seedDemoDataIfEmpty(t.app.services, log, options);
    expect(log).toHaveBeenCalledTimes(1);
  });
});

describe('recommendations right after seeding', () => {
  let t: TestApp;
  const options = { seed: 5, customers: 150, now: NOW };
  const { messages } = generateDemoData(options);

  beforeAll(async () => {
    // The clock the demo history ends at, as a fresh `npm start` has it.
    t = await startTestApp({ RECS_INGEST_REFRESH_DELAY_MS: '0' }, { clock: { now: () => NOW } });
    await seedDemoDataIfEmpty(t.app.services, () => {}, options);
  });
  afterAll(() => t.close());

  test('POPULAR and a buyer’s FOR_YOU answer with products, with no refreshRecommendations call', async () => {
    const popular = await t.app.services.recommendations.recommend({ profileId: null, strategy: 'POPULAR', limit: 5, excludePurchased: false });
    expect(popular).toHaveLength(5);
    expect(popular.every((r) => r.strategy === 'POPULAR')).toBe(true);
    const frequent = [...orders(messages).reduce((n, o) => n.set(o.userId!, (n.get(o.userId!) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1])[0][0];
    const buyer = await t.app.services.profiles.byIdentity('user_id', frequent);
    const forYou = await t.app.services.recommendations.recommend({ profileId: buyer!.id, strategy: 'FOR_YOU', limit: 5, excludePurchased: true });
    expect(forYou).toHaveLength(5);
    expect(forYou[0].strategy).toBe('FOR_YOU');
    const { rows } = await t.db.query(`select not stale as fresh from recommendation_lists where profile_id = $1`, [buyer!.id]);
    expect(rows[0].fresh).toBe(true);
  });
});

test('the README’s FOR_YOU example names a buyer of the default demo history', () => {
  const { messages } = generateDemoData();
  expect(orders(messages).filter((o) => o.userId === 'user-00001').length).toBeGreaterThan(0);
  expect(fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8')).toContain('recommendations(userId: \\"user-00001\\", strategy: FOR_YOU');
});
