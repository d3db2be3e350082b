import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { memberUserIds } from '../support/segments';
import { CreateComputedTraitDocument, CreateSegmentDocument, RecomputeSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * Exits (and entries) at the exact instant (issue 15 §2): each (segment, profile) pair keeps
 * the next instant time alone may change its answer, and the expiry worker evaluates the due
 * ones. Checked on an app clock the test moves: people leave when their window lapses and
 * enter when a wait ends, with cause EXPIRY, no earlier and at the first run after; and
 * after every step the worker's membership equals a full recompute (the safety net), for
 * random definitions over every time-relative leaf, computed traits with windows included.
 */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
let now = Date.now() - 30 * DAY; // in the past of the wall clock, so no event is ever "in the future"
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({}, { clock: { now: () => new Date(now) } });
  // Read by the random definitions' `computed` leaves.
  await ok(t, CreateComputedTraitDocument, { input: { key: 'exp_views_20m', name: 'Views in 20 minutes', definition: { event: 'View', aggregate: 'count', within: { lastMinutes: 20 } } } });
});
afterAll(() => t.close());

const track = (user: string, event: string, at: number, properties: Record<string, unknown> = {}): EventInput => ({
  type: 'TRACK', messageId: `exp-${user}-${event}-${at}`, userId: user, event, properties, timestamp: new Date(at).toISOString(),
});
const identify = (user: string, traits: Record<string, unknown>, at = now): EventInput => ({
  type: 'IDENTIFY', messageId: `exp-id-${user}-${at}-${JSON.stringify(traits)}`, userId: user, traits, timestamp: new Date(at).toISOString(),
});

async function create(key: string, definition: Record<string, unknown>): Promise<void> {
  await ok(t, CreateSegmentDocument, { input: { key, name: key, definition } });
}

/** A full recompute finds nothing to change: the timers did all the work. */
async function expectRecomputeAgrees(keys: string[]): Promise<void> {
  for (const key of keys) {
    const { recomputeSegment } = await ok(t, RecomputeSegmentDocument, { segment: key });
    expect({ key, entered: recomputeSegment.entered, exited: recomputeSegment.exited }).toEqual({ key, entered: 0, exited: 0 });
  }
}

async function changesOf(key: string): Promise<{ user: string; kind: string; cause: string; at: Date }[]> {
  const { rows } = await t.db.query<{ user: string; kind: string; cause: string; at: Date }>(
    `select i.value as user, c.kind, c.cause, c.at from membership_changes c join segments s on s.id = c.segment_id
       join identities i on i.profile_id = c.profile_id and i.kind = 'user_id'
      where s.key = $1 order by c.id`, [key]);
  return rows;
}

const runDue = () => t.app.services.expiry.runDue();

test('a member leaves when the window lapses, at the first run after that instant, not before', async () => {
  const start = now;
  await ingest(t, [track('w-a', 'Product Viewed', start - 20 * MINUTE), track('w-a', 'Product Viewed', start - 5 * MINUTE), track('w-b', 'Product Viewed', start - 1 * MINUTE)]);
  await create('exp-views-30m', { event: { name: 'Product Viewed', within: { lastMinutes: 30 }, op: 'gte', value: 2 } });
  expect(await memberUserIds(t, 'exp-views-30m')).toEqual(['w-a']);

  // w-a's older view lapses 10 minutes from now; w-b holds a timer too (its view lapses in 29 minutes).
  const { rows: timers } = await t.db.query(
    `select i.value as user, st.due_at from segment_timers st join segments s on s.id = st.segment_id
       join identities i on i.profile_id = st.profile_id and i.kind = 'user_id' where s.key = 'exp-views-30m' order by 1`);
  expect(timers.map((r) => [r.user, r.due_at.getTime() - start])).toEqual([['w-a', 10 * MINUTE], ['w-b', 29 * MINUTE]]);

  now = start + 10 * MINUTE; // exactly the lapse instant: the view is still 30 minutes old, inside the window
  expect(await runDue()).toMatchObject({ exited: 0 });
  expect(await memberUserIds(t, 'exp-views-30m')).toEqual(['w-a']);
  now = start + 10 * MINUTE + 1; // a millisecond later it is out
  expect(await runDue()).toMatchObject({ evaluated: 1, exited: 1 });
  expect(await memberUserIds(t, 'exp-views-30m')).toEqual([]);
  expect((await changesOf('exp-views-30m')).at(-1)).toMatchObject({ user: 'w-a', kind: 'EXITED', cause: 'EXPIRY', at: new Date(now) });
  await expectRecomputeAgrees(['exp-views-30m']);
});

