import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { countStatements } from '../support/statements';
import { CreateSegmentDocument, RecomputeSegmentDocument, type EventInput } from '../generated/graphql';

/**
 * `account` conditions: a trait of any of the person's accounts. The same compiled SQL
 * serves the full recompute, the preview and real time, where a group call that changes an
 * account's traits moves every member of it, not only the one who sent it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ingest(t, [
    group('seed-1', 'alice', 'acme', { plan: 'enterprise', seats: 40 }),
    group('seed-2', 'bob', 'acme'),
    group('seed-3', 'carol', 'beta', { plan: 'free', seats: 2 }),
    { type: 'IDENTIFY', messageId: 'seed-4', userId: 'dave', traits: { plan: 'enterprise' } },
  ]);
});
afterAll(() => t?.close());

function group(messageId: string, userId: string, groupId: string, traits?: Record<string, unknown>): EventInput {
  return { type: 'GROUP', messageId, userId, groupId, ...(traits && { traits }) };
}

const ENTERPRISE = { account: { trait: { path: 'plan', op: 'eq', value: 'enterprise' } } };

async function membersOf(key: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select i.value from memberships m join segments s on s.id = m.segment_id join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
      where s.key = $1 order by i.value`,
    [key],
  );
  return rows.map((r) => r.value);
}

const recompute = async (key: string) => (await ok(t, RecomputeSegmentDocument, { segment: key })).recomputeSegment;

test('the full recompute and the preview read the accounts, never the person’s own traits', async () => {
  const created = await ok(t, CreateSegmentDocument, { input: { key: 'enterprise-accounts', name: 'In an enterprise account', definition: ENTERPRISE } });
  expect(created.createSegment).toMatchObject({ size: 2, timeSensitive: false });
  expect(await membersOf('enterprise-accounts')).toEqual(['alice', 'bob']); // not dave, whose own trait says enterprise

  const preview = async (definition: unknown) => (await ok(t, `query($d: JSONObject!) { previewSegment(definition: $d) { size } }`, { d: definition })).previewSegment.size;
  expect(await preview({ account: { trait: { path: 'seats', op: 'lt', value: 10 } } })).toBe(1);
  expect(await preview({ all: [{ not: ENTERPRISE }, { stat: { name: 'events', op: 'gte', value: 1 } }] })).toBe(2); // carol, and dave (no account yet)
});

test('a group call that changes an account moves all its members at once; context.groupId brings a person in', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'acme-like', name: 'Through a reference', definition: { all: [{ segment: { key: 'enterprise-accounts' } }] } } });

  // carol upgrades beta: she is in at once.
  await ingest(t, [group('rt-1', 'carol', 'beta', { plan: 'enterprise' })]);
  expect(await membersOf('enterprise-accounts')).toEqual(['alice', 'bob', 'carol']);

  // alice downgrades acme: bob leaves with her, though he sent nothing.
  await ingest(t, [group('rt-2', 'alice', 'acme', { plan: 'pro' })]);
  expect(await membersOf('enterprise-accounts')).toEqual(['carol']);
  expect(await membersOf('acme-like')).toEqual(['carol']);

  // A trait no account condition reads moves nobody, and costs no re-evaluation; nor does an event in an account one is already in.
  const realtimeChecks = (work: () => Promise<unknown>) => countStatements(t, work, (sql) => sql.includes('with scope as'));
  expect(await realtimeChecks(() => ingest(t, [group('rt-3', 'alice', 'acme', { industry: 'rockets' })]))).toBe(0);
  expect(await realtimeChecks(() => ingest(t, [{ type: 'TRACK', messageId: 'rt-4', userId: 'carol', event: 'Report Viewed', context: { groupId: 'beta' } }]))).toBe(0);

  // dave's first event in beta brings him in.
  await ingest(t, [{ type: 'TRACK', messageId: 'rt-5', userId: 'dave', event: 'Report Viewed', context: { groupId: 'beta' } }]);
  expect(await membersOf('enterprise-accounts')).toEqual(['carol', 'dave']);

  const { rows } = await t.db.query(
    `select c.kind || ' ' || i.value as change from membership_changes c
       join segments s on s.id = c.segment_id join identities i on i.profile_id = c.profile_id and i.kind = 'user_id'
      where s.key = 'enterprise-accounts' and c.cause = 'EVENT' order by c.id`,
  );
  const changes = rows.map((r) => r.change);
  expect([changes[0], changes.slice(1, 3).sort(), changes.slice(3)]).toEqual(['ENTERED carol', ['EXITED alice', 'EXITED bob'], ['ENTERED dave']]);

  // Real time agrees with a full recompute.
  for (const key of ['enterprise-accounts', 'acme-like']) expect(await recompute(key)).toMatchObject({ entered: 0, exited: 0 });
});
