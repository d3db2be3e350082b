import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { postV1 } from '../support/v1';
import { countStatements } from '../support/statements';
import {
  AccountDocument, EraseProfileDocument, FrontendTrackDocument, GroupDocument, ProfileAccountsDocument, type IdentityKind,
} from '../generated/graphql';

/**
 * A Segment `group` call names an account: its traits are the account's, never the
 * person's, and it links the person to the account (as `context.groupId` on any event does).
 */
let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

const v1 = (path: string, body: unknown, key = writeKey) => postV1(t.baseUrl, path, body, { key });

async function profileOf(kind: IdentityKind, value: string) {
  const profile = (await ok(t, ProfileAccountsDocument, { kind, value })).profileByIdentity;
  if (!profile) throw new Error(`no profile with ${kind} ${value}`);
  return profile;
}

const accountOf = async (groupId: string, first = 20, after?: string) => (await ok(t, AccountDocument, { groupId, first, after })).account;
const memberIds = async (groupId: string) => (await accountOf(groupId))!.members.edges.map((e) => e.node.id);

test('a group call over /v1 records the account and links the person, whose traits and identities stay as they were', async () => {
  await v1('/v1/identify', { userId: 'ada', traits: { name: 'Ada', plan: 'personal' } });
  // Someone else owns this email: an email in group traits must not link the two.
  await v1('/v1/identify', { userId: 'billing-clerk', traits: { email: 'billing@acme.test' } });
  const res = await v1('/v1/group', { userId: 'ada', groupId: 'acme', traits: { name: 'Acme Inc', plan: 'enterprise', email: 'billing@acme.test' } });
  expect(res).toEqual({ status: 200, body: { success: true, accepted: 1, duplicates: 0 } });

  const ada = await profileOf('USER_ID', 'ada');
  expect(ada.traits).toEqual({ name: 'Ada', plan: 'personal' });
  expect(ada.identities).toEqual([{ kind: 'USER_ID', value: 'ada' }]);
  expect(ada.accounts).toEqual([{ groupId: 'acme', traits: { name: 'Acme Inc', plan: 'enterprise', email: 'billing@acme.test' } }]);
  expect((await profileOf('EMAIL', 'billing@acme.test')).identities.map((i) => i.value)).toEqual(['billing@acme.test', 'billing-clerk']);

  // The short path analytics.js uses; later traits win key by key, earlier keys stay.
  expect((await v1('/v1/g', { userId: 'ada', groupId: 'acme', traits: { plan: 'pro' }, writeKey })).status).toBe(200);
  const acme = await accountOf('acme');
  expect(acme).toMatchObject({ groupId: 'acme', traits: { name: 'Acme Inc', plan: 'pro', email: 'billing@acme.test' } });
  expect(new Date(acme!.updatedAt).getTime()).toBeGreaterThan(new Date(acme!.createdAt).getTime());
  expect(acme!.members.edges.map((e) => e.node.id)).toEqual([ada.id]);
  // The event itself is kept, with its groupId.
  const { rows } = await t.db.query(`select type, extra from events where profile_id = $1 and type = 'group'`, [ada.id]);
  expect(rows.map((r) => r.extra)).toEqual([{ groupId: 'acme' }, { groupId: 'acme' }]);
});

test('GraphQL group and ingest with GROUP write the account; a group call without groupId is BAD_USER_INPUT and stores nothing', async () => {
  const grouped = await ok(t, GroupDocument, { input: { userId: 'grace', groupId: 'navy', traits: { plan: 'free', seats: 3 } } });
  expect(grouped.group.accepted).toBe(1);
  await ingest(t, [
    { type: 'GROUP', messageId: 'navy-2', userId: 'grace', groupId: 'navy', traits: { plan: 'team' } },
    { type: 'GROUP', messageId: 'navy-3', userId: 'hopper', groupId: 'navy', traits: { seats: 4 } },
  ]);
  expect((await accountOf('navy'))!.traits).toEqual({ plan: 'team', seats: 4 });
  expect((await profileOf('USER_ID', 'grace')).traits).toEqual({});

  const missing = await t.gql(`mutation { ingest(events: [{ type: GROUP, userId: "grace", messageId: "no-group", traits: { plan: "x" } }]) { accepted } }`);
  expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  expect(missing.errors?.[0].message).toContain('events[0].groupId');
  const blank = await v1('/v1/group', { userId: 'grace', groupId: '  ', messageId: 'blank-group' });
  expect(blank).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', path: 'body.groupId' } } });
  expect((await t.db.query(`select count(*)::int as n from events where message_id in ('no-group', 'blank-group')`)).rows[0].n).toBe(0);
});

test('context.groupId on any event links the person to the account, without traits', async () => {
  await v1('/v1/batch', {
    batch: [
      { type: 'track', userId: 'linus', event: 'Report Viewed', context: { groupId: 'kernel' }, timestamp: '2026-03-01T00:00:00Z' },
      { type: 'page', anonymousId: 'visitor-k', name: 'Pricing', context: { groupId: 'kernel' } },
      { type: 'track', userId: 'linus', event: 'Report Viewed', context: { groupId: 'acme' }, timestamp: '2026-03-02T00:00:00Z' },
    ],
  });
  expect(await accountOf('kernel')).toMatchObject({ groupId: 'kernel', traits: {} });
  expect((await profileOf('USER_ID', 'linus')).accounts.map((a) => a.groupId)).toEqual(['kernel', 'acme']);
  expect(await memberIds('kernel')).toHaveLength(2);
  expect((await accountOf('acme'))!.traits.plan).toBe('pro'); // a link alone leaves the traits as they were
});

