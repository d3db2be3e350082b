import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** `levels` nested fields, alternating through Profile → segments → segment → members → edges → node → profile. */
function nestedQuery(levels: number): string {
  const cycle = ['segments', 'segment', 'members', 'edges', 'node', 'profile'];
  const fields = ['profiles', 'edges', 'node'];
  while (fields.length < levels - 1) fields.push(cycle[(fields.length - 3) % cycle.length]);
  return `{ ${fields.map((f) => `${f} {`).join(' ')} __typename ${'}'.repeat(fields.length)} }`;
}

test('a query nested deeper than GRAPHQL_MAX_DEPTH (12) is refused before it runs', async () => {
  const ok = await t.gql(nestedQuery(12));
  expect(ok.errors).toBeUndefined();

  const res = await t.gql(nestedQuery(13));
  expect(res.status).toBe(400);
  expect(res.data).toBeUndefined();
  expect(res.errors).toEqual([
    expect.objectContaining({ message: 'Query depth limit of 12 exceeded, found 13.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' } }),
  ]);
});

test('more than GRAPHQL_MAX_ALIASES (15) aliases is refused', async () => {
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `k${i}: apiKeys { id }`).join(' ')} }`;
  expect((await t.gql(aliases(15))).errors).toBeUndefined();

  const res = await t.gql(aliases(16));
  expect(res.status).toBe(400);
  expect(res.errors?.[0]).toMatchObject({ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases' } });
});

test('a query whose estimated cost exceeds GRAPHQL_MAX_COST (5000) is refused; page sizes multiply the cost', async () => {
  const cheap = await t.gql(`{ profiles(first: 100) { edges { node { id traits stats { orders revenue } } } } }`);
  expect(cheap.errors).toBeUndefined();

  const res = await t.gql(`{ profiles(first: 100) { edges { node { events(first: 100) { edges { node { id name } } } } } } }`);
  expect(res.status).toBe(400);
  expect(res.errors?.[0].message).toMatch(/^Query Cost limit of 5000 exceeded, found \d+/);
  expect(res.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'costLimit' });
});

test('a document of more than GRAPHQL_MAX_TOKENS (2000) tokens is refused while parsing', async () => {
  const res = await t.gql(`{ ${'__typename '.repeat(2001)} }`);
  expect(res.status).toBe(400);
  expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Document contains more th\w+ 2000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
});

test('error messages do not suggest field names', async () => {
  const res = await t.gql(`{ profil(id: "x") { id } }`);
  expect(res.status).toBe(400);
  expect(res.errors?.[0].message).toMatch(/Cannot query field "profil"/);
  expect(res.errors?.[0].message).not.toMatch(/Did you mean/);
});

test('a body over the size limit is refused with PAYLOAD_TOO_LARGE', async () => {
  const big = JSON.stringify({ query: '{ apiKeys { id } }', variables: { pad: 'x'.repeat(t.config.ingest.maxBodyBytes) } });
  const res = await fetch(t.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` }, body: big });
  expect(res.status).toBe(413);
  expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
});
