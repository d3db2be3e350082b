import { Analytics } from '@segment/analytics-node';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ProfileByIdDocument, ProfileWithEventsDocument, type IdentityKind, type ProfileWithEventsQuery } from '../generated/graphql';

/** The real `@segment/analytics-node` client pointed at this server must just work. */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

interface Delivery {
  statuses: number[];
  errors: unknown[];
  bodies: { batch: Record<string, unknown>[]; writeKey: string; sentAt: string }[];
}

/** A client whose every HTTP request, response and error is recorded. */
function client(opts: { flushAt: number; key?: string; host?: string }): { analytics: Analytics; delivery: Delivery } {
  const analytics = new Analytics({
    writeKey: opts.key ?? writeKey,
    host: opts.host ?? t.baseUrl,
    path: '/v1/batch',
    flushAt: opts.flushAt,
    flushInterval: 60_000,
    maxRetries: 0,
  });
  const delivery: Delivery = { statuses: [], errors: [], bodies: [] };
  analytics.on('http_request', (r) => delivery.bodies.push(JSON.parse(r.body)));
  analytics.on('http_response', (r) => delivery.statuses.push(r.status));
  analytics.on('error', (e) => delivery.errors.push(e));
  return { analytics, delivery };
}

/** Waits for one call to be delivered (the callback fires after its batch got an answer). */
function delivered(send: (cb: (err?: unknown) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => send((err) => (err ? reject(err) : resolve())));
}

type Profile = NonNullable<ProfileWithEventsQuery['profileByIdentity']>;
const profileOf = async (kind: IdentityKind, value: string): Promise<Profile> => (await ok(t, ProfileWithEventsDocument, { kind, value })).profileByIdentity!;
const eventsOf = (p: Profile) => p.events.edges.map((e) => e.node);

test('one batch with identify, track, page and alias lands on one profile', async () => {
  const { analytics, delivery } = client({ flushAt: 20 });
  analytics.page({ anonymousId: 'c-anon-1', name: 'Pricing', category: 'Marketing', properties: { url: 'https://shop.test/pricing' } });
  analytics.track({ anonymousId: 'c-anon-1', event: 'Product Viewed', properties: { product_id: 'sku-9', price: 30 } });
  analytics.identify({ userId: 'c-user-1', traits: { email: 'Lin@Shop.test', name: 'Lin', plan: 'trial' } });
  analytics.alias({ previousId: 'c-anon-1', userId: 'c-user-1' });
  analytics.track({
    userId: 'c-user-1',
    event: 'Order Completed',
    timestamp: new Date('2026-03-01T09:00:00Z'),
    properties: {
      order_id: 'c-o-1',
      currency: 'USD',
      products: [
        { product_id: 'sku-9', price: 30, quantity: 2 },
        { product_id: 'sku-7', price: 4.5, quantity: 3 },
        { product_id: 'sku-1', price: 1.25 },
      ],
    },
  });
  await analytics.closeAndFlush({ timeout: 10_000 });

  expect(delivery.errors).toEqual([]);
  expect(delivery.statuses).toEqual([200]);
  expect(delivery.bodies).toHaveLength(1);
  expect(delivery.bodies[0]).toMatchObject({ writeKey, batch: expect.any(Array) });
  expect(delivery.bodies[0].batch).toHaveLength(5);

  const user = await profileOf('USER_ID', 'c-user-1');
  expect(user.traits).toEqual({ email: 'Lin@Shop.test', name: 'Lin', plan: 'trial' });
  expect(user.identities).toEqual(
    expect.arrayContaining([
      { kind: 'USER_ID', value: 'c-user-1' },
      { kind: 'ANONYMOUS_ID', value: 'c-anon-1' },
      { kind: 'EMAIL', value: 'lin@shop.test' },
    ]),
  );
  expect((await profileOf('ANONYMOUS_ID', 'c-anon-1')).id).toBe(user.id);
  expect((await profileOf('EMAIL', 'lin@shop.test')).id).toBe(user.id);

  const events = eventsOf(user);
  expect(events.map((e) => `${e.type}:${e.name}`).sort()).toEqual(
    ['alias:null', 'identify:null', 'page:Pricing', 'track:Order Completed', 'track:Product Viewed'].sort(),
  );
  // The client's messageIds are kept, so its retries would be no-ops.
  const sentIds = delivery.bodies[0].batch.map((m) => m.messageId).sort();
  expect(events.map((e) => e.messageId).sort()).toEqual(sentIds);

  expect(user.stats.orders).toBe(1);
  expect(user.stats.revenue).toBeCloseTo(30 * 2 + 4.5 * 3 + 1.25, 2);
  expect(user.stats.events).toBe(5);
  // The timestamp given is corrected like Segment does, by receivedAt − sentAt: here only the
  // time between the client stamping sentAt and this server receiving the batch.
  const shift = Date.parse(user.stats.lastOrderAt!) - Date.parse('2026-03-01T09:00:00.000Z');
  expect(shift).toBeGreaterThanOrEqual(0);
  expect(shift).toBeLessThan(5000);
  expect(user.stats.lastSeenAt).not.toBeNull();

  // The library the client names itself with arrives in the stored context.
  for (const e of events) {
    expect(e.context.library).toEqual({ name: '@segment/analytics-node', version: analytics.VERSION });
  }
  const { rows } = await t.db.query(`select context, extra from events where profile_id = $1 and name = 'Pricing'`, [user.id]);
  expect(rows[0].context.library.name).toBe('@segment/analytics-node');
  // Fields outside the ones we interpret (page category, the client's _metadata, ...) are kept.
  expect(rows[0].extra).toMatchObject({ category: 'Marketing' });
});

