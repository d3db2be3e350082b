import zlib from 'node:zlib';
import { startTestApp, type TestApp } from '../support/app';
import { mulberry32 } from '../support/random';
import { basicAuth } from '../support/v1';

/**
 * A bounded fuzz run: malformed GraphQL and /v1 payloads, each built from a valid one
 * by a mutation that must make it invalid, plus random noise. No 5xx, no crash, and
 * nothing stored.
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
  (e) => { e.timestamp = pick(['yesterday', '2026-13-45T99:00:00Z', 'x', '5000-01-01T00:00:00Z', {}]); },
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
  if (kind === 4) return { path: pick(['/v1/batch', '/v1/import']), key: 'v1', headers: json, body: JSON.stringify({ batch: [valid(), brokenEvent(), valid()], context: noise() }) };
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
