import pg from 'pg';
import { profileFactsCache, type ProfileFacts, type ProfileFactsCache } from '../../src/personalization/profile-facts-cache';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/wait';
import { ok } from '../support/graphql';
import { createContent, ingest, personalize, type DecisionView } from '../support/operations';
import { countStatements } from '../support/statements';
import { CreatePlacementDocument, CreateSegmentDocument, EraseProfileDocument, SetConsentDocument, type EventInput } from '../generated/graphql';

/**
 * Decision facts (identity → profile, consent, memberships) are kept in memory per instance.
 * A change committed on the same instance shows in the very next decision; one committed
 * elsewhere shows once its NOTIFY arrives, whichever table it touched.
 */

let t: TestApp;
/** A second server instance on the same database: its own pool, LISTEN connection and caches. */
let other: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  other = await startTestApp({ DATABASE_POOL_SIZE: '2' }, { database: t.database });

  await ok(t, CreateSegmentDocument, { input: { key: 'vip', name: 'VIP', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  for (const key of ['for-vip', 'fallback']) await createContent(t, key);
  await ok(t, CreatePlacementDocument, { input: { key: 'slot', defaultContent: 'fallback', rules: [{ segment: 'vip', content: 'for-vip' }] } });
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const identify = (messageId: string, who: { userId?: string; anonymousId?: string }, traits: Record<string, unknown> = {}): EventInput => ({ type: 'IDENTIFY', messageId, ...who, traits });
const shown = async (who: { userId?: string; anonymousId?: string }) => (await personalize(t, 'slot', who)).content?.key;

/** Decision statements run while `work` runs (the feed's catch-up marker is not one). */
const decisionStatements = (work: () => Promise<unknown>) => countStatements(t, work, (sql) => sql.includes('with f as materialized'));

/** For changes that travel by NOTIFY: check every 20 ms, for up to 5 s. */
const NOTIFIED = { timeoutMs: 5_000, intervalMs: 20 };

test('a repeat decision for the same identity needs no statement, and answers the same', async () => {
  await ingest(t, [identify('f-1', { userId: 'repeat', anonymousId: 'anon-repeat' }, { tier: 'gold' })]);
  const first = await personalize(t, 'slot', { userId: 'repeat' });
  let again: DecisionView | undefined;
  expect(await decisionStatements(async () => (again = await personalize(t, 'slot', { userId: 'repeat' })))).toBe(0);
  expect(again).toEqual(first);
  expect(first).toMatchObject({ reason: 'segment', content: { key: 'for-vip' } });
  // An anonymous id is its own key; an unknown user id is never remembered.
  expect(await decisionStatements(() => personalize(t, 'slot', { anonymousId: 'anon-repeat' }))).toBe(1);
  expect(await decisionStatements(() => personalize(t, 'slot', { anonymousId: 'anon-repeat' }))).toBe(0);
  expect(await decisionStatements(() => personalize(t, 'slot', { userId: 'not-yet', anonymousId: 'anon-repeat' }))).toBe(1);
  expect(await decisionStatements(() => personalize(t, 'slot', { userId: 'not-yet', anonymousId: 'anon-repeat' }))).toBe(1);
  expect(await shown({ userId: 'not-yet', anonymousId: 'anon-repeat' })).toBe('for-vip');
  // The request's own consent still applies to remembered facts.
  expect(await personalize(t, 'slot', { userId: 'repeat', context: { consent: { personalization: false } } })).toMatchObject({ content: { key: 'fallback' } });
});

test('a change committed on this instance shows in the very next decision', async () => {
  await ingest(t, [identify('f-2', { userId: 'climber' }, { tier: 'silver' })]);
  expect(await shown({ userId: 'climber' })).toBe('fallback');
  expect(await shown({ userId: 'climber' })).toBe('fallback'); // now remembered
  await ingest(t, [identify('f-3', { userId: 'climber' }, { tier: 'gold' })]);
  expect(await shown({ userId: 'climber' })).toBe('for-vip');
  await ok(t, SetConsentDocument, { userId: 'climber', purpose: 'PERSONALIZATION', granted: false, source: 'banner' });
  expect(await personalize(t, 'slot', { userId: 'climber' })).toMatchObject({ reason: 'no personalization consent', content: { key: 'fallback' } });
  // Straight after a local commit, before the event loop can read its NOTIFY: the lookup waits for the feed.
  const service = t.app.services.personalization;
  expect((await service.decide('slot', { userId: 'climber' })).content?.key).toBe('fallback');
  await t.db.transaction((tx) =>
    tx.query(`update consents set granted = true
               where purpose = 'personalization' and profile_id = (select profile_id from identities where kind = 'user_id' and value = 'climber')`));
  expect((await service.decide('slot', { userId: 'climber' })).content?.key).toBe('for-vip');
});

test('a change committed by another instance arrives by NOTIFY: memberships, consent, merges, erasure', async () => {
  await ingest(t, [
    identify('f-4', { userId: 'remote' }, { tier: 'silver' }),
    identify('f-5', { userId: 'gold-member' }, { tier: 'gold' }),
    identify('f-6', { anonymousId: 'visitor' }),
    identify('f-7', { userId: 'leaver' }, { tier: 'gold' }),
  ]);
  for (const who of [{ userId: 'remote' }, { anonymousId: 'visitor' }, { userId: 'leaver' }]) await shown(who);
  expect(await decisionStatements(() => shown({ anonymousId: 'visitor' }))).toBe(0);

  await ingest(other, [identify('f-8', { userId: 'remote' }, { tier: 'gold' })]);
  await until(async () => (await shown({ userId: 'remote' })) === 'for-vip', { ...NOTIFIED, what: 'the remote trait change' });
  // The NOTIFY named the profile that changed: what is remembered about others stays.
  expect(await decisionStatements(() => shown({ userId: 'leaver' }))).toBe(0);

  await ok(other, SetConsentDocument, { userId: 'remote', purpose: 'PERSONALIZATION', granted: false, source: 'banner' });
  await until(async () => (await shown({ userId: 'remote' })) === 'fallback', { ...NOTIFIED, what: 'the remote consent change' });

  // The visitor signs in as a gold member: the anonymous profile merges into theirs (identities move).
  expect(await shown({ anonymousId: 'visitor' })).toBe('fallback');
  await ingest(other, [identify('f-9', { userId: 'gold-member', anonymousId: 'visitor' })]);
  await until(async () => (await shown({ anonymousId: 'visitor' })) === 'for-vip', { ...NOTIFIED, what: 'the remote merge' });

  await ok(other, EraseProfileDocument, { identity: { kind: 'USER_ID', value: 'leaver' } });
  await until(async () => !(await t.app.services.personalization.userContext({ userId: 'leaver', placements: ['slot'] })).known, { ...NOTIFIED, what: 'the remote erasure' });
});

test('a write by any other path (plain SQL) reaches the cache through the table triggers', async () => {
  await ingest(t, [identify('f-10', { userId: 'sql-user' }, { tier: 'gold' })]);
  await shown({ userId: 'sql-user' });
  expect(await shown({ userId: 'sql-user' })).toBe('for-vip');
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  try {
    await client.query(`insert into consents (profile_id, purpose, granted, source, updated_at)
                        select profile_id, 'personalization', false, 'sql', now() from identities where kind = 'user_id' and value = 'sql-user'`);
  } finally {
    await client.end();
  }
  await until(async () => (await shown({ userId: 'sql-user' })) === 'fallback', { ...NOTIFIED, what: 'the plain SQL consent change' });
});

test('a recompute that changes many profiles drops everything remembered', async () => {
  await ingest(t, Array.from({ length: 160 }, (_, i) => identify(`f-many-${i}`, { userId: `many-${i}` }, { cohort: 'b' })));
  await ingest(t, [identify('f-11', { userId: 'bystander' }, { tier: 'gold' })]);
  await shown({ userId: 'bystander' });
  expect(await decisionStatements(() => shown({ userId: 'bystander' }))).toBe(0);
  // 160 profiles enter: the NOTIFY cannot name them all, so every instance forgets everything.
  await ok(other, CreateSegmentDocument, { input: { key: 'cohort-b', name: 'B', definition: { trait: { path: 'cohort', op: 'eq', value: 'b' } } } });
  await until(async () => (await decisionStatements(() => shown({ userId: 'bystander' }))) === 1, { ...NOTIFIED, what: 'the cache to be dropped' });
});

describe('ProfileFactsCache', () => {
  const facts = (profileId: string): ProfileFacts => ({ profileId, consented: true, segmentIds: new Set() });
  const catalog = {};
  let cache: ProfileFactsCache;
  beforeEach(() => {
    cache = profileFactsCache(2, { feed: t.app.services.feed, db: t.db });
  });

  test('facts read while their profile was invalidated are not kept; other profiles are', async () => {
    await cache.get('k', catalog);
    const read = cache.beginRead();
    cache.invalidate(['p1']);
    cache.put('k1', facts('p1'), read, catalog);
    cache.put('k2', facts('p2'), read, catalog);
    expect(await cache.get('k1', catalog)).toBeUndefined();
    expect(await cache.get('k2', catalog)).toEqual(facts('p2'));
    cache.invalidate('all');
    cache.put('k2', facts('p2'), read, catalog);
    expect(await cache.get('k2', catalog)).toBeUndefined();
  });

  test('holds at most its capacity, dropping the least recently used; a new catalog starts afresh', async () => {
    cache = profileFactsCache(4, { feed: t.app.services.feed, db: t.db });
    await cache.get('k', catalog);
    for (const key of ['a', 'b', 'c', 'd']) cache.put(key, facts(key), cache.beginRead(), catalog);
    await cache.get('a', catalog); // b is now the least recently used
    cache.put('e', facts('e'), cache.beginRead(), catalog);
    expect(cache.stats.size).toBe(4);
    expect(await cache.get('b', catalog)).toBeUndefined();
    for (const key of ['a', 'c', 'd', 'e']) expect(await cache.get(key, catalog)).toEqual(facts(key));
    expect(await cache.get('a', {})).toBeUndefined();
  });

  test('nothing is served or kept while the LISTEN connection is down, nor what was kept before it dropped', async () => {
    const feed = t.app.services.feed;
    await cache.get('k', catalog);
    cache.put('a', facts('a'), cache.beginRead(), catalog);
    expect(await cache.get('a', catalog)).toBeDefined();
    await t.db.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen segmentary_fence'`);
    await until(() => !feed.listening, { ...NOTIFIED, what: 'the LISTEN connection to drop' });
    expect(await cache.get('a', catalog)).toBeUndefined();
    cache.put('b', facts('b'), cache.beginRead(), catalog);
    await until(() => feed.listening, { ...NOTIFIED, what: 'the LISTEN connection to come back' });
    expect(await cache.get('a', catalog)).toBeUndefined();
    expect(await cache.get('b', catalog)).toBeUndefined();
    // Decisions still work meanwhile: from the database.
    expect(await shown({ userId: 'repeat' })).toBe('for-vip');
  });
});