test('members page through in join order', async () => {
  const people = ['m1', 'm2', 'm3', 'm4', 'm5'];
  await ingest(t, people.map((userId, i) => ({ type: 'GROUP', messageId: `paged-${userId}`, userId, groupId: 'paged', timestamp: `2026-01-0${i + 1}T00:00:00Z` })));
  const seen: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < 3; page++) {
    const { members } = (await accountOf('paged', 2, after))!;
    seen.push(...members.edges.map((e) => e.node.identities[0].value));
    after = members.pageInfo.endCursor ?? undefined;
    expect(members.pageInfo.hasNextPage).toBe(page < 2);
  }
  expect(seen).toEqual(people);
  expect(await accountOf('nobody-knows')).toBeNull();
});

test('accounts and members of a list are read in one statement each', async () => {
  const query = `{ profiles(first: 20) { edges { node { accounts(first: 5) { groupId members(first: 5) { edges { node { id } } } } } } } }`;
  const statements = await countStatements(t, () => ok(t, query), (sql) => sql.includes('profile_accounts'));
  expect(statements).toBe(2);
});

test('a batch without accounts writes nothing about them; one with accounts, two statements', async () => {
  const touches = (sql: string) => /insert into (accounts|profile_accounts)/.test(sql);
  expect(await countStatements(t, () => ingest(t, [{ type: 'TRACK', messageId: 'plain-1', userId: 'plain', event: 'X' }]), touches)).toBe(0);
  const batch = Array.from({ length: 20 }, (_, i) => ({ type: 'GROUP' as const, messageId: `many-${i}`, userId: `many-${i % 7}`, groupId: `many-${i % 3}`, traits: { n: i } }));
  expect(await countStatements(t, () => ingest(t, batch), touches)).toBe(2);
  expect((await accountOf('many-1'))!.traits).toEqual({ n: 19 });
});

test('a public key cannot group, and its context.groupId links nothing (reported as ignored)', async () => {
  const publicKey = await t.keyWith('personalize');
  expect(await v1('/v1/group', { anonymousId: 'pub-visitor', groupId: 'acme', traits: { plan: 'free' } }, publicKey)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  const res = await ok(t, FrontendTrackDocument, { input: { anonymousId: 'pub-visitor', event: 'Viewed', context: { groupId: 'acme' } } }, publicKey);
  expect(res.track).toMatchObject({ accepted: 1, ignoredIdentities: ['input.context.groupId'] });
  expect((await profileOf('ANONYMOUS_ID', 'pub-visitor')).accounts).toEqual([]);
  expect((await accountOf('acme'))!.traits.plan).toBe('pro');
});

test('a merge moves account links to the survivor', async () => {
  await ingest(t, [
    { type: 'GROUP', messageId: 'merge-1', anonymousId: 'merge-anon', groupId: 'merge-a', timestamp: '2026-02-01T00:00:00Z' },
    { type: 'GROUP', messageId: 'merge-2', userId: 'merge-user', groupId: 'merge-b', timestamp: '2026-02-02T00:00:00Z' },
    { type: 'GROUP', messageId: 'merge-3', anonymousId: 'merge-anon', groupId: 'merge-b', timestamp: '2026-01-01T00:00:00Z' },
  ]);
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'merge-4', userId: 'merge-user', anonymousId: 'merge-anon' }]);
  const survivor = await profileOf('USER_ID', 'merge-user');
  expect(survivor.identities.map((i) => i.kind).sort()).toEqual(['ANONYMOUS_ID', 'USER_ID']);
  expect(survivor.accounts.map((a) => a.groupId)).toEqual(['merge-b', 'merge-a']);
  const { rows } = await t.db.query(
    `select a.group_id, pa.profile_id, pa.first_seen_at, pa.last_seen_at from profile_accounts pa join accounts a on a.id = pa.account_id
      where a.group_id like 'merge-%' order by a.group_id`,
  );
  expect(rows).toEqual([
    { group_id: 'merge-a', profile_id: survivor.id, first_seen_at: new Date('2026-02-01T00:00:00Z'), last_seen_at: new Date('2026-02-01T00:00:00Z') },
    { group_id: 'merge-b', profile_id: survivor.id, first_seen_at: new Date('2026-01-01T00:00:00Z'), last_seen_at: new Date('2026-02-02T00:00:00Z') },
  ]);
});

test('erasure removes the person from their accounts; the accounts and their other members stay', async () => {
  await ingest(t, [
    { type: 'GROUP', messageId: 'erase-1', userId: 'erase-member', groupId: 'erase-co', traits: { plan: 'pro' } },
    { type: 'GROUP', messageId: 'erase-2', userId: 'erase-colleague', groupId: 'erase-co' },
  ]);
  const erased = await profileOf('USER_ID', 'erase-member');
  const { eraseProfile } = await ok(t, EraseProfileDocument, { profile: erased.id });
  expect(eraseProfile.rowsDeleted).toMatchObject({ profile_accounts: 1 });
  const account = await accountOf('erase-co');
  expect(account!.traits).toEqual({ plan: 'pro' });
  expect(account!.members.edges.map((e) => e.node.identities[0].value)).toEqual(['erase-colleague']);
});
