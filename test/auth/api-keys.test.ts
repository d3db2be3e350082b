import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const CREATE = `mutation($name: String!, $scopes: [String!]!) { createApiKey(name: $name, scopes: $scopes) { secret key { id name prefix scopes createdAt revokedAt } } }`;

test('a created key works with its scopes, is listed without its secret, and stops working when revoked', async () => {
  const created = await t.gql(CREATE, { name: 'bi tool', scopes: ['read'] });
  expect(created.errors).toBeUndefined();
  const { secret, key } = created.data!.createApiKey;
  expect(key).toMatchObject({ name: 'bi tool', scopes: ['read'], revokedAt: null, prefix: secret.slice(0, 10) });

  expect((await t.gql(`{ profiles(first: 1) { edges { node { id } } } }`, {}, secret)).errors).toBeUndefined();
  const forbidden = await t.gql(`mutation { createApiKey(name: "x", scopes: ["read"]) { secret } }`, {}, secret);
  expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');

  const listed = await t.gql(`{ apiKeys { id name scopes revokedAt } }`);
  expect(listed.data!.apiKeys).toContainEqual({ id: key.id, name: 'bi tool', scopes: ['read'], revokedAt: null });
  expect(JSON.stringify(listed.data)).not.toContain(secret);
  const [{ hash }] = (await t.db.query<{ hash: string }>('select hash from api_keys where id = $1', [key.id])).rows;
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  expect(hash).not.toContain(secret);

  const revoked = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`, { id: key.id });
  expect(revoked.data!.revokeApiKey.revokedAt).toEqual(expect.any(String));
  const again = await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }`, { id: key.id });
  expect(again.data!.revokeApiKey.revokedAt).toBe(revoked.data!.revokeApiKey.revokedAt);

  const refused = await t.gql(`{ profiles(first: 1) { edges { node { id } } } }`, {}, secret);
  expect(refused.status).toBe(401);
  expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

test('revoking an unknown key is NOT_FOUND; bad scopes are BAD_USER_INPUT and store nothing', async () => {
  const missing = await t.gql(`mutation { revokeApiKey(id: "00000000-0000-4000-8000-000000000000") { id } }`);
  expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const before = (await t.db.query<{ n: number }>('select count(*)::int as n from api_keys')).rows[0].n;
  for (const scopes of [['root'], []]) {
    const bad = await t.gql(CREATE, { name: 'x', scopes });
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  }
  expect((await t.db.query<{ n: number }>('select count(*)::int as n from api_keys')).rows[0].n).toBe(before);
});

test('ensure() brings back a revoked configured key (ADMIN_API_KEY) with its scopes', async () => {
  const secret = 'sk_configured_admin_key_for_test_0001';
  await t.app.services.apiKeys.ensure('configured', secret, ['admin']);
  const [{ id }] = (await t.db.query<{ id: string }>(`select id from api_keys where name = 'configured'`)).rows;
  await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id });
  expect((await t.gql(`{ apiKeys { id } }`, {}, secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  await t.app.services.apiKeys.ensure('configured', secret, ['admin']);
  expect((await t.gql(`{ apiKeys { id } }`, {}, secret)).errors).toBeUndefined();
});
