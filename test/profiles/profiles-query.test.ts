import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app';
import { ingest } from '../support/operations';
import { ProfileByIdDocument, type EventInput } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const events: EventInput[] = [];
  for (let i = 0; i < 12; i++) {
    events.push({ type: 'IDENTIFY', messageId: `id-${i}`, userId: `user-${i}`, traits: { region: i % 3 === 0 ? 'north' : 'south', address: { country: i % 2 ? 'DE' : 'FR' } }, timestamp: `2026-03-${String(i + 1).padStart(2, '0')}T10:00:00Z` });
    for (let j = 0; j < 3; j++) events.push({ type: 'TRACK', messageId: `ev-${i}-${j}`, userId: `user-${i}`, event: j === 2 ? 'Order Completed' : 'Product Viewed', properties: { revenue: 10 }, timestamp: `2026-03-${String(i + 1).padStart(2, '0')}T1${j + 1}:00:00Z` });
  }
  expect((await ingest(t, events)).accepted).toBe(48);
});
afterAll(() => t.close());

const LIST = `query($first: Int!, $after: String, $filter: ProfileFilter) {
  profiles(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id traits stats { orders } identities { value } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

test('profiles pages through every profile exactly once with cursors', async () => {
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 10; page++) {
    const res: GraphQLResponse = await t.gql(LIST, { first: 5, after });
    expect(res.errors).toBeUndefined();
    const conn: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = res.data!.profiles;
    seen.push(...conn.edges.map((e: { node: { id: string } }) => e.node.id));
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  expect(seen).toHaveLength(12);
  expect(new Set(seen).size).toBe(12);
});

test.each([
  [{ traits: [{ path: 'region', value: 'north' }] }, 4],
  [{ traits: [{ path: 'address.country', value: 'DE' }] }, 6],
  [{ traits: [{ path: 'region', value: 'north' }, { path: 'address.country', value: 'FR' }] }, 2],
  [{ identity: { kind: 'USER_ID', value: 'user-7' } }, 1],
  [{ lastSeenFrom: '2026-03-05T00:00:00Z', lastSeenTo: '2026-03-08T00:00:00Z' }, 3],
])('profiles filter %j matches %d profiles', async (filter, expected) => {
  const res = await t.gql(LIST, { first: 50, filter });
  expect(res.errors).toBeUndefined();
  expect(res.data!.profiles.edges).toHaveLength(expected);
});

test('a profile lists its events newest first, paged and filtered by name', async () => {
  const Q = `query($kind: IdentityKind!, $v: String!, $after: String) {
    profileByIdentity(kind: $kind, value: $v) {
      events(first: 2, after: $after, name: "Product Viewed") { edges { node { name occurredAt messageId } } pageInfo { hasNextPage endCursor } }
      all: events(first: 10) { edges { node { type } } }
    }
  }`;
  const first = await t.gql(Q, { kind: 'USER_ID', v: 'user-3' });
  const events = first.data!.profileByIdentity.events;
  expect(events.edges.map((e: { node: { messageId: string } }) => e.node.messageId)).toEqual(['ev-3-1', 'ev-3-0']);
  expect(events.pageInfo.hasNextPage).toBe(false);
  expect(first.data!.profileByIdentity.all.edges).toHaveLength(4);
});

test('listing profiles with identities and events costs a fixed number of statements', async () => {
  const Q = `query($first: Int!) { profiles(first: $first) { edges { node { id identities { value } merges { mergedProfileId } events(first: 2) { edges { node { name } } } } } } }`;
  const counts: number[] = [];
  for (const first of [2, 12]) {
    let statements = 0;
    const stop = t.db.onQuery(() => statements++);
    const res = await t.gql(Q, { first });
    stop();
    expect(res.errors).toBeUndefined();
    counts.push(statements);
  }
  expect(counts[0]).toBe(counts[1]);
  expect(counts[1]).toBeLessThanOrEqual(4);
});

test('bad cursors and page sizes are BAD_USER_INPUT', async () => {
  const bad = await t.gql(LIST, { first: 5, after: 'not-a-cursor' });
  expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const big = await t.gql(LIST, { first: 101 });
  expect(big.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const badId = await t.gql(ProfileByIdDocument, { id: 'nope' });
  expect(badId.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
});

test('an unknown profile is null, not an error', async () => {
  const res = await t.gql(ProfileByIdDocument, { id: '00000000-0000-4000-8000-000000000000' });
  expect(res.errors).toBeUndefined();
  expect(res.data!.profile).toBeNull();
});
