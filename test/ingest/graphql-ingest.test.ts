import { startTestApp, type TestApp } from '../support/app';
import { AliasDocument, IdentifyDocument, ProfileByIdDocument, ProfileByIdentityDocument, TrackDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

test('track creates a profile with stats for an Order Completed', async () => {
  const res = await t.gql(TrackDocument, {
    input: { messageId: 'm-1', userId: 'u-1', event: 'Order Completed', properties: { order_id: 'o1', revenue: 42.5 }, timestamp: '2026-01-02T03:04:05Z' },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data!.track).toMatchObject({ accepted: 1, duplicates: 0 });
  const p = await t.gql(ProfileByIdentityDocument, { kind: 'USER_ID', value: 'u-1' });
  expect(p.data!.profileByIdentity!.stats).toMatchObject({ orders: 1, revenue: 42.5, events: 1, avgOrderValue: 42.5, lastSeenAt: '2026-01-02T03:04:05.000Z' });
});

test('identify sets traits; a later identify wins key by key', async () => {
  await t.gql(IdentifyDocument, { input: { messageId: 'i-1', userId: 'u-2', traits: { plan: 'free', age: 31 } } });
  await t.gql(IdentifyDocument, { input: { messageId: 'i-2', userId: 'u-2', traits: { plan: 'pro' } } });
  const p = await t.gql(ProfileByIdentityDocument, { kind: 'USER_ID', value: 'u-2' });
  expect(p.data!.profileByIdentity!.traits).toEqual({ plan: 'pro', age: 31 });
});

test('alias links an anonymous visitor to a user; the old profile id resolves to the survivor', async () => {
  const anon = await t.gql(TrackDocument, { input: { messageId: 'a-1', anonymousId: 'anon-9', event: 'Product Viewed' } });
  const user = await t.gql(IdentifyDocument, { input: { messageId: 'a-2', userId: 'u-9', traits: { name: 'Ada' } } });
  const alias = await t.gql(AliasDocument, { input: { messageId: 'a-3', userId: 'u-9', previousId: 'anon-9' } });
  expect(alias.data!.alias.profileIds).toEqual(user.data!.identify.profileIds);
  const old = await t.gql(ProfileByIdDocument, { id: anon.data!.track.profileIds[0] });
  expect(old.data!.profile!.id).toBe(user.data!.identify.profileIds[0]);
  const merged = await t.gql(ProfileByIdentityDocument, { kind: 'ANONYMOUS_ID', value: 'anon-9' });
  expect(merged.data!.profileByIdentity!.merges).toEqual([{ mergedProfileId: anon.data!.track.profileIds[0], identityKind: 'ANONYMOUS_ID', identityValue: 'anon-9', messageId: 'a-3' }]);
  expect(merged.data!.profileByIdentity!.stats.events).toBe(3);
});
