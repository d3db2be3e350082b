import type { Clock } from '../../src/common';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { PreviewSegmentDocument, SegmentStatsDocument } from '../generated/graphql';
import { generateHistory, HISTORY_DEFINITIONS, type HistoryMessage } from './generate-history';

/**
 * Point-in-time segments: a definition evaluated as of T over the whole history must equal
 * the membership a server holds when it has seen only the events up to T with its clock at T
 * (real time, then recompute), and per-month statistics must equal hand-written SQL.
 */
const INSTANTS = [new Date('2011-03-15T00:00:00Z'), new Date('2011-07-01T12:34:56Z'), new Date('2011-12-31T23:59:59Z')];
const HISTORY = generateHistory(11, 40, INSTANTS);
const fixedClock = (at: Date): Clock => ({ now: () => new Date(at) });

async function ingestMessages(t: TestApp, messages: HistoryMessage[]): Promise<void> {
  for (let i = 0; i < messages.length; i += 100) {
    const events = t.app.services.ingest.normalize(messages.slice(i, i + 100), { source: 'test' });
    await t.app.services.ingest.ingest(events);
  }
}

async function createSegments(t: TestApp): Promise<void> {
  for (const [key, definition] of Object.entries(HISTORY_DEFINITIONS)) await t.app.services.segments.create({ key, name: key, definition });
}

/** User ids of profiles, sorted. */
async function userIds(t: TestApp, profileIds: string[]): Promise<string[]> {
  const { rows } = await t.db.query(`select value from identities where kind = 'user_id' and profile_id = any($1::uuid[]) order by value`, [profileIds]);
  return rows.map((r) => r.value);
}

