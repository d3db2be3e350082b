import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { memberUserIds } from '../support/segments';
import {
  CreateComputedTraitDocument, CreateSegmentDocument, ProfileComputedDocument, RecomputeSegmentDocument, type EventInput,
} from '../generated/graphql';

/**
 * Computed traits (issue 15 §1) on generated events, against values computed here by brute
 * force from the same events: when created (one grouped scan), in real time as events
 * arrive (per profile, in the ingest transaction), and as the app clock moves on and the
 * expiry worker re-evaluates values whose window lapsed. Segments with `computed` leaves
 * follow, and a full recompute agrees with them.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let now = Date.now() - 400 * DAY; // in the past of the wall clock, so no event is "in the future"
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock: { now: () => new Date(now) } });
});
afterAll(() => t.close());

interface Ev { user: string; name: string; at: number; properties: Record<string, unknown> }
type Definition = { event: string; aggregate: string; property?: string; within?: Record<string, number>; where?: unknown[]; limit?: number };

const TRAITS: Record<string, Definition> = {
  last_product_viewed: { event: 'Product Viewed', aggregate: 'last', property: 'product_id' },
  favourite_category: { event: 'Product Viewed', aggregate: 'most_frequent', property: 'category', within: { lastDays: 90 } },
  views_30m: { event: 'Product Viewed', aggregate: 'count', within: { lastMinutes: 30 } },
  orders_365d: { event: 'Order Completed', aggregate: 'count', within: { lastDays: 365 } },
  revenue_total: { event: 'Order Completed', aggregate: 'sum', property: 'revenue' },
  avg_price_7d: { event: 'Product Viewed', aggregate: 'avg', property: 'price', within: { lastDays: 7 } },
  min_price_48h: { event: 'Product Viewed', aggregate: 'min', property: 'price', within: { lastHours: 48 } },
  max_price: { event: 'Product Viewed', aggregate: 'max', property: 'price' },
  first_category: { event: 'Product Viewed', aggregate: 'first', property: 'category' },
  categories_seen: { event: 'Product Viewed', aggregate: 'unique_count', property: 'category' },
  recent_categories: { event: 'Product Viewed', aggregate: 'unique_list', property: 'category', limit: 3 },
  expensive_views_2h: { event: 'Product Viewed', aggregate: 'count', where: [{ path: 'price', op: 'gt', value: 50 }], within: { lastHours: 2 } },
};

const WINDOW_MS: Record<string, number> = { lastMinutes: MINUTE, lastHours: HOUR, lastDays: DAY };

/** The value by brute force, as the README defines it; undefined when the profile has none. */
function expected(def: Definition, events: Ev[], at: number): unknown {
  let mine = events.filter((e) => e.name === def.event && e.at <= at);
  if (def.within) {
    const [unit, n] = Object.entries(def.within)[0];
    mine = mine.filter((e) => e.at >= at - n * WINDOW_MS[unit]);
  }
  if (def.where) mine = mine.filter((e) => Number(e.properties.price) > 50);
  const values = def.property ? mine.filter((e) => e.properties[def.property!] !== undefined).map((e) => ({ v: e.properties[def.property!], at: e.at })) : [];
  const numbers = values.map((x) => x.v as number);
  const byRecency = [...values].sort((a, b) => b.at - a.at);
  switch (def.aggregate) {
    case 'count': return mine.length;
    case 'sum': return numbers.reduce((a, b) => a + b, 0);
    case 'avg': return numbers.length ? numbers.reduce((a, b) => a + b, 0) / numbers.length : undefined;
    case 'min': return numbers.length ? Math.min(...numbers) : undefined;
    case 'max': return numbers.length ? Math.max(...numbers) : undefined;
    case 'first': return byRecency.at(-1)?.v;
    case 'last': return byRecency[0]?.v;
    case 'unique_count': return new Set(values.map((x) => x.v)).size;
    case 'most_frequent': {
      const seen = new Map<unknown, { n: number; last: number }>();
      for (const x of values) seen.set(x.v, { n: (seen.get(x.v)?.n ?? 0) + 1, last: Math.max(seen.get(x.v)?.last ?? 0, x.at) });
      return [...seen].sort(([, a], [, b]) => b.n - a.n || b.last - a.last)[0]?.[0];
    }
    case 'unique_list': {
      const distinct = [...new Set(byRecency.map((x) => x.v))].slice(0, def.limit);
      return distinct.length ? distinct : undefined;
    }
    default: throw new Error(def.aggregate);
  }
}

const USERS = Array.from({ length: 12 }, (_, i) => `ct-u${i}`);
const CATEGORIES = ['shoes', 'bags', 'hats', 'coats'];
const events: Ev[] = [];
let sequence = 0;

function generate(rnd: () => number, count: number, spreadMs: number): EventInput[] {
  return Array.from({ length: count }, () => {
    const user = USERS[Math.floor(rnd() * USERS.length)];
    // Distinct instants (a millisecond apart at least), so "latest" and "most recent" never tie.
    const at = now - Math.floor(rnd() * spreadMs) - (sequence++ % 997);
    const order = rnd() < 0.2;
    const properties = order
      ? { order_id: `ct-o${sequence}`, revenue: Math.round(rnd() * 200) }
      : { product_id: `p${Math.floor(rnd() * 30)}`, category: CATEGORIES[Math.floor(rnd() * (rnd() < 0.5 ? 2 : 4))], price: Math.round(rnd() * 100) };
    const name = order ? 'Order Completed' : 'Product Viewed';
    events.push({ user, name, at, properties });
    return { type: 'TRACK', messageId: `ct-${sequence}`, userId: user, event: name, properties, timestamp: new Date(at).toISOString() };
  });
}

