import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { IngestDocument, ProfileByIdDocument, ProfileByIdentityDocument, type EventInput, type IdentityKind } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

let seq = 0;
const mid = () => `msg-${process.pid}-${++seq}`;
const track = (ids: Pick<EventInput, 'userId' | 'anonymousId'>, event = 'Page Viewed', properties: Record<string, unknown> = {}): EventInput => ({
  type: 'TRACK', messageId: mid(), event, properties, ...ids,
});

const profileOf = async (kind: IdentityKind, value: string) => (await ok(t, ProfileByIdentityDocument, { kind, value })).profileByIdentity!;

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(sql, params);
  return rows[0].n;
}

test('an anonymous visitor who signs up is merged into one profile, and the old id still resolves', async () => {
  const anon = await ingest(t, [track({ anonymousId: 'anon-A' }), track({ anonymousId: 'anon-A' }, 'Product Viewed')]);
  const user = await ingest(t, [track({ userId: 'user-A' }, 'Order Completed', { revenue: 10 })]);
  expect(anon.profileIds[0]).not.toEqual(user.profileIds[0]);

  const link = await ingest(t, [{ type: 'IDENTIFY', messageId: 'link-A', userId: 'user-A', anonymousId: 'anon-A', traits: { plan: 'pro' } }]);
  const survivor = await profileOf('USER_ID', 'user-A');
  expect(link.profileIds[0]).toBe(survivor.id);
  expect(survivor.identities).toEqual(expect.arrayContaining([{ kind: 'USER_ID', value: 'user-A' }, { kind: 'ANONYMOUS_ID', value: 'anon-A' }]));
  expect(survivor.stats).toMatchObject({ events: 4, orders: 1, revenue: 10 });
  expect(survivor.traits).toEqual({ plan: 'pro' });
  expect(survivor.merges).toEqual([{ mergedProfileId: anon.profileIds[0], identityKind: 'ANONYMOUS_ID', identityValue: 'anon-A', messageId: 'link-A' }]);

  const old = await t.gql(ProfileByIdDocument, { id: anon.profileIds[0] });
  expect(old.data!.profile!.id).toBe(survivor.id);
  expect(await count(`select count(*)::int n from events where profile_id = $1`, [anon.profileIds[0]])).toBe(0);
});

test('two different user ids never merge, even when an anonymous id links them', async () => {
  await ingest(t, [track({ userId: 'user-B1', anonymousId: 'shared-device' })]);
  await ingest(t, [track({ userId: 'user-B2', anonymousId: 'shared-device' })]);
  const b1 = await profileOf('USER_ID', 'user-B1');
  const b2 = await profileOf('USER_ID', 'user-B2');
  expect(b1.id).not.toBe(b2.id);
  expect(b2.identities).toEqual([{ kind: 'USER_ID', value: 'user-B2' }]);
  expect(b2.stats.events).toBe(1);
});

test('blocked placeholder values never link profiles', async () => {
  await ingest(t, [track({ userId: 'user-C1', anonymousId: 'anonymous' }), track({ userId: 'user-C2', anonymousId: 'null' })]);
  const c1 = await profileOf('USER_ID', 'user-C1');
  expect(c1.identities).toEqual([{ kind: 'USER_ID', value: 'user-C1' }]);
  expect(await count(`select count(*)::int n from identities where value in ('anonymous','null')`)).toBe(0);
});

test('a profile holds at most five anonymous ids; the sixth is not linked', async () => {
  const events = Array.from({ length: 7 }, (_, i) => track({ userId: 'user-D', anonymousId: `anon-D${i}` }));
  const res = await ingest(t, events);
  expect(new Set(res.profileIds).size).toBe(1);
  const d = await profileOf('USER_ID', 'user-D');
  expect(d.identities.filter((i: { kind: string }) => i.kind === 'ANONYMOUS_ID')).toHaveLength(5);
  expect(d.stats.events).toBe(7);
});