test('an abandoned cart enters when the wait is over; an order in time keeps it out', async () => {
  const start = now;
  await create('exp-abandoned', { sequence: { steps: [{ name: 'Product Added' }], thenNot: { name: 'Order Completed', within: { hours: 2 } } } });
  await ingest(t, [track('c-a', 'Product Added', start), track('c-b', 'Product Added', start + MINUTE)]);
  now = start + HOUR;
  await ingest(t, [track('c-b', 'Order Completed', start + HOUR)]);
  expect(await memberUserIds(t, 'exp-abandoned')).toEqual([]);

  now = start + 2 * HOUR - 1;
  await runDue();
  expect(await memberUserIds(t, 'exp-abandoned')).toEqual([]);
  now = start + 2 * HOUR;
  await runDue();
  expect(await memberUserIds(t, 'exp-abandoned')).toEqual(['c-a']);
  now = start + 2 * HOUR + 2 * MINUTE;
  await runDue();
  expect(await memberUserIds(t, 'exp-abandoned')).toEqual(['c-a']);
  expect((await changesOf('exp-abandoned')).map((c) => [c.user, c.kind, c.cause])).toEqual([['c-a', 'ENTERED', 'EXPIRY']]);
  await expectRecomputeAgrees(['exp-abandoned']);
});

test('relative dates, anniversaries in the person\'s zone and whole-day recency move at their instants', async () => {
  const start = Date.parse('2026-03-09T12:00:00Z');
  now = start;
  await ingest(t, [
    identify('d-a', { trial_ends: new Date(start + 4 * DAY).toISOString() }),
    // Born on March 11th, living in Tokyo (UTC+9): the day starts there at 15:00 UTC the day before.
    identify('d-b', { birthday: '1990-03-11', timezone: 'Asia/Tokyo' }),
    track('d-c', 'Order Completed', start - 6 * DAY - HOUR, { order_id: 'exp-o-1', revenue: 10 }),
  ]);
  await create('exp-trial-ending', { trait: { path: 'trial_ends', op: 'within_next', value: { days: 3 } } });
  await create('exp-birthday-today', { trait: { path: 'birthday', op: 'anniversary_within_next', value: 0 } });
  await create('exp-recent-buyer', { stat: { name: 'recency_days', op: 'lte', value: 6 } });
  const keys = ['exp-trial-ending', 'exp-birthday-today', 'exp-recent-buyer'];
  const all = async () => Promise.all(keys.map(async (k) => (await memberUserIds(t, k)).filter((user) => user.startsWith('d-'))));
  expect(await all()).toEqual([[], [], ['d-c']]);

  const steps: [number, string[][]][] = [
    [DAY - 1, [[], [], []]], // the order is 7 days old at start + 23h: recency 7
    [DAY, [['d-a'], [], []]], // the trial ends in exactly 3 days
    [DAY + 3 * HOUR, [['d-a'], ['d-b'], []]], // 15:00 UTC on March 10th is midnight of March 11th in Tokyo
    [2 * DAY + 3 * HOUR, [['d-a'], [], []]], // and the day is over there
    [4 * DAY + 1, [[], [], []]], // the trial has ended
  ];
  for (const [offset, expected] of steps) {
    now = start + offset;
    await runDue();
    expect({ offset, members: await all() }).toEqual({ offset, members: expected });
    await expectRecomputeAgrees(keys);
  }
});

test('a segment time moves in ways no timer says when is left to the minute schedule', async () => {
  await create('exp-untimed', { event: { name: 'Signed Up', where: [{ path: 'trial_ends', op: 'within_next', value: { days: 1 } }], op: 'gte', value: 1 } });
  const { rows } = await t.db.query(`select count(*)::int as n from segment_timers st join segments s on s.id = st.segment_id where s.key = 'exp-untimed'`);
  expect(rows[0].n).toBe(0);
  const scheduled = await t.app.services.segments.recomputeTimeSensitive();
  expect(scheduled.map((r) => r.segment.key)).toEqual(['exp-untimed']);
});

