import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { wsUrl } from '../support/subscriptions';
import { startServerProcess } from '../support/server-process';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/wait';

/**
 * Revoking a key reaches every instance within a second: a trigger on api_keys NOTIFYs
 * in the revoking transaction, each instance forgets its cached lookups and closes the
 * key's graphql-ws sockets with 4403. A restart never brings a revoked key back.
 */

let t: TestApp;
/** A second instance on the same database: its own key cache, LISTEN connection and sockets. */
let other: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  other = await startTestApp({}, { database: t.database });
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const PROFILES = `{ profiles(first: 1) { edges { node { id } } } }`;
const status = async (app: TestApp, key: string) => (await app.gql(PROFILES, {}, key)).status;

/** Polls `check` (over HTTP, or of sockets) until it holds, failing after `ms`. */
const within = (ms: number, check: () => boolean | Promise<boolean>, what: string) => until(check, { timeoutMs: ms, intervalMs: 10, what });

/** An open graphql-ws connection, and the close code it ends with. */
async function openSocket(app: TestApp, key: string) {
  // The close is what these tests wait for: graphql-ws would also print it as an error.
  const client = createClient({ url: wsUrl(app.graphqlUrl), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${key}` }, retryAttempts: 0, lazy: false, onNonLazyError: () => {} });
  let code: number | undefined;
  client.on('closed', (event) => (code = (event as { code: number }).code));
  await new Promise<void>((resolve, reject) => {
    client.on('connected', () => resolve());
    client.on('closed', () => reject(new Error(`closed with ${code} before connecting`)));
  });
  return { closedWith: () => code, dispose: () => client.dispose() };
}

async function newKey(): Promise<{ id: string; secret: string }> {
  const created = await t.gql(`mutation { createApiKey(name: "to revoke", scopes: ["read", "subscribe"]) { secret key { id } } }`);
  return { id: created.data!.createApiKey.key.id, secret: created.data!.createApiKey.secret };
}

test('revoked on one instance, a key is refused on the other within 1 s, and its sockets on both close with 4403', async () => {
  const key = await newKey();
  // Both instances have the key cached and a socket open with it; another key's socket stays.
  expect(await status(t, key.secret)).toBe(200);
  expect(await status(other, key.secret)).toBe(200);
  const sockets = [await openSocket(t, key.secret), await openSocket(other, key.secret)];
  const bystander = await openSocket(other, t.adminKey);

  const revoked = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id });
  expect(revoked.errors).toBeUndefined();
  expect(await status(t, key.secret)).toBe(401);
  await within(1_000, async () => (await status(other, key.secret)) === 401, 'the other instance to refuse the key');
  await within(1_000, () => sockets.every((s) => s.closedWith() === 4403), 'both sockets to close with 4403');
  expect(bystander.closedWith()).toBeUndefined();
  await bystander.dispose();
});

test('a revocation written by hand in SQL reaches every instance the same way', async () => {
  const key = await newKey();
  expect(await status(other, key.secret)).toBe(200);
  const socket = await openSocket(other, key.secret);
  await t.db.query(`update api_keys set revoked_at = now() where id = $1`, [key.id]);
  await within(1_000, async () => (await status(other, key.secret)) === 401 && socket.closedWith() === 4403, 'the key refused and its socket closed');
  expect(await status(t, key.secret)).toBe(401);
});

test('a revocation missed while the LISTEN connections were down takes effect when they come back', async () => {
  const key = await newKey();
  expect(await status(other, key.secret)).toBe(200);
  const socket = await openSocket(other, key.secret);
  // Both instances' LISTEN connections go (waiting until they are gone), so the NOTIFY of this revocation reaches no one.
  await t.db.query(
    `select pg_terminate_backend(pid, 5000) from pg_stat_activity where datname = current_database() and query = 'listen segmentary_fence'`,
  );
  await t.db.query(`update api_keys set revoked_at = now() where id = $1`, [key.id]);
  await within(5_000, () => other.app.feed.listening && t.app.feed.listening, 'the LISTEN connections to come back');
  await within(1_000, async () => (await status(other, key.secret)) === 401 && socket.closedWith() === 4403, 'the key refused and its socket closed');
});

test('a key created on one instance: its allowedOrigins may send preflights to the other within 1 s', async () => {
  const origin = 'https://fresh.example';
  const preflight = async () =>
    (await fetch(other.graphqlUrl, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } })).headers.get('access-control-allow-origin');
  expect(await preflight()).toBeNull();
  await t.gql(`mutation { createApiKey(name: "fresh", scopes: ["personalize"], allowedOrigins: ["${origin}"]) { secret } }`);
  await within(1_000, async () => (await preflight()) === origin, 'the preflight to be allowed');
});

test('a server restarted with a revoked ADMIN_API_KEY starts without it, says so, and the key stays revoked', async () => {
  const secret = 'sk_admin_from_env_revocation_test_01';
  expect(await t.app.services.apiKeys.ensure('admin (ADMIN_API_KEY)', secret, ['admin'])).toBe('created');
  const [{ id }] = (await t.db.query<{ id: string }>(`select id from api_keys where name = 'admin (ADMIN_API_KEY)'`)).rows;
  await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id });

  const server = await startServerProcess({ DATABASE_URL: t.database.url, ADMIN_API_KEY: secret });
  try {
    expect(server.output.join('')).toMatch(/ADMIN_API_KEY names a key that was revoked/);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
      body: JSON.stringify({ query: PROFILES }),
    });
    expect(res.status).toBe(401);
    // Every other key still works there.
    const anotherKey = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
      body: JSON.stringify({ query: PROFILES }),
    });
    expect(anotherKey.status).toBe(200);
    expect((await t.db.query(`select 1 from api_keys where id = $1 and revoked_at is not null`, [id])).rowCount).toBe(1);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
