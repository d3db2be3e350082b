import crypto from 'node:crypto';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Body = { data?: Record<string, unknown>; errors?: { message: string; extensions?: { code?: string } }[] };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

async function post(body: unknown): Promise<{ status: number; body: Body }> {
  const res = await fetch(t.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Body };
}

async function get(params: Record<string, unknown>): Promise<{ status: number; body: Body }> {
  const search = new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])));
  // Apollo's CSRF prevention wants a non-simple header on GET; Apollo Client sends this one.
  const res = await fetch(`${t.graphqlUrl}?${search}`, { headers: { authorization: `Bearer ${t.adminKey}`, 'apollo-require-preflight': 'true' } });
  return { status: res.status, body: (await res.json()) as Body };
}

test('POST: an unknown hash is PersistedQueryNotFound; sending the query registers it; the hash alone then runs it', async () => {
  const query = 'query SegmentByKeyPost($key: String!) { segment(key: $key) { id } }';
  const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
  const variables = { key: 'nope' };

  const miss = await post({ extensions, variables });
  expect(miss.status).toBe(200);
  expect(miss.body.errors).toEqual([expect.objectContaining({ message: 'PersistedQueryNotFound', extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }) })]);

  const register = await post({ query, extensions, variables });
  expect(register.body).toEqual({ data: { segment: null } });

  const hit = await post({ extensions, variables });
  expect(hit.body).toEqual({ data: { segment: null } });
});

test('GET: the same flow with extensions and variables in the query string (cacheable by CDNs)', async () => {
  const query = 'query SegmentByKeyGet($key: String!) { segment(key: $key) { id } }';
  const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
  const variables = { key: 'nope' };

  const miss = await get({ extensions, variables });
  expect(miss.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

  expect((await get({ query, extensions, variables })).body).toEqual({ data: { segment: null } });
  expect(await get({ extensions, variables })).toEqual({ status: 200, body: { data: { segment: null } } });
});

test('a hash that does not match the query is refused', async () => {
  const res = await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } } });
  expect(res.status).toBe(400);
  expect(res.body.errors?.[0].message).toMatch(/provided sha does not match query/);
});