async function computedOf(user: string): Promise<Record<string, unknown>> {
  const { profileByIdentity } = await ok(t, ProfileComputedDocument, { kind: 'USER_ID', value: user });
  return profileByIdentity?.computed ?? {};
}

async function expectValuesTrue(stage: string): Promise<void> {
  for (const user of USERS) {
    const actual = await computedOf(user);
    const mine = events.filter((e) => e.user === user);
    for (const [key, def] of Object.entries(TRAITS)) {
      const want = expected(def, mine, now);
      const got = actual[key];
      if (typeof want === 'number' && typeof got === 'number') expect({ stage, user, key, got }).toEqual({ stage, user, key, got: expect.closeTo(want, 9) });
      else expect({ stage, user, key, got }).toEqual({ stage, user, key, got: want });
    }
  }
}

const SEGMENTS: Record<string, Record<string, unknown>> = {
  'ct-browsing-now': { computed: { key: 'views_30m', op: 'gte', value: 2 } },
  'ct-shoe-lovers': { all: [{ computed: { key: 'favourite_category', op: 'eq', value: 'shoes' } }, { computed: { key: 'orders_365d', op: 'gte', value: 1 } }] },
  'ct-wide-taste': { computed: { key: 'recent_categories', op: 'size_gte', value: 3 } },
};

function expectedMembers(key: string): string[] {
  const value = (user: string, trait: string) => expected(TRAITS[trait], events.filter((e) => e.user === user), now);
  const rule: Record<string, (user: string) => boolean> = {
    'ct-browsing-now': (u) => (value(u, 'views_30m') as number) >= 2,
    'ct-shoe-lovers': (u) => value(u, 'favourite_category') === 'shoes' && (value(u, 'orders_365d') as number) >= 1,
    'ct-wide-taste': (u) => ((value(u, 'recent_categories') as unknown[] | undefined)?.length ?? 0) >= 3,
  };
  return USERS.filter(rule[key]).sort();
}

async function expectSegmentsTrue(stage: string): Promise<void> {
  for (const key of Object.keys(SEGMENTS)) {
    expect({ stage, key, members: await memberUserIds(t, key) }).toEqual({ stage, key, members: expectedMembers(key) });
    const { recomputeSegment } = await ok(t, RecomputeSegmentDocument, { segment: key });
    expect({ stage, key, entered: recomputeSegment.entered, exited: recomputeSegment.exited }).toEqual({ stage, key, entered: 0, exited: 0 });
  }
}

const STORED = `select pc.profile_id, ct.key, pc.value::text, pc.state::text, pc.next_change_at
                  from profile_computed pc join computed_traits ct on ct.id = pc.trait_id order by 1, 2`;

/**
 * What ingest and the expiry worker kept incrementally (value, state and next change, to the
 * digit) is what the safety net computes afresh from the events table.
 */
async function expectSafetyNetAgrees(stage: string): Promise<void> {
  const kept = (await t.db.query(STORED)).rows;
  const results = await t.app.services.computedTraits.recomputeAll();
  expect({ stage, changed: results.filter((r) => r.changed > 0) }).toEqual({ stage, changed: [] });
  expect({ stage, rows: (await t.db.query(STORED)).rows }).toEqual({ stage, rows: kept });
}

test('values equal a brute-force computation: created, in real time, and as the clock moves on', async () => {
  const rnd = mulberry32(4242);
  await ingest(t, generate(rnd, 150, 120 * DAY));
  await ingest(t, generate(rnd, 40, 40 * MINUTE));
  for (const [key, definition] of Object.entries(TRAITS)) {
    const { createComputedTrait } = await ok(t, CreateComputedTraitDocument, { input: { key, name: key, definition } });
    expect(createComputedTrait.timeSensitive).toBe(definition.within !== undefined);
  }
  await expectValuesTrue('created');
  for (const [key, definition] of Object.entries(SEGMENTS)) await ok(t, CreateSegmentDocument, { input: { key, name: key, definition } });
  await expectSegmentsTrue('created');

  // Two batches, so the second combines with what the first stored incrementally.
  await ingest(t, generate(rnd, 15, 20 * MINUTE));
  await ingest(t, generate(rnd, 15, 20 * MINUTE));
  await expectValuesTrue('after ingest');
  await expectSafetyNetAgrees('after ingest');
  await expectSegmentsTrue('after ingest');
  // Not vacuous: every segment has members now, and time alone will move some of them.
  for (const key of Object.keys(SEGMENTS)) expect({ key, members: expectedMembers(key).length }).toEqual({ key, members: expect.any(Number) });
  expect(Object.keys(SEGMENTS).every((key) => expectedMembers(key).length > 0)).toBe(true);

  for (const step of [10 * MINUTE, 25 * MINUTE, 3 * HOUR, 2 * DAY, 6 * DAY, 85 * DAY]) {
    now += step;
    await t.app.services.expiry.runDue();
    await expectValuesTrue(`+${step / MINUTE} min`);
    await expectSegmentsTrue(`+${step / MINUTE} min`);
    if (step === 25 * MINUTE) await ingest(t, generate(rnd, 20, 10 * MINUTE));
    if (step === 3 * HOUR) await expectSafetyNetAgrees(`+${step / MINUTE} min`);
  }
  const { rows } = await t.db.query(`select count(*)::int as n from computed_trait_changes where cause = 'EXPIRY'`);
  expect(rows[0].n).toBeGreaterThan(0);
  expect(expectedMembers('ct-browsing-now')).toEqual([]); // 85 days on, nobody is browsing
});
