import zlib from 'node:zlib';
import type { GraphQLObjectType } from 'graphql';
import { buildAppSchema } from '../../src/app/schema';
import { startTestApp, type TestApp } from '../support/app';
import { refusalWatch } from '../support/fingerprint';
import { ok } from '../support/graphql';
import { connect } from '../support/subscriptions';
import { mulberry32 } from '../support/random';
import { basicAuth } from '../support/v1';
import { baselines, SEED_OPERATIONS, type FuzzSeed } from './fuzz-baselines';
import { casesFor, incompressible, pathOf, rootFields, type PoisonCase } from './poison-cases';
import { NESTED, below, isRefused, judge, labelOf, operationFor, overSocket, preview, type Errors, type Mode } from './poison-requests';

/**
 * Bounded fuzz runs: malformed GraphQL and /v1 payloads, each built from a valid one
 * by a mutation that must make it invalid, plus random noise; then poison values (below)
 * in every argument of the schema and in /v1 messages. No 5xx, no crash, and nothing
 * stored by a refused request.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const rnd = mulberry32(20261123);
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
const noise = (): unknown => pick<() => unknown>([
  () => null, () => rnd() * 1e12, () => -1, () => '', () => 'x'.repeat(Math.floor(rnd() * 5000)), () => [], () => ({}),
  () => ({ nested: { deeper: [1, { a: 'b' }] } }), () => true, () => '\u0000\uffff\ud800', () => [[[[[]]]]], () => 'null',
])();

const valid = () => ({ type: 'track', messageId: `fz-${rnd()}`, userId: `fz-user-${Math.floor(rnd() * 10)}`, event: 'Page', properties: { a: 1 }, timestamp: new Date().toISOString() });

/** Each mutation is guaranteed to make an event invalid. */
const breakers: ((e: Record<string, unknown>) => void)[] = [
  (e) => { delete e.userId; e.anonymousId = pick(['', 'null', 'anonymous', '0', null]); },
  (e) => { e.type = pick(['tracks', '', 7, null, 'TRACK ']); },
  (e) => { e.event = pick(['', null, 5, { x: 1 }, ' ']); },
  (e) => { e.properties = pick(['str', 5, [1, 2], true]); },
  (e) => { e.timestamp = pick(['yesterday', '2026-13-45T99:00:00Z', 'x', '1989-12-31T00:00:00Z', {}]); },
  (e) => { e.userId = pick([{ id: 1 }, [1], true, 'u'.repeat(300)]); },
  (e) => { e.type = 'track'; e.event = 'Order Completed'; e.properties = { revenue: pick(['abc', {}, [1], '1e400']) }; },
  (e) => { e.context = pick(['ctx', 1, [1]]); },
  (e) => { e.messageId = pick(['', 5, {}, 'm'.repeat(300)]); },
];

/** `typeForced`: the path says the type (/v1/track), so breaking `type` would not break the event. */
function brokenEvent(typeForced = false): Record<string, unknown> {
  const e: Record<string, unknown> = valid();
  if (rnd() < 0.5) e[pick(['extra', 'integrations', 'channel', 'context'])] = noise();
  if (e.context !== undefined && (typeof e.context !== 'object' || Array.isArray(e.context) || e.context === null)) delete e.context;
  pick(typeForced ? breakers.filter((_, i) => i !== 1) : breakers)(e);
  return e;
}

type Request = { path: string; body: Buffer | string; headers: Record<string, string>; key: 'graphql' | 'v1' };

