import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { basicAuth, postV1 } from '../support/v1';
import { ProfileWithEventsDocument, type IdentityKind } from '../generated/graphql';

/** The Segment-compatible HTTP Tracking API (`/v1/*`), exercised over real HTTP. */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

/** POSTs to /v1 with the ingest key (or `key`). */
const post = (path: string, payload: unknown, opts: { key?: string; gzip?: boolean; contentType?: string } = {}) =>
  postV1(t.baseUrl, path, payload, { ...opts, key: opts.key ?? writeKey });

const profileOf = async (kind: IdentityKind, value: string) => (await ok(t, ProfileWithEventsDocument, { kind, value })).profileByIdentity!;

async function eventRow(messageId: string) {
  const { rows } = await t.db.query(`select profile_id, type, name, properties, context, extra, occurred_at, source from events where message_id = $1`, [
    messageId,
  ]);
  return rows[0];
}

describe('single-message endpoints', () => {
  test.each([
    ['/v1/identify', { userId: 'single-identify', traits: { plan: 'pro' } }, 'identify', null],
    ['/v1/track', { userId: 'single-track', event: 'Signed Up', properties: { source: 'ad' } }, 'track', 'Signed Up'],
    ['/v1/page', { anonymousId: 'single-page', name: 'Home', properties: { url: 'https://x.test/' } }, 'page', 'Home'],
    ['/v1/screen', { anonymousId: 'single-screen', name: 'Settings' }, 'screen', 'Settings'],
  ])('%s stores one event of the path’s type', async (path, message, type, name) => {
    const messageId = `single-${type}`;
    const res = await post(path, { ...message, messageId });
    expect(res).toEqual({ status: 200, body: { success: true, accepted: 1, duplicates: 0 } });
    const row = await eventRow(messageId);
    expect(row).toMatchObject({ type, name, source: 'http' });
  });

  test('the path decides the type even when the body names another', async () => {
    const res = await post('/v1/track', { type: 'identify', userId: 'path-wins', event: 'Clicked', messageId: 'path-wins-1' });
    expect(res.status).toBe(200);
    expect(await eventRow('path-wins-1')).toMatchObject({ type: 'track', name: 'Clicked' });
  });

  test('identify sets traits and gives the profile an email identity (canonical, lower-case)', async () => {
    const res = await post('/v1/identify', { userId: 'u-email', traits: { email: 'Ada@Example.COM', name: 'Ada', plan: 'free' } });
    expect(res.body).toMatchObject({ success: true, accepted: 1 });
    await post('/v1/identify', { userId: 'u-email', traits: { plan: 'pro' } });
    const p = await profileOf('USER_ID', 'u-email');
    expect(p.traits).toEqual({ email: 'Ada@Example.COM', name: 'Ada', plan: 'pro' });
    expect(p.identities).toEqual(
      expect.arrayContaining([
        { kind: 'USER_ID', value: 'u-email' },
        { kind: 'EMAIL', value: 'ada@example.com' },
      ]),
    );
    expect((await profileOf('EMAIL', 'ADA@example.com')).id).toBe(p.id);
  });

  test('unknown top-level fields are kept in events.extra and context is stored verbatim', async () => {
    const context = { ip: '203.0.113.9', locale: 'de-DE', library: { name: 'analytics-python', version: '2.3.2' }, campaign: { name: 'spring' } };
    const res = await post('/v1/track', {
      messageId: 'extra-1',
      userId: 'u-extra',
      event: 'Coupon Applied',
      properties: { coupon: 'SPRING' },
      context,
      integrations: { All: false, Mixpanel: true },
      channel: 'server',
      version: 2,
      someVendorField: { nested: [1, 2, 3] },
    });
    expect(res.status).toBe(200);
    const row = await eventRow('extra-1');
    expect(row.context).toEqual(context);
    expect(row.extra).toEqual({ integrations: { All: false, Mixpanel: true }, channel: 'server', version: 2, someVendorField: { nested: [1, 2, 3] } });
    expect(row.properties).toEqual({ coupon: 'SPRING' });
  });

  test('a message with only known fields stores no extra', async () => {
    await post('/v1/track', { messageId: 'no-extra-1', userId: 'u-extra', event: 'Plain' });
    expect((await eventRow('no-extra-1')).extra).toBeNull();
  });

  test('timestamp is honoured; without it originalTimestamp is corrected by sentAt skew', async () => {
    await post('/v1/track', { messageId: 'ts-1', userId: 'u-ts', event: 'Timed', timestamp: '2026-01-02T03:04:05.000Z' });
    expect((await eventRow('ts-1')).occurred_at.toISOString()).toBe('2026-01-02T03:04:05.000Z');

    // The client clock is 1 h ahead; the event happened 10 s before it was sent.
    const clientNow = Date.now() + 3600_000;
    const before = Date.now();
    await post('/v1/track', {
      messageId: 'ts-2',
      userId: 'u-ts',
      event: 'Skewed',
      originalTimestamp: new Date(clientNow - 10_000).toISOString(),
      sentAt: new Date(clientNow).toISOString(),
    });
    const at = (await eventRow('ts-2')).occurred_at.getTime();
    expect(at).toBeGreaterThanOrEqual(before - 10_000 - 1000);
    expect(at).toBeLessThanOrEqual(Date.now() - 10_000 + 1000);
  });

  test.each([
    ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02T03:04:05.123456Z', '2026-01-02T03:04:05.123Z'],
    ['2026-01-02T03:04:05+01:00', '2026-01-02T02:04:05.000Z'],
    ['2026-01-02T03:04:05+0100', '2026-01-02T02:04:05.000Z'],
    ['2026-01-02T03:04:05-05', '2026-01-02T08:04:05.000Z'],
    // Without an offset a time is read as UTC, never in the server's own time zone.
    ['2026-01-02T03:04:05', '2026-01-02T03:04:05.000Z'],
    ['2026-01-02 03:04', '2026-01-02T03:04:00.000Z'],
    ['2026-01-02', '2026-01-02T00:00:00.000Z'],
    [Date.UTC(2026, 0, 2, 3, 4, 5), '2026-01-02T03:04:05.000Z'],
  ])('timestamp %j is stored as %s', async (timestamp, expected) => {
    const messageId = `ts-form-${String(timestamp)}`;
    const res = await post('/v1/track', { messageId, userId: 'u-ts', event: 'Timed', timestamp });
    expect(res.status).toBe(200);
    expect((await eventRow(messageId)).occurred_at.toISOString()).toBe(expected);
  });

  test('the write key can be sent as a Bearer token or in the body', async () => {
    const bearer = await fetch(`${t.baseUrl}/v1/track`, {
      method: 'POST',
      headers: { authorization: `Bearer ${writeKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'u-keys', event: 'Bearer' }),
    });
    expect(bearer.status).toBe(200);
    const inBody = await fetch(`${t.baseUrl}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ writeKey, userId: 'u-keys', event: 'Body Key', messageId: 'body-key-1' }),
    });
    expect(inBody.status).toBe(200);
    // The key itself is never stored with the event.
    expect((await eventRow('body-key-1')).extra).toBeNull();
  });

  test('an unknown /v1 path is 404 NOT_FOUND and GET is refused', async () => {
    const res = await post('/v1/nope', { userId: 'x' });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ success: false, error: { code: 'NOT_FOUND' } });
    const get = await fetch(`${t.baseUrl}/v1/track`, { headers: { authorization: basicAuth(writeKey) } });
    expect(get.status).toBe(400);
    expect(await get.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
  });
});

