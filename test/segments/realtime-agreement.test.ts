import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { CreateComputedTraitDocument, CreateSegmentDocument, RecomputeSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * Property: membership maintained in real time (ingest by ingest) equals a fresh full
 * recompute, for random definitions over random profiles. Timestamps sit half a day
 * away from every window edge, so the seconds between the two evaluations never matter.
 */
let t: TestApp;
/** Computed traits the `computed` leaves read (issue 15 §1), kept current by the same ingest transactions. */
const COMPUTED_TRAITS: Record<string, Record<string, unknown>> = {
  agree_views_30d: { event: 'Product Viewed', aggregate: 'count', within: { lastDays: 30 } },
  agree_fav: { event: 'Product Viewed', aggregate: 'most_frequent', property: 'category' },
  agree_spend: { event: 'Order Completed', aggregate: 'sum', property: 'revenue' },
};
beforeAll(async () => {
  t = await startTestApp();
  for (const [key, definition] of Object.entries(COMPUTED_TRAITS)) await ok(t, CreateComputedTraitDocument, { input: { key, name: key, definition } });
});
afterAll(() => t.close());

const EVENTS = ['Page', 'Product Viewed', 'Order Completed'];

type Definition = Record<string, unknown>;

function randomLeaf(rnd: () => number, earlier: string[]): Definition {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const k = Math.floor(rnd() * 4);
  switch (Math.floor(rnd() * 17)) {
    case 0: return { trait: { path: 'region', op: pick(['eq', 'neq']), value: pick(['north', 'south']) } };
    case 1: return { trait: { path: 'age', op: pick(['gt', 'lte']), value: 20 + k * 10 } };
    case 2: return { trait: { path: 'vip', op: pick(['exists', 'not_exists']) } };
    case 3: return { stat: { name: pick(['orders', 'events']), op: 'gte', value: 1 + k } };
    case 4: return { stat: { name: 'days_since_last_seen', op: 'lte', value: pick([3, 10, 30]) } };
    case 5: return { event: { name: pick(EVENTS), within: { lastDays: pick([7, 30]) }, op: pick(['gte', 'eq', 'lt', 'neq', 'lte', 'gt']), value: k } };
    case 6: return { event: { name: 'Product Viewed', where: [{ path: 'category', op: 'eq', value: pick(['a', 'b']) }], op: 'gte', value: 1 } };
    case 7: return { event: { name: 'Order Completed', aggregate: pick(['sum', 'avg']), property: 'revenue', within: { lastDays: 30 }, op: pick(['gt', 'lt', 'gte']), value: 20 * k } };
    case 8: return { account: { trait: pick([{ path: 'plan', op: pick(['eq', 'neq']), value: pick(['free', 'pro']) }, { path: 'seats', op: 'gt', value: 5 * k }]) } };
    // Segment engine v2's operators (issue 15 §4): strings ignoring case, patterns, arrays, sizes, ISO instants.
    case 9: return { trait: { path: 'region', op: pick(['ends_with', 'ieq', 'imatches', 'not_contains', 'istarts_with', 'ineq']), value: pick(['th', 'NORTH', '^s', 'or', 'SO']) } };
    case 10: return rnd() < 0.25
      ? { trait: { path: 'tags', op: 'icontains', value: pick(['a', 'B']) } }
      : { trait: { path: 'tags', op: pick(['contains_any', 'contains_all', 'contains_none']), value: pick([['a'], ['a', 'b'], ['c', 1]]) } };
    case 11: return { trait: { path: 'tags', op: pick(['size_gte', 'size_lt', 'size_eq']), value: k } };
    case 14: return { sequence: {
      steps: [{ name: pick(EVENTS) }, { name: pick(EVENTS), ...(rnd() < 0.5 && { within: { days: pick([3, 20]) } }), ...(rnd() < 0.3 && { where: [{ path: 'category', op: 'eq', value: 'a' }] }) }],
      ...(rnd() < 0.5 && { thenNot: { name: pick(EVENTS), within: { days: pick([2, 10]) } } }),
      ...(rnd() < 0.5 && { within: { lastDays: pick([14, 45]) } }),
    } };
    case 13: return rnd() < 0.5
      ? { trait: { path: 'joined', op: pick(['within_last', 'before_last']), value: pick([{ days: 30 }, { days: 1000 }, { hours: 24 * 800 }]) } }
      : { trait: { path: 'joined', op: 'anniversary_within_next', value: pick([0, 100, 366]) } };
    case 12: return rnd() < 0.3
      ? { trait: { path: 'joined', op: 'between', value: ['2024-02-15', '2024-06-15T12:00:00+02:00'] } }
      : { trait: { path: 'joined', op: pick(['gte', 'lt']), value: pick(['2024-03-01', '2024-06-15T12:00:00+02:00']) } };
    case 15: return { computed: pick([
      { key: 'agree_views_30d', op: pick(['gte', 'lt']), value: k },
      { key: 'agree_fav', op: 'eq', value: pick(['a', 'b']) },
      { key: 'agree_spend', op: 'gt', value: 20 * k },
    ]) };
    default: return earlier.length ? { segment: { key: pick(earlier) } } : { stat: { name: 'revenue', op: 'gt', value: 10 } };
  }
}

function randomDefinition(rnd: () => number, earlier: string[], depth = 0): Definition {
  const r = rnd();
  if (depth >= 2 || r < 0.4) return randomLeaf(rnd, earlier);
  if (r < 0.55) return { not: randomDefinition(rnd, earlier, depth + 1) };
  const children = Array.from({ length: 2 + Math.floor(rnd() * 2) }, () => randomDefinition(rnd, earlier, depth + 1));
  return r < 0.8 ? { all: children } : { any: children };
}

/** Links every user's ids up front, so later batches exercise the dependency filter rather than "new profile: check everything". */
function knownProfiles(seed: number, profiles: number): EventInput[] {
  return Array.from({ length: profiles }, (_, user) => ({
    type: 'IDENTIFY', messageId: `agree-known-${seed}-${user}`, userId: `u-${seed}-${user}`, anonymousId: `anon-${seed}-${user}`,
  }));
}

function randomBatch(rnd: () => number, batch: number, profiles: number): EventInput[] {
  const day = 86400_000;
  return Array.from({ length: 30 }, (_, i) => {
    const user = Math.floor(rnd() * profiles);
    const ts = new Date(Date.now() - (Math.floor(rnd() * 60) + 0.5) * day).toISOString();
    const ids = rnd() < 0.3 ? { anonymousId: `anon-${Math.floor(batch / 100)}-${user}` } : { userId: `u-${Math.floor(batch / 100)}-${user}` };
    const messageId = `agree-${batch}-${i}`;
    const groupId = `account-${Math.floor(rnd() * 4)}`;
    if (rnd() < 0.1) {
      // Accounts are shared by every seed's users: a group call moves people other batches linked.
      return { type: 'GROUP', messageId, ...ids, groupId, traits: { plan: rnd() < 0.5 ? 'free' : 'pro', seats: Math.floor(rnd() * 20) }, timestamp: ts };
    }
    if (rnd() < 0.2) {
      const age = 18 + Math.floor(rnd() * 50);
      const traits: Record<string, unknown> = { region: rnd() < 0.5 ? 'north' : 'South', age: rnd() < 0.2 ? String(age) : age };
      if (rnd() < 0.3) traits.vip = true;
      if (rnd() < 0.6) traits.tags = [['a'], ['a', 'b'], ['A', 1], [], 'a'][Math.floor(rnd() * 5)];
      if (rnd() < 0.6) traits.joined = ['2024-02-01', '2024-03-01T00:00:00+01:00', '2024-06-15T09:00:00Z', '2024-02-30', 'later'][Math.floor(rnd() * 5)];
      return { type: 'IDENTIFY', messageId, ...ids, traits, timestamp: ts };
    }
    const event = EVENTS[Math.floor(rnd() * EVENTS.length)];
    const properties = event === 'Order Completed' ? { revenue: Math.round(rnd() * 80) } : { category: rnd() < 0.5 ? 'a' : 'b' };
    return { type: 'TRACK', messageId, ...ids, event, properties, timestamp: ts, ...(rnd() < 0.1 && { context: { groupId } }) };
  });
}

test.each([1, 2, 3])('real-time membership equals a full recompute (seed %i)', async (seed) => {
  const rnd = mulberry32(seed * 7919);
  await ingest(t, knownProfiles(seed, 25));
  const keys: string[] = [];
  for (let i = 0; i < 10; i++) {
    const key = `agree-${seed}-${i}`;
    await ok(t, CreateSegmentDocument, { input: { key, name: key, definition: randomDefinition(rnd, keys) } });
    keys.push(key);
  }
  for (let b = 0; b < 8; b++) {
    // The last batch also brings users never seen before.
    await ingest(t, randomBatch(rnd, seed * 100 + b, b === 7 ? 35 : 25));
  }
  let members = 0;
  for (const key of keys) {
    const { recomputeSegment } = await ok(t, RecomputeSegmentDocument, { segment: key });
    expect({ key, ...recomputeSegment }).toMatchObject({ key, entered: 0, exited: 0 });
    members += recomputeSegment.size;
  }
  expect(members).toBeGreaterThan(0); // the property is not vacuous
});