function randomRequest(): Request {
  const json = { 'content-type': 'application/json' };
  const kind = Math.floor(rnd() * 8);
  if (kind === 0) return { path: '/graphql', key: 'graphql', headers: json, body: pick(['{', '{"query":', '[]', 'null', '{"query": 5}', '\u0000', '{"query":"{ profile(id: }"}', '{"query":"mutation { ingest(events: 5) { accepted } }"}']) };
  if (kind === 1) {
    return { path: '/graphql', key: 'graphql', headers: json, body: JSON.stringify({ query: 'mutation($e: [EventInput!]!) { ingest(events: $e) { accepted } }', variables: { e: pick([[{ type: 'TRACK', event: 'X' }], [{ type: 'NOPE' }], 'x', [noise()]]) } }) };
  }
  if (kind === 2) {
    const events = [valid(), brokenEvent(), valid()].map((e) => ({ ...e, type: String(e.type).toUpperCase() }));
    return { path: '/graphql', key: 'graphql', headers: json, body: JSON.stringify({ query: 'mutation($e: [EventInput!]!) { ingest(events: $e) { accepted } }', variables: { e: events } }) };
  }
  if (kind === 3) return { path: '/v1/track', key: 'v1', headers: json, body: JSON.stringify(brokenEvent(true)) };
  // A partial batch of broken messages only: each is rejected (200), none stored.
  if (kind === 4) return { path: pick(['/v1/batch', '/v1/import']), key: 'v1', headers: json, body: JSON.stringify({ batch: [brokenEvent(), brokenEvent()], context: noise() }) };
  if (kind === 5) return { path: '/v1/batch', key: 'v1', headers: { ...json, 'content-encoding': 'gzip' }, body: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5]) };
  if (kind === 6) return { path: '/v1/batch', key: 'v1', headers: json, body: JSON.stringify({ batch: pick([null, 5, 'x', {}, [null], [[]]]) }) };
  return { path: pick(['/v1/track', '/graphql', '/v1/nope']), key: 'v1', headers: { 'content-type': pick(['text/plain', 'application/json']) }, body: zlib.gzipSync('not json').toString('latin1') };
}

