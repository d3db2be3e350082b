import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { CreateSegmentDocument, PreviewSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * The operators of segment engine v2 (issue 15 §4), each against a hand-written SQL over the
 * same generated profiles: the compiled segment's members (full recompute when created,
 * then real time after more traits arrive) and its preview equal what the hand-written
 * predicate selects. The hand-written predicates use other SQL where one exists (LIKE and
 * ILIKE for the string tests, element lists for the array tests), and `within_km` is
 * checked against a haversine computed here in JavaScript and a published distance.
 */
let t: TestApp;
const PREFIX = 'ops';
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const PARIS = { lat: 48.8566, lon: 2.3522 };
const LONDON = { lat: 51.5074, lon: -0.1278 };

/** Great-circle distance (haversine, mean Earth radius), written independently of the compiler. */
function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const EMAILS = ['ann@example.com', 'BOB@Example.COM', 'carl@acme.io', 'dora@ACME.io', 'eve@example.com.evil', 'x', 42, null];
const TAGS = [['a', 'b'], ['a'], ['b', 'c', 'd'], [], ['A'], [1, 2], ['vip', 'a'], 'a', { a: 1 }];
const SCORES = [5, 12, 12.5, '11', '7.5', '-3', 'abc', '1e2', true, null];
/** [value, valid ISO instant]: date-only is UTC midnight; impossible days and offsets past ±15:59 are not instants. */
const SIGNUPS: [unknown, boolean][] = [
  ['2024-01-15', true], ['2024-06-01T00:30:00+02:00', true], ['2024-05-31T23:30:00-01:00', true], ['2024-12-31T23:59:59Z', true],
  ['2025-02-28', true], ['2024-02-30', false], ['2024-13-01', false], ['2024-06-10T10:00:00+18:00', false], ['soon', false], [20240601, false],
];
const PLACES = [
  { lat: 48.86, lon: 2.29 }, { latitude: 48.80, longitude: 2.13 }, { lat: 49.44, lng: 1.10 }, LONDON, { lat: 45.76, lon: 4.84 },
  { lat: '48.85', lon: '2.35' }, { lat: 95, lon: 2 }, 'Paris',
];

function traitsFor(rnd: () => number, n: number): Record<string, unknown> {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const traits: Record<string, unknown> = {};
  const maybe = (key: string, value: () => unknown) => {
    if (rnd() < 0.85) traits[key] = value();
  };
  maybe('email', () => pick(EMAILS));
  maybe('tags', () => pick(TAGS));
  maybe('score', () => pick(SCORES));
  const [signup, valid] = pick(SIGNUPS);
  maybe('signup', () => signup);
  traits.signup_ok = 'signup' in traits && valid;
  maybe('location', () => pick(PLACES));
  traits.n = n;
  return traits;
}

const identify = (user: number, traits: Record<string, unknown>, tag: string): EventInput =>
  ({ type: 'IDENTIFY', messageId: `${PREFIX}-${tag}-${user}`, userId: `${PREFIX}-${user}`, traits });

