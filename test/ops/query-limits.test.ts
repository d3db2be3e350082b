import { startTestApp, type TestApp } from '../support/app';
import { connect } from '../support/subscriptions';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

/** `levels` nested fields, alternating through Profile → segments → segment → members → edges → node → profile (pages of 1, so only depth counts). */
function nestedQuery(levels: number): string {
  const cycle = ['segments(first: 1)', 'segment', 'members(first: 1)', 'edges', 'node', 'profile'];
  const fields = ['profiles(first: 1)', 'edges', 'node'];
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
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `k${i}: apiKeys(first: 10) { id }`).join(' ')} }`;
  expect((await t.gql(aliases(15))).errors).toBeUndefined();

  const res = await t.gql(aliases(16));
  expect(res.status).toBe(400);
  expect(res.errors?.[0]).toMatchObject({ message: 'Aliases limit of 15 exceeded, found 16.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxAliases' } });
});

test('a query whose estimated cost exceeds GRAPHQL_MAX_COST (50,000) is refused; page sizes multiply the cost', async () => {
  const cheap = await t.gql(`{ profiles(first: 100) { edges { node { id traits stats { orders revenue } } } } }`);
  expect(cheap.errors).toBeUndefined();

  const res = await t.gql(`{ profiles(first: 100) { edges { node { events(first: 100) { edges { node { id name } } } } } } }`);
  expect(res.status).toBe(400);
  expect(res.errors?.[0].message).toMatch(/^Query Cost limit of 50000 exceeded, found \d+/);
  expect(res.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'costLimit' });
});

test('a page size given in a variable counts exactly as the literal, on every path and transport', async () => {
  const literal = `{ profiles(first: 100) { edges { node { events(first: 100) { edges { node { id name } } } } } } }`;
  const viaVariables = `query($n: Int!, $m: Int!) { profiles(first: $n) { edges { node { events(first: $m) { edges { node { id name } } } } } } }`;
  const refusedLiteral = await t.gql(literal);
  // Twice: the first request goes through Apollo, the repeat through the direct path.
  for (let i = 0; i < 2; i++) {
    const refused = await t.gql(viaVariables, { n: 100, m: 100 });
    expect(refused.status).toBe(400);
    expect(refused.errors).toEqual(refusedLiteral.errors);
  }
  expect((await t.gql(viaVariables, { n: 2, m: 2 })).errors).toBeUndefined();

  const client = connect(t.graphqlUrl, t.adminKey);
  const overSocket = await new Promise<unknown[]>((resolve) => {
    client.subscribe({ query: viaVariables, variables: { n: 100, m: 100 } }, { next: () => resolve([]), error: (e) => resolve(e as unknown[]), complete: () => resolve([]) });
  });
  await client.dispose();
  expect(overSocket).toEqual(refusedLiteral.errors);
});

test('an absent page size counts as its default', async () => {
  // segments defaults to 100 per page and members to 20: 100 × 20 profiles with 30 fields each is over the limit.
  const fields = 'id traits createdAt lastSeenAt ' + 'stats { orders revenue events rfmR rfmF rfmM lifecycle churnRisk pAlive valueTier } '.repeat(1);
  const res = await t.gql(`{ segments { members { edges { node { profile { ${fields} } } } } } }`);
  expect(res.errors?.[0].extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'costLimit' });
  expect((await t.gql(`{ segments(first: 1) { members(first: 1) { edges { node { profile { ${fields} } } } } } }`)).errors).toBeUndefined();
});

test('a document of more than GRAPHQL_MAX_TOKENS (2000) tokens is refused while parsing', async () => {
  const res = await t.gql(`{ ${'__typename '.repeat(2001)} }`);
  expect(res.status).toBe(400);
  expect(res.errors?.[0]).toMatchObject({ message: expect.stringMatching(/Document contains more th\w+ 2000 tokens/), extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
});

const MISSPELLED: [string, Record<string, unknown>, RegExp][] = [
  ['{ profil(id: "x") { id } }', {}, /Cannot query field "profil"/],
  ['{ segmentStats(segment: "s", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: DAYS) { size } }', {}, /DAYS/],
  ['query($i: StatsInterval!) { segmentStats(segment: "s", from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z", interval: $i) { size } }', { i: 'DAYS' }, /DAYS/],
  ['{ segments { keys } }', {}, /Cannot query field "keys"/],
];

test.each(MISSPELLED)('error messages suggest no field or value names over HTTP: %s', async (query, variables, says) => {
  const res = await t.gql(query, variables);
  expect(res.status).toBe(400);
  expect(res.errors?.[0].message).toMatch(says);
  expect(JSON.stringify(res.errors)).not.toMatch(/Did you mean|Suggestion/);
});

test.each(MISSPELLED)('error messages suggest no field or value names over graphql-ws: %s', async (query, variables, says) => {
  const client = connect(t.graphqlUrl, t.adminKey);
  const errors = await new Promise<unknown[]>((resolve) => {
    const found: unknown[] = [];
    client.subscribe({ query, variables }, {
      next: (r) => found.push(...(r.errors ?? [])),
      error: (e) => resolve([...found, ...(Array.isArray(e) ? e : [e])]),
      complete: () => resolve(found),
    });
  });
  await client.dispose();
  expect((errors[0] as { message: string }).message).toMatch(says);
  expect(JSON.stringify(errors)).not.toMatch(/Did you mean|Suggestion/);
});

test('a body over the size limit is refused with PAYLOAD_TOO_LARGE', async () => {
  const big = JSON.stringify({ query: '{ apiKeys { id } }', variables: { pad: 'x'.repeat(t.config.ingest.maxBodyBytes) } });
  const res = await fetch(t.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` }, body: big });
  expect(res.status).toBe(413);
  expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
});
