import { ApiKeyService } from '../../src/auth/api-key.service';
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

test('ensure() never brings back a revoked configured key (ADMIN_API_KEY): it reports it and leaves it revoked', async () => {
  const secret = 'sk_configured_admin_key_for_test_0001';
  expect(await t.app.services.apiKeys.ensure('configured', secret, ['admin'])).toBe('created');
  expect(await t.app.services.apiKeys.ensure('configured', secret, ['admin'])).toBe('present');
  const [{ id }] = (await t.db.query<{ id: string }>(`select id from api_keys where name = 'configured'`)).rows;
  await t.gql(`mutation($id: ID!) { revokeApiKey(id: $id) { id } }`, { id });
  expect((await t.gql(`{ apiKeys { id } }`, {}, secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(await t.app.services.apiKeys.ensure('configured', secret, ['admin'])).toBe('revoked');
  expect((await t.gql(`{ apiKeys { id } }`, {}, secret)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await t.db.query(`select 1 from api_keys where id = $1 and revoked_at is not null`, [id])).rowCount).toBe(1);
});

test('allowedOrigins are stored normalized and shown to admins; a malformed one is BAD_USER_INPUT naming it and stores nothing', async () => {
  const create = `mutation($origins: [String!]) { createApiKey(name: "web", scopes: ["personalize"], allowedOrigins: $origins) { key { id allowedOrigins } } }`;
  const made = await t.gql(create, { origins: ['https://Shop.Example.com/', 'http://localhost:3000', 'https://shop.example.com:443'] });
  expect(made.data!.createApiKey.key.allowedOrigins).toEqual(['https://shop.example.com', 'http://localhost:3000']);
  const unrestricted = await t.gql(create, { origins: null });
  expect(unrestricted.data!.createApiKey.key.allowedOrigins).toBeNull();

  const before = (await t.db.query<{ n: number }>('select count(*)::int as n from api_keys')).rows[0].n;
  for (const bad of ['shop.example.com', 'https://shop.example.com/page', '*', 'https://*.example.com']) {
    const refused = await t.gql(create, { origins: ['https://fine.example', bad] });
    expect(refused.status).toBe(200);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', path: 'allowedOrigins[1]' } });
  }
  expect((await t.db.query<{ n: number }>('select count(*)::int as n from api_keys')).rows[0].n).toBe(before);
});

describe('key lookups under load', () => {
  afterEach(() => jest.restoreAllMocks());

  /** A service over the test database that counts its reads of api_keys. */
  function countingService() {
    const counter = { reads: 0 };
    const service = new ApiKeyService(() => {
      const em = t.orm.em.fork();
      const findOne = em.findOne.bind(em);
      em.findOne = ((...args: Parameters<typeof findOne>) => {
        counter.reads++;
        return findOne(...args);
      }) as typeof em.findOne;
      return em;
    });
    return { service, counter };
  }

  test('concurrent requests for an uncached key share one read; an expired entry is refreshed by one read while answers keep coming', async () => {
    const secret = await t.keyWith('read');
    const { service, counter } = countingService();
    const cold = await Promise.all(Array.from({ length: 50 }, () => service.authenticate(secret)));
    expect(cold.every((p) => p?.scopes.includes('read'))).toBe(true);
    expect(counter.reads).toBe(1);

    const later = Date.now() + 11_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    const stale = await Promise.all(Array.from({ length: 50 }, () => service.authenticate(secret)));
    expect(stale.every((p) => p?.scopes.includes('read'))).toBe(true);
    expect(counter.reads).toBe(2);
  });

  test('an unknown key is cached like a known one, and a revoked key stops working at once', async () => {
    const { service, counter } = countingService();
    expect(await service.authenticate('sk_not_a_key')).toBeNull();
    expect(await service.authenticate('sk_not_a_key')).toBeNull();
    expect(counter.reads).toBe(1);

    const { key, secret } = await service.create('short-lived', ['read']);
    expect(await service.authenticate(secret)).not.toBeNull();
    await service.revoke(key.id);
    expect(await service.authenticate(secret)).toBeNull();
  });
});