/** The profiles whose traits (`x`) satisfy a hand-written predicate. */
async function expectedByHand(predicate: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select p.id from profiles p, lateral (select p.traits as x) t
      where p.merged_into is null and exists (select 1 from identities i where i.profile_id = p.id and i.value like '${PREFIX}-%') and (${predicate})
      order by p.id`,
  );
  return rows.map((r) => r.id);
}

async function members(key: string): Promise<string[]> {
  const { rows } = await t.db.query(`select m.profile_id from memberships m join segments s on s.id = m.segment_id where s.key = $1 order by 1`, [key]);
  return rows.map((r) => r.profile_id);
}

/** [name, trait condition, hand-written SQL over x = traits]. */
const CASES: [string, Record<string, unknown>, string][] = [
  ['ends_with', { path: 'email', op: 'ends_with', value: '.com' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' like '%.com'`],
  ['not_contains on strings and arrays', { path: 'email', op: 'not_contains', value: 'acme' },
    `jsonb_typeof(x->'email') = 'string' and x->>'email' not like '%acme%'`],
  ['not_contains on an array', { path: 'tags', op: 'not_contains', value: 'a' },
    `jsonb_typeof(x->'tags') = 'array' and not exists (select 1 from jsonb_array_elements(x->'tags') e where e = '"a"')`],
  ['matches', { path: 'email', op: 'matches', value: '^[a-z]+@example[.]com$' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' similar to '[a-z]+@example.com'`],
  ['ieq', { path: 'email', op: 'ieq', value: 'bob@EXAMPLE.com' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' ilike 'bob@example.com'`],
  ['ineq', { path: 'email', op: 'ineq', value: 'ANN@example.com' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' not ilike 'ann@example.com'`],
  ['icontains on strings', { path: 'email', op: 'icontains', value: 'AcMe' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' ilike '%acme%'`],
  ['icontains on arrays (and strings)', { path: 'tags', op: 'icontains', value: 'a' },
    `(jsonb_typeof(x->'tags') = 'array' and (x->'tags' @> '["a"]' or x->'tags' @> '["A"]')) or (jsonb_typeof(x->'tags') = 'string' and x->>'tags' ilike '%a%')`],
  ['istarts_with', { path: 'email', op: 'istarts_with', value: 'B' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' ilike 'b%'`],
  ['iends_with', { path: 'email', op: 'iends_with', value: 'ACME.IO' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' ilike '%acme.io'`],
  ['imatches', { path: 'email', op: 'imatches', value: '^[A-Z]+@acme' }, `jsonb_typeof(x->'email') = 'string' and x->>'email' ilike '%@acme%' and x->>'email' !~ '[0-9]'`],
  ['contains_any', { path: 'tags', op: 'contains_any', value: ['c', 2] },
    `jsonb_typeof(x->'tags') = 'array' and exists (select 1 from jsonb_array_elements(x->'tags') e where e in ('"c"'::jsonb, '2'::jsonb))`],
  ['contains_all', { path: 'tags', op: 'contains_all', value: ['a', 'b'] },
    `jsonb_typeof(x->'tags') = 'array' and (select count(distinct e) from jsonb_array_elements(x->'tags') e where e in ('"a"'::jsonb, '"b"'::jsonb)) = 2`],
  ['contains_none', { path: 'tags', op: 'contains_none', value: ['a', 'vip'] },
    `jsonb_typeof(x->'tags') = 'array' and not exists (select 1 from jsonb_array_elements(x->'tags') e where e in ('"a"'::jsonb, '"vip"'::jsonb))`],
  ['size_gte', { path: 'tags', op: 'size_gte', value: 2 }, `jsonb_typeof(x->'tags') = 'array' and (select count(*) from jsonb_array_elements(x->'tags')) >= 2`],
  ['size_eq 0', { path: 'tags', op: 'size_eq', value: 0 }, `x->'tags' = '[]'::jsonb`],
  ['gt a number: numbers and numeric strings', { path: 'score', op: 'gt', value: 10 },
    `case when jsonb_typeof(x->'score') = 'number' then (x->>'score')::numeric > 10
          when jsonb_typeof(x->'score') = 'string' and x->>'score' in ('11', '7.5', '-3', '1e2') then (x->>'score')::numeric > 10 else false end`],
  ['between numbers', { path: 'score', op: 'between', value: [-5, 11] },
    `case when jsonb_typeof(x->'score') in ('number', 'string') and x->>'score' in ('5', '12', '12.5', '11', '7.5', '-3', '1e2') then (x->>'score')::numeric between -5 and 11 else false end`],
  ['gte an ISO date compares instants', { path: 'signup', op: 'gte', value: '2024-06-01' },
    `case when x->>'signup_ok' = 'true' then (case when length(x->>'signup') = 10 then (x->>'signup') || 'T00:00:00Z' else x->>'signup' end)::timestamptz >= '2024-06-01T00:00:00Z' else false end`],
  ['between ISO instants', { path: 'signup', op: 'between', value: ['2024-05-31T22:00:00Z', '2024-12-31T23:59:59Z'] },
    `case when x->>'signup_ok' = 'true' then (case when length(x->>'signup') = 10 then (x->>'signup') || 'T00:00:00Z' else x->>'signup' end)::timestamptz
          between '2024-05-31T22:00:00Z' and '2024-12-31T23:59:59Z' else false end`],
];

describe('each operator equals a hand-written SQL on generated profiles', () => {
  const rnd = mulberry32(1515);
  const USERS = 80;
  const keys = CASES.map(([name]) => `ops-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`.slice(0, 60));

  beforeAll(async () => {
    await ingest(t, Array.from({ length: USERS }, (_, n) => identify(n, traitsFor(rnd, n), 'first')));
    for (const [i, [name, trait]] of CASES.entries()) await ok(t, CreateSegmentDocument, { input: { key: keys[i], name, definition: { trait } } });
  });

  test.each(CASES.map((c, i) => [c[0], i] as const))('%s: full recompute, preview and real time', async (_name, i) => {
    const [, trait, handSql] = CASES[i];
    const expected = await expectedByHand(handSql);
    expect(expected.length).toBeGreaterThan(0); // never vacuous
    expect(expected.length).toBeLessThan(USERS);
    expect(await members(keys[i])).toEqual(expected);
    const preview = (await ok(t, PreviewSegmentDocument, { definition: { trait }, sampleSize: 100 })).previewSegment;
    expect(preview.sample.map((p) => p.id).sort()).toEqual(expected);
  });

  test('after new traits arrive, real-time membership still equals the hand-written SQL for every operator', async () => {
    // Each identify replaces the generated traits (n stays), so profiles move in and out.
    const again = mulberry32(2626);
    await ingest(t, Array.from({ length: USERS }, (_, n) => identify(n, { email: null, tags: null, score: null, signup: null, location: null, ...traitsFor(again, n) }, 'second')));
    for (const [i, [, , handSql]] of CASES.entries()) expect({ key: keys[i], members: await members(keys[i]) }).toEqual({ key: keys[i], members: await expectedByHand(handSql) });
  });
});

describe('within_km', () => {
  test('a published distance: Paris to London is about 344 km', () => {
    expect(haversineKm(PARIS, LONDON)).toBeGreaterThan(340);
    expect(haversineKm(PARIS, LONDON)).toBeLessThan(346);
  });

  test.each([10, 100, 343, 345, 500])('within %i km of Paris equals the distances computed here', async (km) => {
    const users = PLACES.map((place, n) => identify(1000 + n, { location: place, geo: true }, `geo-${km}`));
    await ingest(t, users);
    const preview = (await ok(t, PreviewSegmentDocument, {
      definition: { all: [{ trait: { path: 'geo', op: 'eq', value: true } }, { trait: { path: 'location', op: 'within_km', value: { ...PARIS, km } } }] },
      sampleSize: 100,
    })).previewSegment;
    const { rows } = await t.db.query(`select i.value, i.profile_id from identities i where i.kind = 'user_id' and i.value like '${PREFIX}-10%'`);
    const idOf = new Map(rows.map((r) => [r.value, r.profile_id]));
    const expected = PLACES.flatMap((place, n) => {
      const p = place as Record<string, unknown>;
      const lat = p.lat ?? p.latitude;
      const lon = p.lon ?? p.lng ?? p.longitude;
      const ok = typeof lat === 'number' && typeof lon === 'number' && Math.abs(lat) <= 90 && haversineKm(PARIS, { lat, lon }) <= km;
      return ok ? [idOf.get(`${PREFIX}-${1000 + n}`)] : [];
    });
    expect(preview.sample.map((p) => p.id).sort()).toEqual(expected.sort());
    if (km === 345) expect(expected).toContain(idOf.get(`${PREFIX}-1003`)); // London is in at 345 km, out at 343
    if (km === 343) expect(expected).not.toContain(idOf.get(`${PREFIX}-1003`));
  });
});

test('relative dates in event filters work in a full recompute (a grouped scan) and in real time alike', async () => {
  const trip = (user: string, departure: string, i: number): EventInput => ({ type: 'TRACK', messageId: `ops-trip-${user}-${i}`, userId: user, event: 'Trip Booked', properties: { departure } });
  await ingest(t, [trip('ops-trip-a', '2020-05-01', 0), trip('ops-trip-b', '2020-02-30', 0), trip('ops-trip-c', 'soon', 0)]);
  const definition = { event: { name: 'Trip Booked', where: [{ path: 'departure', op: 'anniversary_within_next', value: 366 }], op: 'gte', value: 1 } };
  await ok(t, CreateSegmentDocument, { input: { key: 'ops-trip-anniversary', name: 'trips', definition } });
  const users = async () => (await t.db.query(
    `select i.value from memberships m join segments s on s.id = m.segment_id join identities i on i.profile_id = m.profile_id and i.kind = 'user_id' where s.key = 'ops-trip-anniversary' order by 1`,
  )).rows.map((r) => r.value);
  expect(await users()).toEqual(['ops-trip-a']); // every real date comes round within a year; 2020-02-30 and "soon" are not dates
  await ingest(t, [trip('ops-trip-c', '1999-12-31', 1)]);
  expect(await users()).toEqual(['ops-trip-a', 'ops-trip-c']);
});