describe('batch and import', () => {
  test.each(['/v1/batch', '/v1/import'])('%s stores every message type, applying batch-level context', async (path) => {
    const p = path.slice(4);
    const res = await post(path, {
      batch: [
        { type: 'identify', messageId: `${p}-1`, userId: `${p}-user`, traits: { tier: 'gold' } },
        { type: 'track', messageId: `${p}-2`, userId: `${p}-user`, event: 'Product Viewed', properties: { product_id: 'sku-1' }, context: { page: { path: '/p/1' } } },
        { type: 'page', messageId: `${p}-3`, userId: `${p}-user`, name: 'Catalog', context: { library: { name: 'own', version: '9' } } },
        { type: 'screen', messageId: `${p}-4`, userId: `${p}-user`, name: 'Cart' },
      ],
      context: { library: { name: 'analytics-ruby', version: '2.4.0' }, ip: '198.51.100.7' },
      integrations: { Amplitude: false },
      sentAt: new Date().toISOString(),
    });
    expect(res).toEqual({ status: 200, body: { success: true, accepted: 4, duplicates: 0 } });

    const one = await eventRow(`${p}-1`);
    expect(one.context).toEqual({ library: { name: 'analytics-ruby', version: '2.4.0' }, ip: '198.51.100.7' });
    expect(one.extra).toEqual({ integrations: { Amplitude: false } });
    // A message's own context keys are merged over the batch's, key by key.
    expect((await eventRow(`${p}-2`)).context).toEqual({ library: { name: 'analytics-ruby', version: '2.4.0' }, ip: '198.51.100.7', page: { path: '/p/1' } });
    expect((await eventRow(`${p}-3`)).context).toEqual({ library: { name: 'own', version: '9' }, ip: '198.51.100.7' });

    const profile = await profileOf('USER_ID', `${p}-user`);
    expect(profile.traits).toEqual({ tier: 'gold' });
    expect(profile.stats.events).toBe(4);
    const byType = Object.fromEntries(profile.events.edges.map((e) => [e.node.type, e.node.name]));
    expect(byType).toEqual({ identify: null, track: 'Product Viewed', page: 'Catalog', screen: 'Cart' });
  });

  test('a message’s own integrations win over the batch’s', async () => {
    await post('/v1/batch', {
      batch: [{ type: 'track', messageId: 'integ-1', userId: 'u-integ', event: 'X', integrations: { All: true } }],
      integrations: { All: false },
    });
    expect((await eventRow('integ-1')).extra).toEqual({ integrations: { All: true } });
  });

  test('a retried batch reports duplicates and stores nothing twice', async () => {
    const payload = {
      batch: [
        { type: 'track', messageId: 'retry-1', userId: 'u-retry', event: 'Order Completed', properties: { order_id: 'r1', revenue: 10 } },
        { type: 'track', messageId: 'retry-2', userId: 'u-retry', event: 'Product Viewed' },
        { type: 'identify', messageId: 'retry-3', userId: 'u-retry', traits: { a: 1 } },
      ],
    };
    expect((await post('/v1/batch', payload)).body).toEqual({ success: true, accepted: 3, duplicates: 0 });
    expect((await post('/v1/batch', payload)).body).toEqual({ success: true, accepted: 0, duplicates: 3 });

    // Partly new: only the new message is stored.
    const partly = { batch: [...payload.batch, { type: 'track', messageId: 'retry-4', userId: 'u-retry', event: 'Cart Viewed' }] };
    expect((await post('/v1/batch', partly)).body).toEqual({ success: true, accepted: 1, duplicates: 3 });

    const { rows } = await t.db.query(`select count(*)::int as n from events where message_id like 'retry-%'`);
    expect(rows[0].n).toBe(4);
    const p = await profileOf('USER_ID', 'u-retry');
    expect(p.stats).toMatchObject({ orders: 1, revenue: 10, events: 4 });
  });

  test('the same messageId twice within one batch is stored once', async () => {
    const m = { type: 'track', messageId: 'in-batch-dup', userId: 'u-dup', event: 'Once' };
    expect((await post('/v1/batch', { batch: [m, m] })).body).toEqual({ success: true, accepted: 1, duplicates: 1 });
  });
});