/** Random time-sensitive definitions, random events near now, the clock moved on in random steps. */
function randomLeaf(rnd: () => number): Record<string, unknown> {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  switch (Math.floor(rnd() * 8)) {
    case 0: return { event: { name: pick(['View', 'Add']), within: pick([{ lastMinutes: 20 }, { lastMinutes: 45 }, { lastHours: 2 }]), op: pick(['gte', 'lt', 'eq']), value: pick([1, 2]) } };
    case 1: return { sequence: { steps: [{ name: 'Add' }], thenNot: { name: 'Buy', within: pick([{ minutes: 30 }, { hours: 1 }]) } } };
    case 2: return { sequence: { steps: [{ name: 'View' }, { name: 'Add', within: { minutes: 40 } }], within: { lastHours: 1 } } };
    case 3: return { trait: { path: 'due', op: pick(['within_last', 'within_next', 'before_last', 'after_next']), value: pick([{ minutes: 25 }, { hours: 1 }]) } };
    case 4: return { stat: { name: pick(['days_since_last_seen', 'tenure_days']), op: pick(['lte', 'gte']), value: pick([0, 1]) } };
    case 5: return { trait: { path: 'plan', op: 'eq', value: 'pro' } };
    case 6: return { computed: { key: 'exp_views_20m', op: pick(['gte', 'lt']), value: pick([1, 2]) } };
    default: return { stat: { name: 'last_seen_at', op: pick(['within_last', 'before_last']), value: pick([{ minutes: 50 }, { hours: 3 }]) } };
  }
}

function randomDefinition(rnd: () => number, depth = 0): Record<string, unknown> {
  const r = rnd();
  if (depth >= 2 || r < 0.45) return randomLeaf(rnd);
  if (r < 0.6) return { not: randomDefinition(rnd, depth + 1) };
  const children = [randomDefinition(rnd, depth + 1), randomDefinition(rnd, depth + 1)];
  return r < 0.8 ? { all: children } : { any: children };
}

test.each([1, 2])('with the clock moved on step by step, the timers keep membership equal to a full recompute (seed %i)', async (seed) => {
  const rnd = mulberry32(seed * 104729);
  now = Date.parse('2026-05-01T08:00:00Z') + seed * 10 * DAY;
  const keys = Array.from({ length: 8 }, (_, i) => `exp-prop-${seed}-${i}`);
  for (const key of keys) await create(key, randomDefinition(rnd));
  for (let step = 0; step < 12; step++) {
    const events: EventInput[] = Array.from({ length: 15 }, (_, i) => {
      const user = `p-${seed}-${Math.floor(rnd() * 12)}`;
      const at = now - Math.floor(rnd() * 90 * MINUTE);
      if (rnd() < 0.2) return { ...identify(user, { due: new Date(now + Math.floor((rnd() - 0.5) * 3 * HOUR)).toISOString(), plan: rnd() < 0.5 ? 'pro' : 'free' }, at), messageId: `exp-p-${seed}-${step}-${i}` };
      return { ...track(user, ['View', 'Add', 'Buy'][Math.floor(rnd() * 3)], at), messageId: `exp-p-${seed}-${step}-${i}` };
    });
    await ingest(t, events);
    now += Math.floor(rnd() * (rnd() < 0.2 ? 2 * DAY : 50 * MINUTE));
    await runDue();
    await expectRecomputeAgrees(keys);
  }
  const { rows } = await t.db.query(`select count(*)::int as n from membership_changes c join segments s on s.id = c.segment_id where s.key like $1 and c.cause = 'EXPIRY'`, [`exp-prop-${seed}-%`]);
  expect(rows[0].n).toBeGreaterThan(0); // time alone moved people: the property is not vacuous
});

test('a timer nothing rewrites (its segment no longer moves with time) is dropped after one evaluation, not run forever', async () => {
  await create('exp-plain', { trait: { path: 'plan', op: 'eq', value: 'pro' } });
  await ingest(t, [identify('stale-u', { plan: 'pro' })]);
  // As a timer left behind would be (to the microsecond, as the compiler writes them).
  await t.db.query(
    `insert into segment_timers (profile_id, segment_id, due_at)
     select i.profile_id, s.id, $1::timestamptz - interval '1 minute' + interval '1 microsecond'
       from identities i, segments s where i.kind = 'user_id' and i.value = 'stale-u' and s.key = 'exp-plain'`, [new Date(now)]);
  expect((await runDue()).evaluated).toBe(1);
  expect((await runDue()).evaluated).toBe(0);
  const { rows } = await t.db.query(`select count(*)::int as n from segment_timers st join segments s on s.id = st.segment_id where s.key = 'exp-plain'`);
  expect(rows[0].n).toBe(0);
  expect(await memberUserIds(t, 'exp-plain')).toContain('stale-u');
});
