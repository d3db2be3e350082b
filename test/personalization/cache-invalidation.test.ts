import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest, personalize } from '../support/operations';
import { CreatePlacementDocument, CreateSegmentDocument, UpdateContentItemDocument, UpdatePlacementDocument, UpdateSegmentDocument } from '../generated/graphql';

/**
 * Placements are cached per instance. An edit through the API shows in the very next
 * decision, and an edit made by another instance arrives through NOTIFY.
 */

let t: TestApp;
let other: TestApp;
/** A backend key: it may decide for any user id. */
let backendKey: string;

beforeAll(async () => {
  t = await startTestApp();
  backendKey = await t.keyWith('read');
  // A second server instance on the same database: its own pool, LISTEN connection and caches.
  other = await startTestApp({ DATABASE_POOL_SIZE: '2' }, { database: t.database });

  await ok(t, CreateSegmentDocument, { input: { key: 'vip', name: 'VIP', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  for (const key of ['first', 'second', 'third', 'fallback']) await createContent(t, key);
  await ok(t, CreatePlacementDocument, { input: { key: 'slot', defaultContent: 'fallback', rules: [{ segment: 'vip', content: 'first' }] } });
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'c-1', userId: 'gold', traits: { tier: 'gold' } }]);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const shownTo = async (userId: string) => (await personalize(t, 'slot', { userId }, backendKey)).content?.key;

/** Resolves on the next `segmentary_personalization` notification this instance receives. */
function nextNotification(): Promise<void> {
  return new Promise((resolve) => {
    const stop = t.app.services.feed.on('personalization', () => {
      stop();
      resolve();
    });
  });
}

test('an edit through the API changes the next decision', async () => {
  expect(await shownTo('gold')).toBe('first');
  await ok(t, UpdatePlacementDocument, { key: 'slot', input: { rules: [{ segment: 'vip', content: 'second' }] } });
  expect(await shownTo('gold')).toBe('second');
  await ok(t, UpdateContentItemDocument, { key: 'second', input: { activeUntil: '2000-01-01T00:00:00Z' } });
  expect(await shownTo('gold')).toBe('fallback');
});

test('an edit made by another instance reaches this one through NOTIFY', async () => {
  await ok(t, UpdatePlacementDocument, { key: 'slot', input: { rules: [{ segment: 'vip', content: 'first' }] } });
  expect(await shownTo('gold')).toBe('first');
  // Warm the other instance too, so both hold a cached copy.
  expect((await other.app.services.personalization.decide('slot', { userId: 'gold' })).content?.key).toBe('first');

  let notified = nextNotification();
  await other.app.services.placements.update('slot', { rules: [{ segment: 'vip', content: 'third' }] });
  await notified;
  expect(await shownTo('gold')).toBe('third');

  notified = nextNotification();
  await other.app.services.content.archive('third');
  await notified;
  expect(await shownTo('gold')).toBe('fallback');
});

test('segment changes recompile cached inline conditions', async () => {
  await createContent(t, 'tagged');
  await ok(t, CreateSegmentDocument, { input: { key: 'tagged', name: 'T', definition: { trait: { path: 'tag', op: 'eq', value: 'x' } } } });
  await ok(t, CreatePlacementDocument, { input: { key: 'inline', rules: [{ condition: { segment: { key: 'tagged' } }, content: 'tagged' }] } });
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'c-2', userId: 'tag-y', traits: { tag: 'y' } }]);
  expect((await personalize(t, 'inline', { userId: 'tag-y' }, backendKey)).reason).toBe('default');
  await ok(t, UpdateSegmentDocument, { segment: 'tagged', input: { definition: { trait: { path: 'tag', op: 'eq', value: 'y' } } } });
  expect(await personalize(t, 'inline', { userId: 'tag-y' }, backendKey)).toMatchObject({ reason: 'condition', content: { key: 'tagged' } });
});