test('flushAt 1: calls delivered one by one; alias merges an existing anonymous profile', async () => {
  const { analytics, delivery } = client({ flushAt: 1 });
  await delivered((cb) => analytics.page({ anonymousId: 'c-anon-2', name: 'Home' }, cb));
  await delivered((cb) => analytics.track({ anonymousId: 'c-anon-2', event: 'Product Added', properties: { product_id: 'p-2', price: 12 } }, cb));
  await delivered((cb) => analytics.identify({ userId: 'c-user-2', traits: { name: 'Noor' } }, cb));
  const anon = await profileOf('ANONYMOUS_ID', 'c-anon-2');
  const user = await profileOf('USER_ID', 'c-user-2');
  expect(anon.id).not.toBe(user.id);

  await delivered((cb) => analytics.alias({ previousId: 'c-anon-2', userId: 'c-user-2' }, cb));
  await delivered((cb) =>
    analytics.track({ userId: 'c-user-2', event: 'Order Completed', properties: { order_id: 'c-o-2', products: [{ product_id: 'p-2', price: 12, quantity: 4 }] } }, cb),
  );
  await analytics.closeAndFlush({ timeout: 10_000 });

  expect(delivery.errors).toEqual([]);
  expect(delivery.statuses).toEqual([200, 200, 200, 200, 200]);

  const survivor = await profileOf('ANONYMOUS_ID', 'c-anon-2');
  expect(survivor.id).toBe(user.id);
  expect(survivor.merges).toEqual([{ mergedProfileId: anon.id, identityKind: 'ANONYMOUS_ID', identityValue: 'c-anon-2' }]);
  expect(survivor.traits).toEqual({ name: 'Noor' });
  expect(eventsOf(survivor).map((e) => e.name ?? e.type).sort()).toEqual(['Home', 'Order Completed', 'Product Added', 'alias', 'identify']);
  expect(survivor.stats).toMatchObject({ orders: 1, revenue: 48, events: 5 });

  const old = await t.gql(ProfileByIdDocument, { id: anon.id });
  expect(old.data!.profile!.id).toBe(user.id);
});

test('identify and track with both userId and anonymousId link them', async () => {
  const { analytics, delivery } = client({ flushAt: 10 });
  analytics.track({ anonymousId: 'c-anon-3', event: 'Cart Viewed' });
  analytics.identify({ userId: 'c-user-3', anonymousId: 'c-anon-3', traits: { name: 'Sam' } });
  analytics.track({ userId: 'c-user-3', event: 'Checkout Started' });
  await analytics.closeAndFlush({ timeout: 10_000 });
  expect(delivery.errors).toEqual([]);
  const p = await profileOf('USER_ID', 'c-user-3');
  expect((await profileOf('ANONYMOUS_ID', 'c-anon-3')).id).toBe(p.id);
  expect(eventsOf(p).map((e) => e.name ?? e.type).sort()).toEqual(['Cart Viewed', 'Checkout Started', 'identify']);
});

test('one event dated far ahead and one the server cannot take: the batch still gets 200 and the others arrive', async () => {
  const { analytics, delivery } = client({ flushAt: 20 });
  const farAhead = new Date(Date.now() + 400 * 24 * 3600_000);
  analytics.track({ userId: 'c-user-4', event: 'Before' });
  analytics.track({ userId: 'c-user-4', event: 'From the future', timestamp: farAhead });
  analytics.track({ userId: 'c-user-4', event: 'x'.repeat(300) });
  analytics.track({ userId: 'c-user-4', event: 'After' });
  await analytics.closeAndFlush({ timeout: 10_000 });

  expect(delivery.errors).toEqual([]);
  expect(delivery.statuses).toEqual([200]);
  const sent = delivery.bodies[0].batch;
  const { rows } = await t.db.query(`select message_id, name, occurred_at, clamped_from from events where message_id = any($1::text[])`, [sent.map((m) => m.messageId)]);
  expect(rows.map((r) => r.name).sort()).toEqual(['After', 'Before', 'From the future']);
  // The far one is not refused: it is stored at its receipt time, the claimed time kept beside it.
  const future = rows.find((r) => r.name === 'From the future')!;
  expect(future.occurred_at.getTime()).toBeLessThanOrEqual(Date.now());
  expect(Math.abs(future.clamped_from.getTime() - farAhead.getTime())).toBeLessThan(5000);
  expect(rows.filter((r) => r.clamped_from !== null)).toHaveLength(1);
});

test('a wrong write key is refused with 401 and nothing is stored', async () => {
  const { rows: before } = await t.db.query(`select count(*)::int as n from events`);
  const { analytics, delivery } = client({ flushAt: 1, key: 'not-a-real-key' });
  const result = delivered((cb) => analytics.track({ userId: 'c-user-bad', event: 'Nope' }, cb));
  await expect(result).rejects.toBeTruthy();
  await analytics.closeAndFlush({ timeout: 10_000 });
  expect(delivery.statuses).toEqual([401]);
  const { rows: after } = await t.db.query(`select count(*)::int as n from events`);
  expect(after[0].n).toBe(before[0].n);
  expect((await t.gql(ProfileWithEventsDocument, { kind: 'USER_ID', value: 'c-user-bad' })).data!.profileByIdentity).toBeNull();
});
