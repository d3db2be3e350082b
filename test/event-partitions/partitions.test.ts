import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, EraseProfileDocument, PreviewSegmentDocument, SegmentStatsDocument, type EventInput } from '../generated/graphql';

/**
 * `events` is partitioned by month (migration 20261208000001): ingest makes a new month's
 * partition before storing into it, the upkeep moves what the default partition caught,
 * retention drops whole months and keeps every aggregate, erasure reaches every partition.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const track = (messageId: string, userId: string, timestamp: string, properties: Record<string, unknown> = {}): EventInput => ({
  type: 'TRACK',
  messageId,
  userId,
  event: 'Order Completed',
  timestamp,
  properties: { revenue: 10, ...properties },
});

/** The partition each of these messages' rows is in. */
async function partitionsOf(messageIds: string[]): Promise<string[]> {
  const { rows } = await t.db.query(`select tableoid::regclass::text as part from events where message_id = any($1) order by message_id`, [messageIds]);
  return rows.map((r) => r.part);
}

const monthsAgo = (n: number, day = 10) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, day, 12)).toISOString();
};
const partitionName = (iso: string) => `events_p${iso.slice(0, 4)}_${iso.slice(5, 7)}`;

test('events is a table partitioned by month, with a default partition and the months ahead made by the migration', async () => {
  const { rows } = await t.db.query(`select relkind from pg_class where relname = 'events'`);
  expect(rows[0].relkind).toBe('p');
  const names = (await t.app.services.eventPartitions.list()).map((p) => p.name);
  expect(names).toEqual(expect.arrayContaining([partitionName(monthsAgo(0)), partitionName(monthsAgo(-1)), partitionName(monthsAgo(-2))]));
  const { rows: keys } = await t.db.query(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'events'::regclass and contype = 'p'`);
  expect(keys[0].def).toBe('PRIMARY KEY (profile_id, occurred_at, id)');
});

test('a batch of a month without a partition makes it first: nothing lands in the default partition', async () => {
  await ingest(t, [track('pt-2019-03', 'pt-old', '2019-03-10T10:00:00Z'), track('pt-2019-04', 'pt-old', '2019-04-30T23:59:59.999Z')]);
  expect(await partitionsOf(['pt-2019-03', 'pt-2019-04'])).toEqual(['events_p2019_03', 'events_p2019_04']);
});

test('rows the default partition caught move into the month the upkeep makes for them', async () => {
  await ingest(t, [track('pt-caught', 'pt-caught', monthsAgo(1))]);
  // Written by something that made no partition (an older loader): straight into the default one.
  await t.db.query(`
    insert into events_default (profile_id, message_id, type, name, properties, occurred_at, source)
    select profile_id, 'pt-caught-2018-0' || n, type, name, properties, timestamptz '2018-07-15T00:00:00Z' + make_interval(days => n), source
      from events, generate_series(1, 3) n where message_id = 'pt-caught'`);
  const before = (await t.db.query(`select count(*)::int as n from events`)).rows[0].n;
  const upkeep = await t.app.services.eventPartitions.maintain();
  expect(upkeep.created).toBeGreaterThanOrEqual(1);
  expect((await t.db.query(`select count(*)::int as n from events`)).rows[0].n).toBe(before);
  expect(await partitionsOf(['pt-caught-2018-01', 'pt-caught-2018-02', 'pt-caught-2018-03'])).toEqual(Array(3).fill('events_p2018_07'));
  expect((await t.db.query(`select count(*)::int as n from events_default`)).rows[0].n).toBe(0);
});

test('erasure removes a person’s events from every partition', async () => {
  await ingest(t, [track('pt-erase-1', 'pt-erase', '2017-01-05T00:00:00Z'), track('pt-erase-2', 'pt-erase', monthsAgo(0, 1))]);
  const profileId = (await t.app.services.profiles.byIdentity('user_id', 'pt-erase'))!.id;
  await ok(t, EraseProfileDocument, { profile: profileId });
  expect((await t.db.query(`select count(*)::int as n from events where profile_id = $1`, [profileId])).rows[0].n).toBe(0);
});

describe('retention (EVENT_RETENTION_MONTHS)', () => {
  let kept: TestApp;
  beforeAll(async () => {
    await ok(t, CreateSegmentDocument, { input: { key: 'pt-buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
    await ingest(t, [track('pt-ret-old', 'pt-ret', monthsAgo(20)), track('pt-ret-new', 'pt-ret', monthsAgo(2))]);
    kept = await startTestApp({ EVENT_RETENTION_MONTHS: '12' }, { database: t.database });
  });
  afterAll(() => kept?.close());

  test('drops whole months older than the limit and keeps stats, orders and memberships', async () => {
    const snapshot = () =>
      t.db.query(`
        select s.orders, s.revenue::float8 as revenue, s.events,
               (select count(*)::int from orders o where o.profile_id = s.profile_id) as order_rows,
               (select count(*)::int from memberships m where m.profile_id = s.profile_id) as memberships
          from profile_stats s join identities i on i.profile_id = s.profile_id where i.kind = 'user_id' and i.value = 'pt-ret'`);
    const before = (await snapshot()).rows[0];
    expect(before).toMatchObject({ orders: 2, revenue: 20, events: 2, memberships: 1 });
    const upkeep = await kept.app.services.eventPartitions.maintain();
    expect(upkeep.dropped).toEqual(expect.arrayContaining([partitionName(monthsAgo(20)), 'events_p2019_03', 'events_p2018_07']));
    expect(upkeep.dropped).not.toContain(partitionName(monthsAgo(2)));
    expect(await partitionsOf(['pt-ret-new', 'pt-ret-old'])).toEqual([partitionName(monthsAgo(2))]);
    expect((await snapshot()).rows[0]).toEqual(before);
  });

  test('an event older than the limit is counted, and its row goes with the next upkeep', async () => {
    await ingest(kept, [track('pt-ret-late', 'pt-ret', monthsAgo(30))]);
    expect(await partitionsOf(['pt-ret-late'])).toEqual(['events_default']);
    const upkeep = await kept.app.services.eventPartitions.maintain();
    expect(upkeep.deletedFromDefault).toBe(1);
    const { rows } = await t.db.query(`select s.orders from profile_stats s join identities i on i.profile_id = s.profile_id where i.kind = 'user_id' and i.value = 'pt-ret'`);
    expect(rows[0].orders).toBe(3);
  });

  test('a merge adds the counters of both profiles: the months retention dropped still count', async () => {
    const { userId: _none, ...anonymousOrder } = track('pt-ret-anon-order', 'nobody', monthsAgo(1));
    await ingest(kept, [{ ...anonymousOrder, anonymousId: 'pt-ret-anon' }]);
    await ingest(kept, [{ type: 'IDENTIFY', messageId: 'pt-ret-merge', anonymousId: 'pt-ret-anon', userId: 'pt-ret' }]);
    const { rows } = await t.db.query(`
      select s.orders, s.revenue::float8 as revenue from profile_stats s join identities i on i.profile_id = s.profile_id where i.kind = 'user_id' and i.value = 'pt-ret'`);
    // 3 orders before (one of them in a dropped month) and the anonymous one: a recount from the kept events would say 2.
    expect(rows[0]).toEqual({ orders: 4, revenue: 40 });
  });

  test('definitions may not read events retention no longer keeps; point-in-time evaluation is refused', async () => {
    const refused = async (within: Record<string, unknown> | undefined) => {
      const definition = { event: { name: 'Order Completed', op: 'gte', value: 1, ...(within ? { within } : {}) } };
      const answer = await kept.gql(CreateSegmentDocument, { input: { key: `pt-window-${Math.random().toString(36).slice(2, 8)}`, name: 'W', definition } });
      return answer.errors?.map((e) => `${e.extensions?.code} ${e.message}`) ?? [];
    };
    expect(await refused(undefined)).toEqual([expect.stringMatching(/^BAD_USER_INPUT definition\.event\.within: is required: events of all time are not kept \(EVENT_RETENTION_MONTHS=12/)]);
    expect(await refused({ lastDays: 337 })).toEqual([expect.stringMatching(/^BAD_USER_INPUT definition\.event\.within\.lastDays: must be at most 336/)]);
    expect(await refused({ since: monthsAgo(14) })).toEqual([expect.stringMatching(/^BAD_USER_INPUT definition\.event\.within\.since: must not be before/)]);
    expect(await refused({ lastDays: 336 })).toEqual([]);
    const preview = await kept.gql(PreviewSegmentDocument, { definition: { stat: { name: 'orders', op: 'gte', value: 1 } }, sampleSize: 1, asOf: monthsAgo(3) });
    expect(preview.errors![0].message).toMatch(/^asOf: point-in-time evaluation needs the whole event history/);
    const stats = await kept.gql(SegmentStatsDocument, { segment: 'pt-buyers', from: monthsAgo(3), to: monthsAgo(1), interval: 'MONTH', source: 'HISTORY' });
    expect(stats.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(stats.errors![0].message).toMatch(/^source: point-in-time evaluation needs the whole event history/);
    // Without retention, the same questions are answered.
    expect((await t.gql(SegmentStatsDocument, { segment: 'pt-buyers', from: monthsAgo(3), to: monthsAgo(1), interval: 'MONTH', source: 'HISTORY' })).errors).toBeUndefined();
  });
});
