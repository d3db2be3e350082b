import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const TRACK = `mutation($input: TrackInput!) { track(input: $input) { accepted duplicates profileIds } }`;
const PROFILE = `query($kind: IdentityKind!, $value: String!) {
  profileByIdentity(kind: $kind, value: $value) { id traits stats { orders revenue events lastSeenAt } identities { kind value } }
}`;

test('track creates a profile with stats for an Order Completed', async () => {
  const res = await t.gql(TRACK, {
    input: { messageId: 'm-1', userId: 'u-1', event: 'Order Completed', properties: { order_id: 'o1', revenue: 42.5 }, timestamp: '2026-01-02T03:04:05Z' },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.track).toMatchObject({ accepted: 1, duplicates: 0 });
  const p = await t.gql(PROFILE, { kind: 'USER_ID', value: 'u-1' });
  expect(p.data!.profileByIdentity.stats).toMatchObject({ orders: 1, revenue: 42.5, events: 1 });
});
