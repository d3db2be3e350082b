import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest } from '../support/operations';
import { countStatements } from '../support/statements';
import {
  CreatePlacementDocument, CreateSegmentDocument, RefreshRecommendationsDocument, SetConsentDocument, UserContextDocument, type EventInput,
  type UserContextQueryVariables,
} from '../generated/graphql';

/** userContext: profile, segments, decisions and recommendations in one call, within consent. */

let t: TestApp;
let backendKey: string;

const order = (messageId: string, userId: string, products: string[]): EventInput => ({
  type: 'TRACK', messageId, userId, event: 'Order Completed',
  properties: { order_id: messageId, revenue: 10 * products.length, products: products.map((id) => ({ product_id: id, price: 10, quantity: 1 })) },
});

beforeAll(async () => {
  t = await startTestApp();
  backendKey = await t.keyWith('read');
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
  await createContent(t, 'for-buyers');
  await ok(t, CreatePlacementDocument, { input: { key: 'banner', rules: [{ segment: 'buyers', content: 'for-buyers' }] } });
  await ingest(t, [
    order('o-1', 'ann', ['mug', 'tea']),
    order('o-2', 'bob', ['mug', 'tea']),
    order('o-3', 'cat', ['mug', 'spoon']),
    order('o-4', 'dan', ['plate']),
    order('o-5', 'eve', ['plate']),
    order('o-6', 'fay', ['plate']),
    order('o-7', 'gus', ['plate']),
    order('o-9', 'hal', ['plate']),
    order('o-8', 'refuser', ['mug']),
  ]);
  await ok(t, RefreshRecommendationsDocument);
  await ok(t, SetConsentDocument, { userId: 'refuser', purpose: 'PERSONALIZATION', granted: false, source: 'banner' });
});
afterAll(() => t?.close());

const placements = ['banner'];
const contextOf = async (who: Omit<UserContextQueryVariables, 'placements'>) => (await ok(t, UserContextDocument, { placements, ...who }, backendKey)).userContext;
const ids = (recs: { product: { id: string } }[]) => recs.map((r) => r.product.id);

test('a known, consenting user gets segments, decisions and the strategy asked, without what they bought', async () => {
  const ctx = await contextOf({ userId: 'cat', recommendations: { strategy: 'ALSO_BOUGHT', product: 'mug', limit: 3 } });
  expect(ctx).toMatchObject({ known: true, segments: ['buyers'], decisions: [{ reason: 'segment', content: { key: 'for-buyers' } }] });
  expect(ctx.recommendations[0]).toEqual({ product: { id: 'tea' }, strategy: 'ALSO_BOUGHT' });
  expect(ids(ctx.recommendations)).not.toContain('spoon');
  expect(ids(ctx.recommendations)).not.toContain('mug');
});

test('without personalization consent: defaults, no segments, and only POPULAR items', async () => {
  const ctx = await contextOf({ userId: 'refuser', recommendations: { strategy: 'ALSO_BOUGHT', product: 'mug', limit: 3 } });
  expect(ctx).toMatchObject({ known: true, segments: [], decisions: [{ reason: 'no personalization consent', content: null }] });
  expect(ctx.recommendations.length).toBeGreaterThan(0);
  expect(ctx.recommendations.every((r) => r.strategy === 'POPULAR')).toBe(true);
  expect(ids(ctx.recommendations)[0]).toBe('plate');
});

test('an unknown visitor gets defaults and recommendations; no recommendations unless asked', async () => {
  const stranger = await contextOf({ anonymousId: 'new-visitor', recommendations: { strategy: 'POPULAR', limit: 2 } });
  expect(stranger).toMatchObject({ profileId: null, known: false, segments: [], decisions: [{ reason: 'unknown user' }] });
  expect(ids(stranger.recommendations)).toEqual(['plate', 'mug']);
  expect((await contextOf({ userId: 'ann' })).recommendations).toEqual([]);
});

test('bad recommendation requests name their path', async () => {
  const noProduct = await t.gql(UserContextDocument, { placements, userId: 'ann', recommendations: { strategy: 'ALSO_BOUGHT', limit: 3 } }, backendKey);
  expect(noProduct.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'recommendations.product' });
  const tooMany = await t.gql(UserContextDocument, { placements, userId: 'ann', recommendations: { strategy: 'POPULAR', limit: 1000 } }, backendKey);
  expect(tooMany.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'recommendations.limit' });
});

test('userContext looks the user up at most once: one statement for the facts, then the kept list (none once seen), then the live query if the list is short', async () => {
  const service = t.app.services.personalization;
  await service.userContext({ userId: 'nobody', placements: ['banner'] }); // placements loaded; the feed has caught up with the set-up
  // bob's kept FOR_YOU list holds the one item asked; a shorter list adds the live statement (POPULAR fills in).
  const request = { userId: 'bob', placements: ['banner'], recommendations: { strategy: 'FOR_YOU' as const, limit: 1 } };
  const statements = () => countStatements(t, () => service.userContext(request));
  expect(await statements()).toBe(2);
  expect(await statements()).toBe(0);
  expect(await countStatements(t, () => service.userContext({ ...request, userId: 'hal', recommendations: { strategy: 'FOR_YOU', limit: 5 } }))).toBe(3);
});