test('identity limits are configurable', async () => {
  const strict = await startTestApp({ IDENTITY_LIMITS: 'anonymous_id=1' });
  try {
    await strict.gql(IngestDocument, { events: [track({ userId: 'u', anonymousId: 'a1' }), track({ userId: 'u', anonymousId: 'a2' })] });
    const { rows } = await strict.db.query(`select value from identities where kind = 'anonymous_id'`);
    expect(rows.map((r) => r.value)).toEqual(['a1']);
  } finally {
    await strict.close();
  }
});

test('email and phone are canonicalized identities taken from traits', async () => {
  await ingest(t, [{ type: 'IDENTIFY', messageId: mid(), userId: 'user-E', traits: { email: ' Ann@Example.COM ', phone: '+44 20 7946-0000' } }]);
  const byEmail = await profileOf('EMAIL', 'ann@example.com');
  const byPhone = await profileOf('PHONE', '+442079460000');
  expect(byEmail.id).toBe(byPhone.id);
  expect(byEmail.traits.email).toBe(' Ann@Example.COM ');
});

test('a retried batch is counted as duplicates and stored once', async () => {
  const events = [track({ userId: 'user-F' }, 'Order Completed', { revenue: 5 }), track({ userId: 'user-F' })];
  const first = await ingest(t, events);
  const again = await ingest(t, events);
  expect(first).toMatchObject({ accepted: 2, duplicates: 0 });
  expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
  const f = await profileOf('USER_ID', 'user-F');
  expect(f.stats).toMatchObject({ events: 2, orders: 1, revenue: 5 });
});

test('parallel requests carrying the same new user id end with one profile', async () => {
  const requests = Array.from({ length: 40 }, (_, i) => ingest(t, [track({ userId: 'user-G', anonymousId: `anon-G${i % 10}` })]));
  const results = await Promise.all(requests);
  expect(results.every((r) => r.accepted === 1)).toBe(true);
  expect(await count(`select count(distinct profile_id)::int n from identities where kind = 'user_id' and value = 'user-G'`)).toBe(1);
  const g = await profileOf('USER_ID', 'user-G');
  expect(g.stats.events).toBe(40);
  expect(await count(`select count(*)::int n from events e join profiles p on p.id = e.profile_id where p.merged_into is not null`)).toBe(0);
});

test('parallel sign-ups linking many anonymous profiles converge without losing events', async () => {
  // 10 anonymous visitors each with history, then 10 parallel batches link them to 2 users.
  await ingest(t, Array.from({ length: 10 }, (_, i) => track({ anonymousId: `anon-H${i}` })));
  const links = Array.from({ length: 10 }, (_, i) => ingest(t, [track({ userId: `user-H${i % 2}`, anonymousId: `anon-H${i}` }, 'Signed Up')]));
  await Promise.all(links);
  const h0 = await profileOf('USER_ID', 'user-H0');
  const h1 = await profileOf('USER_ID', 'user-H1');
  expect(h0.stats.events + h1.stats.events).toBe(20);
  expect(await count(`select count(*)::int n from events where profile_id in (select id from profiles where merged_into is not null)`)).toBe(0);
  expect(await count(`select count(*)::int n from identities where profile_id in (select id from profiles where merged_into is not null)`)).toBe(0);
});

test('within one batch, events before a merge land on the survivor', async () => {
  await ingest(t, [track({ userId: 'user-I' }, 'Order Completed', { revenue: 3 })]);
  const res = await ingest(t, [track({ anonymousId: 'anon-I' }), { type: 'IDENTIFY', messageId: mid(), userId: 'user-I', anonymousId: 'anon-I' }]);
  const i = await profileOf('USER_ID', 'user-I');
  expect(res.profileIds).toEqual([i.id, i.id]);
  expect(i.stats.events).toBe(3);
  expect(await count(`select count(*)::int n from events where profile_id in (select id from profiles where merged_into is not null)`)).toBe(0);
});
