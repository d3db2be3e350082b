import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * The migration that partitions `events` converts a populated database in place: the
 * database is taken back to the unpartitioned table (the migration's `down`), then
 * converted again, and every row, stat and membership is the same on both sides.
 */
const MIGRATION = 'Migration20261208000001_partitioned_events';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await ok(t, CreateSegmentDocument, { input: { key: 'mig-buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 2 } } } });
  const events: EventInput[] = [];
  for (let n = 0; n < 60; n++) {
    const month = n % 14;
    const timestamp = new Date(Date.UTC(2025, month, 1 + (n % 27), n % 24)).toISOString();
    events.push({ type: 'TRACK', messageId: `mig-${n}`, userId: `mig-user-${n % 7}`, event: n % 3 ? 'Product Viewed' : 'Order Completed', timestamp, properties: { revenue: n, product_id: `p${n % 5}` } });
  }
  events.push({ type: 'IDENTIFY', messageId: 'mig-identify', userId: 'mig-user-1', traits: { plan: 'gold' } });
  await ingest(t, events);
});
afterAll(() => t?.close());

/** Every event row (all columns, in id order), stats, orders and memberships, as one fingerprint each. */
async function snapshot() {
  const { rows } = await t.db.query(`
    select (select count(*)::int from events) as events,
           (select md5(string_agg(e::text, '|' order by e.id)) from (select * from events) e) as event_rows,
           (select md5(string_agg(s::text, '|' order by s.profile_id)) from profile_stats s) as stats,
           (select md5(string_agg(o::text, '|' order by o.profile_id, o.order_id)) from orders o) as orders,
           (select md5(string_agg(m.profile_id || m.segment_id::text, '|' order by m.profile_id, m.segment_id)) from memberships m) as memberships,
           (select last_value from events_id_seq) as next_id`);
  return rows[0];
}

const relkind = async () => (await t.db.query(`select relkind from pg_class where relname = 'events'`)).rows[0].relkind;

test('converting back and forth keeps every row, stat and membership; the events table works after', async () => {
  const partitioned = await snapshot();
  expect(partitioned.events).toBe(61);
  const migrator = t.app.database.orm.getMigrator();

  await migrator.down(MIGRATION);
  expect(await relkind()).toBe('r');
  const { rows: keys } = await t.db.query(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'events'::regclass and contype = 'p'`);
  expect(keys[0].def).toBe('PRIMARY KEY (id)');
  const unpartitioned = await snapshot();
  expect(unpartitioned).toEqual(partitioned);

  await migrator.up(MIGRATION);
  expect(await relkind()).toBe('p');
  expect(await snapshot()).toEqual(unpartitioned);
  const { rows: parts } = await t.db.query(`select distinct tableoid::regclass::text as part from events order by 1`);
  expect(parts.map((r) => r.part)).toEqual([...Array(14).keys()].map((m) => `events_p${2025 + Math.floor(m / 12)}_${String((m % 12) + 1).padStart(2, '0')}`).concat('events_p' + currentMonth()).sort());

  const accepted = await ingest(t, [{ type: 'TRACK', messageId: 'mig-after', userId: 'mig-user-1', event: 'Order Completed', properties: { revenue: 5 } }]);
  expect(accepted.accepted).toBe(1);
  const { rows } = await t.db.query(`select id from events where message_id = 'mig-after'`);
  expect(Number(rows[0].id)).toBeGreaterThan(Number(unpartitioned.next_id));
});

function currentMonth(): string {
  const now = new Date();
  return `${now.getUTCFullYear()}_${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}