async function storedMembers(t: TestApp, key: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select m.profile_id from memberships m join segments s on s.id = m.segment_id where s.key = $1`, [key]);
  return userIds(t, rows.map((r) => r.profile_id));
}

async function membersAsOf(t: TestApp, definition: unknown, asOf: Date): Promise<string[]> {
  const { previewSegment } = await ok(t, PreviewSegmentDocument, { definition: definition as Record<string, unknown>, sampleSize: 100, asOf: asOf.toISOString() });
  expect(previewSegment.size).toBeLessThanOrEqual(100); // the sample is then every member
  return userIds(t, previewSegment.sample.map((p) => p.id));
}

let full: TestApp;
beforeAll(async () => {
  full = await startTestApp();
  await createSegments(full);
  await ingestMessages(full, HISTORY);
}, 120_000);
afterAll(() => full.close());

describe.each(INSTANTS.map((at) => [at.toISOString(), at] as const))('as of %s', (_label, at) => {
  let replay: TestApp;
  beforeAll(async () => {
    replay = await startTestApp({}, { clock: fixedClock(at) });
    await createSegments(replay);
    await ingestMessages(replay, HISTORY.filter((m) => Date.parse(m.timestamp) <= at.getTime()));
  }, 120_000);
  afterAll(() => replay.close());

  test('every definition evaluated as of T over the whole history equals a replay of the events up to T', async () => {
    const sizes: number[] = [];
    for (const [key, definition] of Object.entries(HISTORY_DEFINITIONS)) {
      const replayed = await storedMembers(replay, key);
      expect({ key, members: await membersAsOf(full, definition, at) }).toEqual({ key, members: replayed });
      sizes.push(replayed.length);
      // The replay's real-time membership is what a recompute at T finds too.
      expect(await replay.app.services.segments.recompute(key)).toMatchObject({ entered: 0, exited: 0 });
    }
    expect(sizes.filter((n) => n > 0).length).toBeGreaterThanOrEqual(5);
  });
});

test('as-of membership differs from today where history moved on (the comparison is not vacuous)', async () => {
  const early = await membersAsOf(full, HISTORY_DEFINITIONS.pro_buyers, INSTANTS[0]);
  const late = await membersAsOf(full, HISTORY_DEFINITIONS.pro_buyers, INSTANTS[2]);
  expect(late.length).toBeGreaterThan(early.length);
  expect(await storedMembers(full, 'pro_buyers')).toEqual(late);
});

/** Hand-written membership at instant `:t` for two segments, straight from the events. */
const INDEPENDENT_MEMBERS: Record<string, string> = {
  recent_repeat: `
    select profile_id from events
     where name = 'Order Completed' and occurred_at <= :t and occurred_at >= :t - interval '60 days'
     group by profile_id having count(*) >= 2`,
  // Orders by then: completed, and not cancelled by then.
  pro_buyers: `
    select plan.profile_id
      from (select distinct on (profile_id) profile_id, traits->>'plan' as plan from events
             where traits ? 'plan' and occurred_at <= :t order by profile_id, occurred_at desc, id desc) plan
     where plan.plan = 'pro'
       and exists (select 1 from events o where o.profile_id = plan.profile_id and o.name = 'Order Completed' and o.occurred_at <= :t
                     and not exists (select 1 from events c where c.profile_id = o.profile_id and c.name = 'Order Cancelled'
                                        and c.properties->>'order_id' = o.properties->>'order_id' and c.occurred_at <= :t))`,
};

async function independentMonthlyStats(t: TestApp, key: string) {
  const at = (instant: string) => INDEPENDENT_MEMBERS[key].replaceAll(':t', instant);
  // Each order event's money from what was sent, not from the stored effects: an order's first completion
  // places it; a re-sent completion adds nothing; a refund takes its total; a cancellation the order's amount
  // (the generated cancelled orders have no refunds).
  const { rows } = await t.db.query(`
    with money as (
      select o.profile_id, o.occurred_at, first.id = o.id as placed,
             case o.name when 'Order Completed' then case when first.id = o.id then (o.properties->>'revenue')::numeric else 0 end
                         when 'Order Refunded' then -(o.properties->>'total')::numeric
                         else -(first.properties->>'revenue')::numeric end as net
        from events o
        cross join lateral (select f.id, f.properties from events f
                             where f.profile_id = o.profile_id and f.name = 'Order Completed'
                               and coalesce(f.properties->>'order_id', f.id::text) = coalesce(o.properties->>'order_id', o.id::text)
                             order by f.occurred_at, f.id limit 1) first
       where o.name in ('Order Completed', 'Order Refunded', 'Order Cancelled')
    )
    select m.start, cardinality(e.ids) as size,
           (select count(*) from unnest(e.ids) x where x <> all(s.ids))::int as entered,
           (select count(*) from unnest(s.ids) x where x <> all(e.ids))::int as exited,
           (select count(distinct x) from unnest(s.ids || e.ids) x)::int as members,
           (select count(*) from money o where o.placed and o.occurred_at >= m.start and o.occurred_at < m.stop
               and o.profile_id = any(s.ids || e.ids))::int as orders,
           (select coalesce(sum(o.net), 0)::float8 from money o where o.occurred_at >= m.start and o.occurred_at < m.stop
               and o.profile_id = any(s.ids || e.ids)) as revenue
      from (select g as start, g + interval '1 month' as stop
              from generate_series(timestamptz '2011-01-01 00:00Z', timestamptz '2011-12-01 00:00Z', interval '1 month') g) m
     cross join lateral (select coalesce(array_agg(profile_id), '{}') as ids from (${at(`(m.start - interval '1 microsecond')`)}) q) s
     cross join lateral (select coalesce(array_agg(profile_id), '{}') as ids from (${at(`(m.stop - interval '1 microsecond')`)}) q) e
     order by m.start`);
  return rows.map((r) => ({ start: r.start.toISOString(), size: r.size, entered: r.entered, exited: r.exited, members: r.members, orders: r.orders, revenue: r.revenue }));
}

test.each(Object.keys(INDEPENDENT_MEMBERS))('segmentStats(source: HISTORY) by month for 2011 equals hand-written SQL over the events (%s)', async (key) => {
  const { segmentStats } = await ok(full, SegmentStatsDocument, {
    segment: key, from: '2011-01-01T00:00:00Z', to: '2012-01-01T00:00:00Z', interval: 'MONTH' as const, source: 'HISTORY' as const,
  });
  const expected = await independentMonthlyStats(full, key);
  expect(segmentStats.map(({ start, size, entered, exited, members, orders, revenue }) => ({ start, size, entered, exited, members, orders, revenue: expect.closeTo(revenue, 6) })))
    .toEqual(expected.map((e) => ({ ...e, revenue: expect.closeTo(e.revenue, 6) })));
  expect(segmentStats).toHaveLength(12);
  expect(segmentStats.some((p) => p.entered > 0) && segmentStats.some((p) => p.orders > 0)).toBe(true);
  for (const p of segmentStats) {
    expect(p.conversionRate).toBeCloseTo(p.members ? p.buyers / p.members : 0, 9);
    if (p.orders) expect(Math.abs(p.averageOrderValue! - p.revenue / p.orders)).toBeLessThanOrEqual(0.0051); // rounded to cents
    else expect(p.averageOrderValue).toBeNull();
  }
});

test('the recorded source knows nothing of imported history; the HISTORY source does', async () => {
  const variables = { segment: 'pro_buyers', from: '2011-01-01T00:00:00Z', to: '2012-01-01T00:00:00Z', interval: 'MONTH' as const };
  const recorded = await ok(full, SegmentStatsDocument, { ...variables, source: 'RECORDED' as const });
  const history = await ok(full, SegmentStatsDocument, { ...variables, source: 'HISTORY' as const });
  expect(recorded.segmentStats.every((p) => p.size === 0)).toBe(true);
  expect(history.segmentStats.at(-1)!.size).toBe((await storedMembers(full, 'pro_buyers')).length);
});

test('a point-in-time evaluation refuses stats the scoring job writes, as bad input', async () => {
  const res = await full.gql(PreviewSegmentDocument, { definition: { stat: { name: 'lifecycle', op: 'eq', value: 'active' } }, sampleSize: 1, asOf: '2011-06-01T00:00:00Z' });
  expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(res.errors![0].message).toMatch(/lifecycle.*no history/);
  const today = await full.gql(PreviewSegmentDocument, { definition: { stat: { name: 'lifecycle', op: 'eq', value: 'active' } }, sampleSize: 1 });
  expect(today.errors).toBeUndefined();
});

test('traits as of T are the ones set up to T, later changes unseen', async () => {
  const changed = HISTORY.find((m) => m.type === 'identify' && m.traits?.plan === 'pro')!;
  const justBefore = new Date(Date.parse(changed.timestamp) - 1000);
  const definition = { all: [{ trait: { path: 'uid', op: 'eq', value: changed.userId } }, { trait: { path: 'plan', op: 'eq', value: 'free' } }] };
  expect(await membersAsOf(full, definition, justBefore)).toEqual([changed.userId]);
  expect(await membersAsOf(full, definition, new Date(changed.timestamp))).toEqual([]);
});
