import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, EraseProfileDocument, ProfileByIdentityDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const PERSON = { userId: 'erase-me-user-7731', anonymousId: 'erase-me-anon-5521', email: 'erase.me.7731@example.org', phone: '+15550107731', name: 'Zebulon Erasewell' };
const past = '2026-01-05T10:00:00Z';

async function seedPerson(): Promise<string> {
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
  const { profileIds } = await ingest(t, [
    { type: 'TRACK', messageId: 'er-1', anonymousId: PERSON.anonymousId, event: 'Product Viewed', properties: { product_id: 'p1' }, timestamp: past },
    { type: 'IDENTIFY', messageId: 'er-2', userId: PERSON.userId, anonymousId: PERSON.anonymousId, traits: { email: PERSON.email, phone: PERSON.phone, name: PERSON.name }, timestamp: past },
    { type: 'TRACK', messageId: 'er-3', userId: PERSON.userId, event: 'Order Completed', properties: { order_id: 'o-er', revenue: 12, products: [{ product_id: 'p1', price: 12, quantity: 1 }] }, timestamp: past },
    { type: 'TRACK', messageId: 'er-4', userId: 'someone-else', event: 'Order Completed', properties: { revenue: 3 }, timestamp: past },
  ]);
  return profileIds[2];
}

/** Every user table, as text, searched for every identifier of the person. */
async function tablesMentioning(needles: string[]): Promise<string[]> {
  const { rows: tables } = await t.db.query(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`);
  const found: string[] = [];
  for (const { table_name } of tables) {
    const { rows } = await t.db.query(`select to_jsonb(x)::text as row from "${table_name}" x`);
    for (const needle of needles) if (rows.some((r) => r.row.toLowerCase().includes(needle.toLowerCase()))) found.push(`${table_name}: ${needle}`);
  }
  return found;
}

test('export returns everything held; erasure leaves no identifier in any table and emits exits', async () => {
  const profileId = await seedPerson();
  const exported = await t.gql(`query($id: ID!) { exportProfile(profile: $id) }`, { id: profileId });
  expect(exported.errors).toBeUndefined();
  const dump = JSON.stringify(exported.data!.exportProfile);
  for (const value of [PERSON.userId, PERSON.anonymousId, PERSON.email, PERSON.name, 'o-er']) expect(dump).toContain(value);
  expect(Object.keys(exported.data!.exportProfile.tables)).toEqual(expect.arrayContaining(['profiles', 'identities', 'events', 'profile_stats', 'memberships']));

  expect(await tablesMentioning(Object.values(PERSON))).not.toEqual([]);
  const erased = await ok(t, EraseProfileDocument, { identity: { kind: 'EMAIL', value: PERSON.email } });
  expect(erased.eraseProfile).toMatchObject({ profileId, identities: 4, segmentsExited: 1 });
  expect(await tablesMentioning(Object.values(PERSON))).toEqual([]);

  const { rows } = await t.db.query(`select kind, cause from membership_changes where profile_id = $1 order by id`, [profileId]);
  expect(rows.at(-1)).toEqual({ kind: 'EXITED', cause: 'ERASURE' });
  const other = await ok(t, ProfileByIdentityDocument, { kind: 'USER_ID', value: 'someone-else' });
  expect(other.profileByIdentity!.stats.orders).toBe(1);
});

test('a replayed old event does not recreate an erased person; a new one after erasure is stored', async () => {
  const replay = await ingest(t, [
    { type: 'TRACK', messageId: 'er-replay-1', userId: PERSON.userId, event: 'Page', timestamp: past },
    { type: 'IDENTIFY', messageId: 'er-replay-2', anonymousId: PERSON.anonymousId, traits: { name: PERSON.name }, timestamp: past },
  ]);
  expect(replay).toMatchObject({ accepted: 0, duplicates: 0, suppressed: 2 });
  expect(await tablesMentioning([PERSON.userId, PERSON.anonymousId, PERSON.name])).toEqual([]);

  const fresh = await ingest(t, [{ type: 'TRACK', messageId: 'er-new', userId: PERSON.userId, event: 'Signed Up Again' }]);
  expect(fresh).toMatchObject({ accepted: 1, suppressed: 0 });
});

test('erasing needs admin, and an unknown or already erased person is NOT_FOUND', async () => {
  const reader = await t.keyWith('read');
  const forbidden = await t.gql(EraseProfileDocument, { identity: { kind: 'USER_ID', value: 'someone-else' } }, reader);
  expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
  const missing = await t.gql(EraseProfileDocument, { identity: { kind: 'USER_ID', value: 'nobody-at-all' } });
  expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
});
