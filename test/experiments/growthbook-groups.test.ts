import { GrowthBook } from '@growthbook/growthbook';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument } from '../generated/graphql';

/**
 * Our segments as GrowthBook's `$groups` (issue 16 §3): a page asks `segmentKeysFor` with its
 * public key and hands the keys to the real GrowthBook SDK, whose feature targets a segment
 * with the condition the README shows.
 */
let t: TestApp;
let frontendKey: string;
beforeAll(async () => {
  t = await startTestApp();
  frontendKey = await t.keyWith('personalize');
});
afterAll(() => t.close());

const FEATURES = {
  'vip-banner': { defaultValue: false, rules: [{ condition: { $groups: { $elemMatch: { $eq: 'rfm-champions' } } }, force: true }] },
};

async function vipBannerFor(anonymousId: string): Promise<boolean> {
  const { segmentKeysFor } = await ok(t, `query($a: String) { segmentKeysFor(anonymousId: $a) }`, { a: anonymousId }, frontendKey);
  const gb = new GrowthBook({ attributes: { id: anonymousId, $groups: segmentKeysFor }, features: FEATURES });
  return gb.isOn('vip-banner');
}

test('a GrowthBook feature targets members of our segment through $groups', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'rfm-champions', name: 'Champions', definition: { trait: { path: 'tier', op: 'eq', value: 'champion' } } } });
  await ok(t, CreateSegmentDocument, { input: { key: 'all-visitors', name: 'Visitors', definition: { trait: { path: 'tier', op: 'exists' } } } });
  await ingest(t, [
    { type: 'IDENTIFY', messageId: 'gb-1', anonymousId: 'gb-champion', traits: { tier: 'champion' } },
    { type: 'IDENTIFY', messageId: 'gb-2', anonymousId: 'gb-regular', traits: { tier: 'regular' } },
  ]);
  const { segmentKeysFor } = await ok(t, `query($a: String) { segmentKeysFor(anonymousId: $a) }`, { a: 'gb-champion' }, frontendKey);
  expect(segmentKeysFor).toEqual(['all-visitors', 'rfm-champions']);
  expect(await vipBannerFor('gb-champion')).toBe(true);
  expect(await vipBannerFor('gb-regular')).toBe(false);
  expect(await vipBannerFor('gb-never-seen')).toBe(false);
  // Membership is real time: once the regular becomes a champion, the same feature turns on.
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'gb-3', anonymousId: 'gb-regular', traits: { tier: 'champion' } }]);
  expect(await vipBannerFor('gb-regular')).toBe(true);
});