test('500 malformed requests: no 5xx, no crash, nothing stored', async () => {
  const keys = { graphql: `Bearer ${t.adminKey}`, v1: basicAuth(t.adminKey) };
  const statuses = new Map<number, number>();
  for (let i = 0; i < 500; i++) {
    const r = randomRequest();
    const res = await fetch(`${t.baseUrl}${r.path}`, { method: 'POST', headers: { ...r.headers, authorization: keys[r.key] }, body: r.body });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) throw new Error(`5xx for ${r.path}: ${String(r.body).slice(0, 300)}`);
  }
  const health = await fetch(`${t.baseUrl}/healthz`);
  expect(health.status).toBe(200);
  const { rows } = await t.db.query(`select (select count(*)::int from events) e, (select count(*)::int from profiles) p, (select count(*)::int from identities) i`);
  expect(rows[0]).toEqual({ e: 0, p: 0, i: 0 });
  process.stdout.write(`fuzz: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
}, 120_000);

/*
 * Poison values at every argument: NUL, lone surrogates, overflowing numbers, absurd
 * timestamps, forged cursors, very long strings and deep nesting, put into otherwise valid
 * arguments of every root field (and the two nested fields with arguments), sent as
 * literals and as variables, over HTTP and graphql-ws, and into /v1 bodies.
 */
let seeded: Promise<FuzzSeed> | undefined;
const seed = () => (seeded ??= (async () => {
  const results = [];
  for (const operation of SEED_OPERATIONS) results.push(await ok(t, operation));
  return { profileId: results[0].ingest.profileIds[0], webhookId: results[6].createWebhook.webhook.id };
})());

let counter = 0;
const schema = buildAppSchema();
async function poisonCases(): Promise<PoisonCase[]> {
  const s = await seed();
  const cases: PoisonCase[] = [];
  const long = incompressible(rnd, 3000);
  const nested = Object.keys(NESTED).map((coordinate) => {
    const [type, name] = coordinate.split('.');
    return { coordinate, operation: 'query' as const, field: (schema.getType(type) as GraphQLObjectType).getFields()[name] };
  });
  for (const { coordinate, operation, field } of [...rootFields(schema), ...nested]) {
    if (!field.args.length) continue;
    cases.push(...casesFor(coordinate, operation, field, () => baselines(s, ++counter)[coordinate] ?? {}, rnd, long));
  }
  return cases;
}

test('poison values in every argument, as literals and as variables over HTTP: refused at the edge naming the path, never 5xx, nothing stored', async () => {
  const s = await seed();
  const cases = await poisonCases();
  const problems: string[] = [];
  const tally = new Map<string, number>();
  const changed = refusalWatch(t.db);
  const direct = t.http.validatedOperations.executed;
  const overHttp = cases.filter((x) => x.operation !== 'subscription');
  for (const c of overHttp) {
    const mode: Mode = rnd() < 0.5 ? 'literal' : 'variables';
    const operation = operationFor(c, mode, s) ?? operationFor(c, 'variables', s)!;
    const sent: Mode = operation.variables ? 'variables' : 'literal';
    const res = await t.gql(operation.query, operation.variables);
    problems.push(...judge(c, sent, res.status, res.errors as Errors));
    if (await changed(isRefused(res.errors as Errors, res.data))) problems.push(`${labelOf(c, sent)}: refused, yet the database changed`);
    tally.set(`${res.status}`, (tally.get(`${res.status}`) ?? 0) + 1);
  }
  const counts = JSON.stringify(Object.fromEntries(tally));
  process.stdout.write(`poison over HTTP: ${overHttp.length} cases, statuses ${counts}, ${t.http.validatedOperations.executed - direct} on the direct path\n`);
  expect(problems).toEqual([]);
}, 120_000);

test('poison values over graphql-ws (every subscription argument, a sample of the rest): refused the same way', async () => {
  const s = await seed();
  const cases = (await poisonCases()).filter((c) => (c.operation === 'subscription' ? c.poison.expect !== 'any' : rnd() < 0.2));
  const client = connect(t.graphqlUrl, t.adminKey);
  const problems: string[] = [];
  const changed = refusalWatch(t.db);
  try {
    for (const c of cases) {
      const operation = operationFor(c, rnd() < 0.5 ? 'literal' : 'variables', s) ?? operationFor(c, 'variables', s)!;
      const sent: Mode = operation.variables ? 'variables' : 'literal';
      const res = await overSocket(client, operation);
      if (res.silent && c.operation === 'subscription') problems.push(`${labelOf(c, sent)}: subscription let through`);
      else problems.push(...judge(c, sent, undefined, res.errors));
      if (await changed(isRefused(res.errors, res.data))) problems.push(`${labelOf(c, sent)}: refused, yet the database changed`);
    }
  } finally {
    await client.dispose();
  }
  process.stdout.write(`poison over graphql-ws: ${cases.length} cases\n`);
  expect(problems).toEqual([]);
}, 120_000);

/** Positions in a /v1 message (a track of `event`, or of the type given), the poisons each gets, and whether they must be refused naming the position (`edge`) or may be accepted (`any`). */
const V1_POSITIONS: [string, (string | number)[], unknown[], 'edge' | 'any'][] = [
  ['track', ['userId'], ['fz\u0000x', 'fz\ud800x', '\udc00', 'LONG'], 'edge'],
  ['track', ['anonymousId'], ['fz\u0000x', '\ud83d', 'LONG'], 'edge'],
  ['track', ['event'], ['Clicked\u0000', 'x\udfff', 'LONG'], 'edge'],
  ['track', ['messageId'], ['m\u0000', 'm\ud800', 'LONG'], 'edge'],
  ['track', ['properties', 'k'], ['v\u0000', ['ok', '\udc00'], 'DEEP'], 'edge'],
  ['Order Completed', ['properties', 'revenue'], [1e308, -1e308, 1e12, '1e400'], 'edge'],
  ['Order Completed', ['properties', 'products', 0, 'price'], [1e308, -1e15], 'edge'],
  ['Order Completed', ['properties', 'products', 0, 'product_id'], ['LONG', 'p\ud800'], 'any'],
  ['track', ['properties', 'k'], ['LONG', 1e308, -0], 'any'],
  ['track', ['timestamp'], ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1969-12-31T23:59:59Z', -1, 8.64e15], 'edge'],
  // Far ahead but a time: stored at the receipt time, the claim kept in clamped_from.
  ['track', ['timestamp'], ['9999-12-31T23:59:59Z'], 'any'],
  ['track', ['context', 'device', 'id'], ['d\u0000', 'LONG'], 'edge'],
  ['track', ['identities', 0, 'value'], ['i\u0000', '\ud800', 'LONG'], 'edge'],
  ['track', ['integrations', 'k'], ['v\u0000', 'DEEP'], 'edge'],
  ['identify', ['traits', 'email'], ['a\u0000@example.com', 'LONG'], 'edge'],
  ['identify', ['traits', 'k'], ['v\u0000', 'DEEP'], 'edge'],
  ['page', ['name'], ['Home\u0000', '\udc00'], 'edge'],
  ['page', ['name'], ['LONG'], 'any'],
  ['alias', ['previousId'], ['p\u0000', '\ud800', 'LONG'], 'edge'],
];

/**
 * A single message is refused with 400 naming the path; in a batch (partial) the poisoned
 * message alone is rejected naming the path, and its neighbour is stored all the same.
 */
test('poison values in /v1 bodies, single and batched: BAD_USER_INPUT naming the path, never 5xx, never the neighbour lost', async () => {
  const long = incompressible(rnd, 3000);
  const auth = basicAuth(t.adminKey);
  const problems: string[] = [];
  const changed = refusalWatch(t.db);
  const events = async () => (await t.db.query<{ n: number }>(`select count(*)::int as n from events`)).rows[0].n;
  let n = 0;
  for (const [kind, steps, values, expect] of V1_POSITIONS) {
    const type = kind.includes(' ') ? 'track' : kind;
    for (const raw of values) {
      const value = raw === 'LONG' ? long : raw === 'DEEP' ? [...Array(100)].reduce((inner) => ({ d: inner }), 'bottom') : raw;
      const message: Record<string, unknown> = { type, userId: 'fz-v1', messageId: `fz-v1-${++n}`, event: kind.includes(' ') ? kind : 'Clicked', previousId: 'fz-v1-old', properties: {} };
      let at = message as Record<string | number, unknown>;
      steps.slice(0, -1).forEach((step, i) => (at = (at[step] ??= typeof steps[i + 1] === 'number' ? [{ kind: 'email' }] : {}) as Record<string | number, unknown>));
      at[steps.at(-1)!] = value;
      const batched = rnd() < 0.5;
      const neighbour = `fz-v1-ok-${n}`;
      const body = batched ? { batch: [{ type: 'track', userId: 'fz-v1', event: 'Ok', messageId: neighbour }, message] } : message;
      const path = `${batched ? 'batch[1]' : 'body'}.${pathOf(steps)}`;
      const before = await events();
      const res = await fetch(`${t.baseUrl}${batched ? '/v1/batch' : `/v1/${type}`}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body).replace('"1e400"', '1e400') });
      const answer = (await res.json()) as { error?: { code?: string; path?: string; problems?: { path: string }[] }; rejected?: { index: number; code: string; path: string }[] };
      const label = `/v1 ${batched ? 'batch' : type} ${path}=${preview(value)}`;
      const refusals = batched ? (answer.rejected ?? []) : answer.error ? [answer.error, ...(answer.error.problems ?? [])] : [];
      const named = refusals.some((r) => r.path === path || below(r.path, path));
      if (res.status >= 500) problems.push(`${label}: HTTP ${res.status}`);
      if (res.status >= 400 && answer.error?.code !== 'BAD_USER_INPUT') problems.push(`${label}: ${res.status} ${JSON.stringify(answer)}`);
      if (batched && answer.rejected?.some((r) => r.index !== 1 || r.code !== 'BAD_USER_INPUT')) problems.push(`${label}: ${JSON.stringify(answer.rejected)}`);
      if (expect === 'edge' && !(named && res.status === (batched ? 200 : 400))) problems.push(`${label}: not refused naming the path (${res.status} ${JSON.stringify(answer).slice(0, 200)})`);
      if (await changed(!batched && res.status >= 400)) problems.push(`${label}: refused, yet the database changed`);
      if (batched) {
        const stored = (await events()) - before;
        const neighbourStored = (await t.db.query(`select 1 from events where message_id = $1`, [neighbour])).rowCount === 1;
        if (!neighbourStored || stored !== (answer.rejected?.length ? 1 : 2)) problems.push(`${label}: stored ${stored} events (neighbour stored: ${neighbourStored})`);
      }
    }
  }
  expect(problems).toEqual([]);
}, 60_000);