describe('gzip bodies', () => {
  test.each(['text/plain', 'application/octet-stream', 'application/json'])(
    'a gzipped batch with content type %s is decoded by Content-Encoding',
    async (contentType) => {
      const id = contentType.replace(/\W/g, '-');
      const res = await post(
        '/v1/batch',
        { batch: [{ type: 'track', messageId: `gz-${id}`, anonymousId: `anon-gz-${id}`, event: 'Gzipped', properties: { contentType } }] },
        { gzip: true, contentType },
      );
      expect(res).toEqual({ status: 200, body: { success: true, accepted: 1, duplicates: 0 } });
      expect((await eventRow(`gz-${id}`)).properties).toEqual({ contentType });
    },
  );

  test('a gzipped single track works too', async () => {
    const res = await post('/v1/track', { messageId: 'gz-single', userId: 'u-gz', event: 'Zipped' }, { gzip: true, contentType: 'text/plain' });
    expect(res.status).toBe(200);
    expect(await eventRow('gz-single')).toMatchObject({ name: 'Zipped' });
  });

  test('a body that claims gzip but is not is a 400 BAD_USER_INPUT', async () => {
    const res = await fetch(`${t.baseUrl}/v1/track`, {
      method: 'POST',
      headers: { authorization: basicAuth(writeKey), 'content-encoding': 'gzip', 'content-type': 'text/plain' },
      body: JSON.stringify({ userId: 'u-gz', event: 'Not Zipped' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, error: { code: 'BAD_USER_INPUT' } });
  });
});

describe('alias', () => {
  test('alias merges the anonymous profile into the user’s profile; the old id still resolves', async () => {
    await post('/v1/page', { anonymousId: 'anon-alias', name: 'Landing', messageId: 'alias-page' });
    await post('/v1/track', { anonymousId: 'anon-alias', event: 'Product Viewed', messageId: 'alias-view', properties: { product_id: 'p1' } });
    await post('/v1/identify', { userId: 'u-alias', traits: { name: 'Grace' }, messageId: 'alias-identify' });
    const anon = await profileOf('ANONYMOUS_ID', 'anon-alias');
    const user = await profileOf('USER_ID', 'u-alias');
    expect(anon.id).not.toBe(user.id);

    const res = await post('/v1/alias', { previousId: 'anon-alias', userId: 'u-alias', messageId: 'alias-1' });
    expect(res.body).toEqual({ success: true, accepted: 1, duplicates: 0 });

    const merged = await t.gql(
      `query($id: ID!) { profile(id: $id) { id traits stats { events } identities { kind value } merges { mergedProfileId identityKind identityValue messageId } } }`,
      { id: anon.id },
    );
    expect(merged.errors).toBeUndefined();
    const survivor = merged.data!.profile;
    expect(survivor.id).toBe(user.id);
    expect(survivor.traits).toEqual({ name: 'Grace' });
    expect(survivor.identities).toEqual(
      expect.arrayContaining([
        { kind: 'USER_ID', value: 'u-alias' },
        { kind: 'ANONYMOUS_ID', value: 'anon-alias' },
      ]),
    );
    expect(survivor.merges).toEqual([{ mergedProfileId: anon.id, identityKind: 'ANONYMOUS_ID', identityValue: 'anon-alias', messageId: 'alias-1' }]);
    // Events of both profiles (and the alias itself) now live on the survivor.
    expect(survivor.stats.events).toBe(4);
    expect((await profileOf('ANONYMOUS_ID', 'anon-alias')).id).toBe(user.id);
    const { rows } = await t.db.query(`select count(*)::int as n from events where profile_id = $1`, [anon.id]);
    expect(rows[0].n).toBe(0);
  });

  test('a merge inside one batch moves the batch’s earlier events, traits and stats to the survivor', async () => {
    await post('/v1/identify', { userId: 'u-inbatch', traits: { name: 'Ida' } });
    const user = await profileOf('USER_ID', 'u-inbatch');
    const res = await post('/v1/batch', {
      batch: [
        { type: 'page', anonymousId: 'anon-inbatch', name: 'Landing', messageId: 'inbatch-1' },
        { type: 'identify', anonymousId: 'anon-inbatch', traits: { color: 'red', name: 'anon' }, messageId: 'inbatch-2' },
        { type: 'track', anonymousId: 'anon-inbatch', event: 'Order Completed', properties: { order_id: 'ib-1', revenue: 12 }, messageId: 'inbatch-3' },
        { type: 'alias', previousId: 'anon-inbatch', userId: 'u-inbatch', messageId: 'inbatch-4' },
        { type: 'identify', userId: 'u-inbatch', traits: { name: 'Ida B.' }, messageId: 'inbatch-5' },
      ],
    });
    expect(res.body).toEqual({ success: true, accepted: 5, duplicates: 0 });

    const survivor = await profileOf('ANONYMOUS_ID', 'anon-inbatch');
    expect(survivor.id).toBe(user.id);
    // Later writes win: the user's last identify sets name; the anonymous color is kept.
    expect(survivor.traits).toEqual({ name: 'Ida B.', color: 'red' });
    expect(survivor.stats).toMatchObject({ orders: 1, revenue: 12, events: 6 });
    const { rows } = await t.db.query(
      `select e.message_id from events e join profiles p on p.id = e.profile_id where e.message_id like 'inbatch-%' and p.merged_into is not null`,
    );
    expect(rows).toEqual([]);
    const stats = await t.db.query(`select s.profile_id from profile_stats s join profiles p on p.id = s.profile_id where p.merged_into is not null`);
    expect(stats.rows).toEqual([]);
  });

  test('an alias for an unseen anonymous id just links it', async () => {
    await post('/v1/identify', { userId: 'u-alias-2', traits: { x: 1 } });
    const before = await profileOf('USER_ID', 'u-alias-2');
    await post('/v1/alias', { previousId: 'anon-never-seen', userId: 'u-alias-2' });
    const after = await profileOf('ANONYMOUS_ID', 'anon-never-seen');
    expect(after.id).toBe(before.id);
  });
});

describe('e-commerce stats', () => {
  test('Order Completed via HTTP updates orders, revenue and lastSeenAt', async () => {
    const t1 = '2026-02-01T10:00:00.000Z';
    const t2 = '2026-02-03T12:30:00.000Z';
    await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u-buyer', event: 'Order Completed', timestamp: t1, properties: { order_id: 'o-1', revenue: 19.99, currency: 'EUR' } },
        {
          type: 'track',
          userId: 'u-buyer',
          event: 'Order Completed',
          timestamp: t2,
          properties: { order_id: 'o-2', products: [{ product_id: 'a', price: 10, quantity: 2 }, { product_id: 'b', price: '5.25' }] },
        },
      ],
    });
    await post('/v1/track', { userId: 'u-buyer', event: 'Order Completed', timestamp: '2026-01-15T00:00:00.000Z', properties: { order_id: 'o-0', total: '7.5' } });
    const p = await profileOf('USER_ID', 'u-buyer');
    expect(p.stats.orders).toBe(3);
    expect(p.stats.revenue).toBeCloseTo(19.99 + 25.25 + 7.5, 2);
    expect(new Date(p.stats.lastSeenAt!).toISOString()).toBe(t2);
    expect(new Date(p.stats.lastOrderAt!).toISOString()).toBe(t2);
  });
});

test('browser analytics.js short paths with the write key in the body are accepted', async () => {
  const key = await t.keyWith('ingest');
  const res = await fetch(`${t.baseUrl}/v1/t`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ writeKey: key, type: 'track', event: 'Short Path', anonymousId: 'browser-anon', messageId: 'short-path-1' }),
  });
  expect(res.status).toBe(200);
  const { rows } = await t.db.query(`select name from events where message_id = 'short-path-1'`);
  expect(rows).toEqual([{ name: 'Short Path' }]);
});
