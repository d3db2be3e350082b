import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { startServerProcess } from '../support/server-process';
import { until } from '../support/wait';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, SegmentMembershipChangedDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
});
afterAll(() => t.close());

type Change = { cursor: string; segmentKey: string; profileId: string; kind: string; cause: string };

let n = 0;
async function order(userId: string) {
  const { profileIds } = await ingest(t, [{ type: 'TRACK', messageId: `sub-${++n}`, userId, event: 'Order Completed', properties: { revenue: 9 } }]);
  return profileIds[0];
}

test('a subscriber receives entries caused by ingestion', async () => {
  const client = connect(t.graphqlUrl, await t.keyWith('subscribe'));
  const sub = subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: 'buyers' }, 'segmentMembershipChanged');
  await until(() => t.app.services.realtime.subscribers === 1);
  const profileId = await order('live-1');
  const [change] = await sub.waitFor(1);
  expect(change).toMatchObject({ segmentKey: 'buyers', profileId, kind: 'ENTERED', cause: 'EVENT' });
  await sub.close();
  await client.dispose();
});

test('subscribers asking the same thing share one execution per change; unsubscribing releases the stream', async () => {
  const client = connect(t.graphqlUrl, await t.keyWith('subscribe'));
  const before = t.app.services.realtime.subscribers;
  const same = [1, 2, 3].map(() => subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: 'buyers' }, 'segmentMembershipChanged'));
  const other = subscribe<{ profileId: string }>(client, `subscription { segmentMembershipChanged(segment: "buyers") { profileId } }`, {}, 'segmentMembershipChanged');
  await until(() => t.app.services.realtime.subscribers === before + 4);

  const executions = t.http.subscriptionExecution.executions;
  const profileId = await order('shared-1');
  const received = await Promise.all(same.map((sub) => sub.waitFor(1)));
  for (const [change] of received) expect(change).toMatchObject({ segmentKey: 'buyers', profileId, kind: 'ENTERED' });
  expect((await other.waitFor(1))[0]).toEqual({ profileId });
  expect(t.http.subscriptionExecution.executions - executions).toBe(2);

  for (const sub of [...same, other]) await sub.close();
  await until(() => t.app.services.realtime.subscribers === before);
  await client.dispose();
});

test('after a cursor, missed changes are replayed first and live ones follow without repeats', async () => {
  const first = await order('replay-1');
  const { rows } = await t.db.query(`select max(id)::int as id from membership_changes where profile_id = $1`, [first]);
  const cursor = String(rows[0].id);
  const missed = [await order('replay-2'), await order('replay-3')];

  const client = connect(t.graphqlUrl, t.adminKey);
  const sub = subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: 'buyers', after: cursor }, 'segmentMembershipChanged');
  await sub.waitFor(2);
  const live = await order('replay-4');
  const all = await sub.waitFor(3);
  expect(all.map((c) => c.profileId)).toEqual([...missed, live]);
  expect(Number(all[0].cursor)).toBeGreaterThan(Number(cursor));
  await sub.close();
  await client.dispose();
});

test('profileSegmentsChanged follows one profile', async () => {
  const profileId = await order('p-follow');
  const client = connect(t.graphqlUrl, t.adminKey);
  const sub = subscribe<Change>(client, `subscription($p: ID!) { profileSegmentsChanged(profile: $p, after: "0") { profileId segmentKey kind } }`, { p: profileId }, 'profileSegmentsChanged');
  const [change] = await sub.waitFor(1);
  expect(change).toEqual({ profileId, segmentKey: 'buyers', kind: 'ENTERED' });
  await sub.close();
  await client.dispose();
});

test.each([
  ['no key', undefined],
  ['an ingest-only key', 'ingest'],
])('subscribing with %s is refused', async (_label, scope) => {
  const key = scope ? await t.keyWith(scope as 'ingest') : undefined;
  const client = connect(t.graphqlUrl, key);
  const sub = subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: 'buyers' }, 'segmentMembershipChanged');
  await until(() => sub.errors.length > 0);
  expect(sub.received).toHaveLength(0);
  expect(JSON.stringify(sub.errors)).toMatch(scope ? /FORBIDDEN|lacks the scope/ : /UNAUTHENTICATED|API key is required/);
  await client.dispose();
});

test.each([
  ['a key without the subscribe scope', 'ingest', 'buyers', 'FORBIDDEN'],
  ['an unknown segment', 'subscribe', 'no-such-segment', 'NOT_FOUND'],
])('a refused subscription (%s) carries extensions.code like HTTP errors', async (_label, scope, segment, code) => {
  const client = connect(t.graphqlUrl, await t.keyWith(scope as 'ingest' | 'subscribe'));
  const sub = subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: segment }, 'segmentMembershipChanged');
  await until(() => sub.errors.length > 0);
  expect(sub.received).toHaveLength(0);
  // A refusal before execution comes as one graphql-ws error message (a list); an execution error as a result's errors.
  const [error] = sub.errors.flat() as { message: string; extensions?: { code?: string } }[];
  expect(error.extensions?.code).toBe(code);
  await client.dispose();
});

async function currentCursor(): Promise<string> {
  const { rows } = await t.db.query(`select coalesce(max(id), 0)::int as id from membership_changes`);
  return String(rows[0].id);
}

test('a change caused through one server process reaches a subscriber on another', async () => {
  const server = await startServerProcess({ DATABASE_URL: t.database.url, ADMIN_API_KEY: t.adminKey });
  try {
    const client = connect(`${server.url}/graphql`, t.adminKey);
    // From the current cursor: the change arrives whether it commits before or after the subscription starts.
    const sub = subscribe<Change>(client, SegmentMembershipChangedDocument, { segment: 'buyers', after: await currentCursor() }, 'segmentMembershipChanged');
    const profileId = await order('cross-process'); // ingested through the in-test server
    const [change] = await sub.waitFor(1);
    expect(change).toMatchObject({ profileId, kind: 'ENTERED' });
    await sub.close();
    await client.dispose();
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}, 90_000);
