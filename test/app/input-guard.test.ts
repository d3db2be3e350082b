import { startTestApp, type TestApp } from '../support/app';
import { connect } from '../support/subscriptions';

/**
 * Every argument value is checked against its declared type before anything runs
 * (src/http/input-guard.ts): the same 400 BAD_USER_INPUT naming the value on Apollo's path,
 * the direct path and graphql-ws, and nothing is stored.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

interface Raw {
  status: number;
  body: string;
}

async function post(query: string, variables?: Record<string, unknown>): Promise<Raw> {
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.text() };
}

async function rows(): Promise<number> {
  const { rows: [r] } = await t.db.query<{ n: number }>(`select (select count(*) from events) + (select count(*) from placements) + (select count(*) from profiles) as n`);
  return Number(r.n);
}

/** Sends it twice (Apollo's path, then the direct path): both answers must be the same refusal, and nothing stored. */
async function refusedTwice(query: string, variables?: Record<string, unknown>) {
  const before = await rows();
  const direct = t.http.validatedOperations.executed;
  const first = await post(query, variables);
  const second = await post(query, variables);
  expect(t.http.validatedOperations.executed - direct).toBe(1);
  expect(second).toEqual(first);
  expect(first.status).toBe(400);
  expect(await rows()).toBe(before);
  const { errors, data } = JSON.parse(first.body) as { errors: { message: string; extensions: { code: string; path: string } }[]; data?: unknown };
  expect(data).toBeUndefined();
  expect(errors).toHaveLength(1);
  return errors[0];
}

test('a NUL in a literal deep in an input is named by its argument path', async () => {
  const error = await refusedTwice(`mutation { createPlacement(input: { key: "g-slot", rules: [{ content: "a" }, { content: "b" }, { segment: "vip\\u0000", content: "c" }] }) { id } }`);
  expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', path: 'input.rules[2].segment' } });
  expect(error.message).toBe('input.rules[2].segment: contains a NUL character, which cannot be stored');
});

test('a lone surrogate in a variable, inside a JSON scalar, is named by its variable path', async () => {
  const events = [0, 1, 2, 3].map((i) => ({ type: 'IDENTIFY', userId: `g-${i}`, traits: { name: i === 3 ? 'Ann\ud800' : 'Bo' } }));
  const error = await refusedTwice('mutation($events: [EventInput!]!) { ingest(events: $events) { accepted } }', { events });
  expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', path: 'variables.events[3].traits.name' } });
  expect(error.message).toMatch(/unpaired UTF-16 surrogate/);
});

test.each<[string, string, Record<string, unknown> | undefined, unknown, RegExp]>([
  ['a string over 2,048 bytes', 'query($v: String!) { profileByIdentity(kind: EMAIL, value: $v) { id } }', { v: 'é'.repeat(1025) }, 'variables.v', /2048 bytes/],
  ['a DateTimeISO in year 0', 'mutation { runScoring(asOf: "0000-01-01T00:00:00Z") { buyersScored } }', undefined, 'asOf', /1970-01-01/],
  ['a DateTimeISO before the epoch', 'query($from: DateTimeISO!) { segmentStats(segment: "x", from: $from, to: "2026-01-01T00:00:00Z") { start } }', { from: '1969-12-31T23:59:59Z' }, 'variables.from', /1970-01-01/],
  ['JSON nested 40 levels deep', 'query($c: JSONObject) { personalize(placement: "p", anonymousId: "a", context: $c) { reason } }', { c: [...Array(40)].reduce((inner) => ({ d: inner }), 1) }, expect.stringMatching(/^variables\.c(\.d){32}$/), /32 levels/],
])('%s is refused before it runs', async (_, query, variables, path, message) => {
  const error = await refusedTwice(query, variables);
  expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path });
  expect(error.message).toMatch(message);
});

test('a Float beyond 1e12 is refused, naming the field of the input', async () => {
  const error = await refusedTwice('mutation($p: [ProductInput!]!) { upsertProducts(products: $p) { id } }', { p: [{ id: 'g-p', price: 1e308 }] });
  expect(error).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', path: 'variables.p[0].price' } });
});

test('values within the limits pass: 2,048 bytes, 1970, a Float just below 1e12 reaches the service', async () => {
  expect(JSON.parse((await post('query($v: String!) { profileByIdentity(kind: USER_ID, value: $v) { id } }', { v: 'é'.repeat(1024) })).body)).toEqual({ data: { profileByIdentity: null } });
  const stats = JSON.parse((await post('{ segmentStats(segment: "nope", from: "1970-01-01T00:00:00Z", to: "1970-01-02T00:00:00Z") { start } }')).body);
  expect(stats.errors[0].extensions.code).toBe('NOT_FOUND');
  const price = JSON.parse((await post('mutation { upsertProducts(products: [{ id: "g-p", price: 999999999999.5 }]) { id } }')).body);
  expect(price.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: 'products[0].price' })] });
});

test('graphql-ws refuses the same way, for queries and subscriptions', async () => {
  const client = connect(t.graphqlUrl, t.adminKey);
  const refusal = (query: string, variables: Record<string, unknown>) =>
    new Promise<unknown>((resolve) => client.subscribe({ query, variables }, { next: resolve, error: resolve, complete: () => {} }));
  try {
    expect(await refusal('query($v: String!) { profileByIdentity(kind: EMAIL, value: $v) { id } }', { v: 'x\u0000' })).toEqual([
      { message: 'variables.v: contains a NUL character, which cannot be stored', extensions: { code: 'BAD_USER_INPUT', path: 'variables.v' } },
    ]);
    expect(await refusal('subscription($t: Float!) { churnRiskAlert(threshold: $t) { risk } }', { t: -1e300 })).toEqual([
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', path: 'variables.t' } }),
    ]);
  } finally {
    await client.dispose();
  }
});
