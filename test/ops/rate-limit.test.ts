import { startTestApp, type TestApp } from '../support/app';
import { basicAuth } from '../support/v1';

// A burst of two (three for personalize keys) refilled at one request per 100 s, so the
// outcome does not depend on how fast the machine runs the requests.
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ RATE_LIMIT_PER_SECOND: '0.01', RATE_LIMIT_BURST: '2', RATE_LIMIT_PERSONALIZE_PER_SECOND: '0.01', RATE_LIMIT_PERSONALIZE_BURST: '3' });
});
afterAll(() => t.close());

const QUERY = `{ segment(key: "none") { id } }`;

test('a key over its rate gets 429 RATE_LIMITED with Retry-After; other keys are unaffected', async () => {
  const greedy = await t.keyWith('read');
  const other = await t.keyWith('read');
  expect((await t.gql(QUERY, {}, greedy)).status).toBe(200);
  expect((await t.gql(QUERY, {}, greedy)).status).toBe(200);

  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${greedy}` },
    body: JSON.stringify({ query: QUERY }),
  });
  expect(res.status).toBe(429);
  expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
  expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: Number(res.headers.get('retry-after')) });

  const unaffected = await t.gql(QUERY, {}, other);
  expect(unaffected.status).toBe(200);
  expect(unaffected.errors).toBeUndefined();
  // Admin keys are not throttled by default (RATE_LIMIT_ADMIN_PER_SECOND).
  for (let i = 0; i < 5; i++) expect((await t.gql(QUERY)).status).toBe(200);
});

test('a personalize key lives under its own limit', async () => {
  const frontend = await t.keyWith('personalize');
  const statuses: number[] = [];
  for (let i = 0; i < 4; i++) statuses.push((await t.gql(`{ __typename }`, {}, frontend)).status);
  expect(statuses).toEqual([200, 200, 200, 429]);
});

test('/v1 ingest is limited per write key too, with code RATE_LIMITED in the Segment-style body', async () => {
  const writeKey = await t.keyWith('ingest');
  const post = (n: number) =>
    fetch(`${t.baseUrl}/v1/track`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth(writeKey) },
      body: JSON.stringify({ userId: 'rate-1', event: 'Clicked', messageId: `rl-${n}` }),
    });
  expect((await post(1)).status).toBe(200);
  expect((await post(2)).status).toBe(200);
  const res = await post(3);
  expect(res.status).toBe(429);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(await res.json()).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });

  // A key sent in the body (analytics.js) counts against the same bucket.
  const inBody = await fetch(`${t.baseUrl}/v1/t`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: JSON.stringify({ writeKey, userId: 'rate-1', event: 'Clicked', messageId: 'rl-4' }),
  });
  expect(inBody.status).toBe(429);
});
