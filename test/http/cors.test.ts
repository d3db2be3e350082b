import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../support/app';
import { connect, wsUrl } from '../support/subscriptions';

/**
 * CORS on /graphql and /v1/*, as a browser would see it (test/http/browser-cors.test.ts
 * drives a real one): CORS_ORIGINS and every active key's allowedOrigins may send
 * preflights; a key with allowedOrigins is refused from any other Origin and changes
 * nothing; requests without Origin (servers, curl) are untouched.
 */

const SITE = 'https://shop.example';
const KEYS_SITE = 'https://app.example';
const STRANGER = 'https://evil.example';

let t: TestApp;
/** A public key with no origin restriction, and one restricted to KEYS_SITE. */
let open: string;
let bound: string;

beforeAll(async () => {
  t = await startTestApp({ CORS_ORIGINS: `${SITE}, http://localhost:5173` });
  open = await t.keyWith('personalize', 'ingest');
  const created = await t.gql(`mutation { createApiKey(name: "app", scopes: ["personalize", "ingest"], allowedOrigins: ["${KEYS_SITE}"]) { secret } }`);
  bound = created.data!.createApiKey.secret;
});
afterAll(() => t?.close());

const preflight = (path: string, origin: string) =>
  fetch(`${t.baseUrl}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-user-token' },
  });

const track = (key: string, messageId: string, origin?: string) =>
  fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...(origin ? { origin } : {}) },
    body: JSON.stringify({ query: `mutation { track(input: { anonymousId: "v-1", event: "Viewed", messageId: "${messageId}" }) { accepted } }` }),
  });

const segmentTrack = (key: string, messageId: string, origin?: string) =>
  fetch(`${t.baseUrl}/v1/track`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, ...(origin ? { origin } : {}) },
    body: JSON.stringify({ anonymousId: 'v-1', event: 'Viewed', messageId }),
  });

const stored = async (messageId: string) => (await t.db.query('select 1 from events where message_id = $1', [messageId])).rowCount;
const varies = (res: Response) => (res.headers.get('vary') ?? '').toLowerCase().split(/\s*,\s*/);

describe('preflight', () => {
  test.each(['/graphql', '/v1/track'])('%s: an origin in CORS_ORIGINS gets the methods, headers and max-age', async (path) => {
    const res = await preflight(path, SITE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,OPTIONS');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type,content-encoding,x-user-token,apollo-require-preflight,x-apollo-operation-name');
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(varies(res)).toContain('origin');
  });

  test("an origin only a key's allowedOrigins lists is allowed too (the preflight carries no key)", async () => {
    expect((await preflight('/graphql', KEYS_SITE)).headers.get('access-control-allow-origin')).toBe(KEYS_SITE);
  });

  test('any other origin gets a 403 without CORS headers', async () => {
    const res = await preflight('/graphql', STRANGER);
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(varies(res)).toContain('origin');
    expect(await res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe('actual requests', () => {
  test('an allowed origin gets its origin back, the exposed headers and Vary: Origin', async () => {
    const res = await fetch(`${t.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { origin: SITE, authorization: `Bearer ${open}`, 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(varies(res)).toContain('origin');
  });

  test('a request from an origin not allowed gets no CORS headers (its browser hides the answer)', async () => {
    const res = await track(open, 'cors-stranger', STRANGER);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(varies(res)).toContain('origin');
  });

  test('requests without Origin (servers, curl) are untouched, whichever key', async () => {
    for (const [key, id] of [[open, 'cors-server-open'], [bound, 'cors-server-bound']]) {
      const res = await track(key, id);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await stored(id)).toBe(1);
    }
    expect((await segmentTrack(bound, 'cors-server-v1')).status).toBe(200);
    expect(await stored('cors-server-v1')).toBe(1);
  });

  test('a key with allowedOrigins works from them, and from any other Origin is FORBIDDEN and stores nothing, CORS_ORIGINS or not', async () => {
    const fromItsSite = await track(bound, 'cors-bound-ok', KEYS_SITE);
    expect(fromItsSite.status).toBe(200);
    expect(fromItsSite.headers.get('access-control-allow-origin')).toBe(KEYS_SITE);
    expect(await stored('cors-bound-ok')).toBe(1);

    for (const origin of [SITE, STRANGER]) {
      const id = `cors-bound-${origin}`;
      const res = await track(bound, id, origin);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('FORBIDDEN');
      const v1 = await segmentTrack(bound, `${id}-v1`, origin);
      expect(v1.status).toBe(403);
      expect(await v1.json()).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
      expect(await stored(id)).toBe(0);
      expect(await stored(`${id}-v1`)).toBe(0);
    }
    // The write key in the body (analytics.js) is held to the same rule.
    const inBody = await fetch(`${t.baseUrl}/v1/t`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: STRANGER },
      body: JSON.stringify({ writeKey: bound, anonymousId: 'v-1', event: 'Viewed', messageId: 'cors-bound-body' }),
    });
    expect(inBody.status).toBe(403);
    expect(await stored('cors-bound-body')).toBe(0);
  });

  test('a key with allowedOrigins cannot open a graphql-ws connection from another Origin (closed with 4403)', async () => {
    const closed = await new Promise<number>((resolve) => {
      const socket = new WebSocket(wsUrl(t.graphqlUrl), 'graphql-transport-ws', { headers: { origin: STRANGER } });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bound}` } })));
      socket.on('close', (code) => resolve(code));
    });
    expect(closed).toBe(4403);
    // Without Origin (a backend), the same key connects.
    const client = connect(t.graphqlUrl, bound);
    await new Promise<void>((resolve, reject) => {
      client.on('connected', () => resolve());
      client.on('closed', (e) => reject(new Error(`closed: ${(e as { code?: number }).code}`)));
    });
    await client.dispose();
  });
});

test('a new key\'s origins may send preflights at once; a revoked key\'s no longer', async () => {
  const origin = 'https://new.example';
  expect((await preflight('/graphql', origin)).status).toBe(403);
  const created = await t.gql(`mutation { createApiKey(name: "new", scopes: ["personalize"], allowedOrigins: ["${origin}"]) { key { id } } }`);
  expect((await preflight('/graphql', origin)).status).toBe(204);
  await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id: created.data!.createApiKey.key.id });
  expect((await preflight('/graphql', origin)).status).toBe(403);
});
