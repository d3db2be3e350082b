import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';

/**
 * A `personalize` key is what browsers and apps hold: it acts for an anonymous id, or for
 * the user a signed end-user token names. What it may read at all is pinned by
 * test/auth/access.test.ts; this file pins whose data it may ask for.
 */

let t: TestApp;
let frontendKey: string;
let userTokenSecret: string;

beforeAll(async () => {
  t = await startTestApp();
  const created = await t.gql(`mutation { createApiKey(name: "web", scopes: ["personalize"]) { secret userTokenSecret } }`);
  expect(created.errors).toBeUndefined();
  frontendKey = created.data!.createApiKey.secret;
  userTokenSecret = created.data!.createApiKey.userTokenSecret;
  expect(userTokenSecret).toMatch(/^ut_/);
  await t.gql(`mutation { ingest(events: [{ type: TRACK, messageId: "fa-1", userId: "alice", anonymousId: "alice-anon", event: "Page" }, { type: TRACK, messageId: "fa-2", userId: "bob", event: "Page" }]) { accepted } }`);
});
afterAll(() => t?.close());

const sign = (sub: string, expiresInS = 600) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS).sign(new TextEncoder().encode(userTokenSecret));

async function asFrontend(query: string, token?: string) {
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${frontendKey}`, ...(token ? { 'x-user-token': token } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, ...((await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }) };
}

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

test.each([
  ['segmentsFor', (who: string) => `{ segmentsFor(${who}) { enteredAt } }`],
  ['segmentKeysFor', (who: string) => `{ segmentKeysFor(${who}) }`],
  ['recommendations', (who: string) => `{ recommendations(${who}, strategy: POPULAR) { score } }`],
  ['track', (who: string) => `mutation { track(input: { ${who}, event: "Clicked", messageId: "fa-${Math.random()}" }) { accepted } }`],
])('%s: anonymous id allowed; a user id only with that user\'s token', async (_name, op) => {
  expect(code(await asFrontend(op('anonymousId: "alice-anon"')))).toBeUndefined();
  expect(code(await asFrontend(op('userId: "alice"')))).toBe('FORBIDDEN');
  expect(code(await asFrontend(op('userId: "alice"'), await sign('alice')))).toBeUndefined();
  expect(code(await asFrontend(op('userId: "bob"'), await sign('alice')))).toBe('FORBIDDEN');
  const expired = await asFrontend(op('userId: "alice"'), await sign('alice', -60));
  expect(expired.status).toBe(401);
  expect(code(expired)).toBe('UNAUTHENTICATED');
});

test('personalize with a placement: the user token decides whose decision it is', async () => {
  await t.gql(`mutation { createContentItem(input: { key: "hello", type: "banner", title: "Hello", payload: {} }) { key } }`);
  await t.gql(`mutation { createPlacement(input: { key: "home", defaultContent: "hello", rules: [] }) { key } }`);
  const anonymous = await asFrontend(`{ personalize(placement: "home", anonymousId: "alice-anon") { reason content { key } } }`);
  expect(anonymous.errors).toBeUndefined();
  expect(code(await asFrontend(`{ personalize(placement: "home", userId: "bob") { reason } }`, await sign('alice')))).toBe('FORBIDDEN');
});

test('a personalize key cannot introspect', async () => {
  expect(code(await asFrontend(`{ __schema { queryType { name } } }`))).toBe('FORBIDDEN');
});

test('a personalize key cannot subscribe', async () => {
  const client = connect(t.graphqlUrl, frontendKey);
  const sub = subscribe(client, `subscription { churnRiskAlert(threshold: 0.5) { profileId } }`, {}, 'churnRiskAlert');
  await until(() => sub.errors.length > 0, { what: 'the refusal' });
  expect(JSON.stringify(sub.errors)).toMatch(/FORBIDDEN|lacks the scope/);
  await client.dispose();
});
