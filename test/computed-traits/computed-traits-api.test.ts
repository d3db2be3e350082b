import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest, personalize } from '../support/operations';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';
import {
  ComputedTraitChangedDocument, ComputedTraitsDocument, CreateComputedTraitDocument, CreatePlacementDocument, CreateSegmentDocument, DeleteComputedTraitDocument,
  PreviewSegmentDocument, ProfileComputedDocument, UpdateComputedTraitDocument,
} from '../generated/graphql';

/** The computed traits API (issue 15 §1): validation that names the path, limits, conflicts, updates, and the change stream. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const create = (key: string, definition: unknown) => t.gql(CreateComputedTraitDocument, { input: { key, name: key, definition: definition as Record<string, unknown> } });

test.each([
  ['a missing property', { event: 'Product Viewed', aggregate: 'last' }, 'definition.property', /required for aggregate last/],
  ['a property on count', { event: 'Product Viewed', aggregate: 'count', property: 'price' }, 'definition.property', /not used by aggregate count/],
  ['an unknown aggregate', { event: 'Product Viewed', aggregate: 'median', property: 'price' }, 'definition.aggregate', /must be one of/],
  ['a list too long', { event: 'Product Viewed', aggregate: 'unique_list', property: 'category', limit: 101 }, 'definition.limit', /from 1 to 100/],
  ['a limit on another aggregate', { event: 'Product Viewed', aggregate: 'max', property: 'price', limit: 3 }, 'definition.limit', /only used with aggregate unique_list/],
  ['a bad window', { event: 'Product Viewed', aggregate: 'count', within: { lastWeeks: 2 } }, 'definition.within', /must be one of: lastMinutes/],
  ['a bad filter', { event: 'Product Viewed', aggregate: 'count', where: [{ path: 'price', op: 'gt', value: true }] }, 'definition.where[0].value', /number or a string/],
  ['an unknown field', { event: 'Product Viewed', aggregate: 'count', window: 3 }, 'definition.window', /unknown field/],
])('refuses %s, naming the path, and stores nothing', async (_name, definition, path, message) => {
  const res = await create('bad_trait', definition);
  expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const problems = (res.errors?.[0].extensions?.problems ?? [{ path: res.errors?.[0].extensions?.path, message: res.errors?.[0].message }]) as { path: string; message: string }[];
  expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path, message: expect.stringMatching(message) })]));
  expect((await ok(t, ComputedTraitsDocument)).computedTraits.map((c) => c.key)).not.toContain('bad_trait');
});

test('keys are identifiers and unique', async () => {
  expect((await create('Bad-Key', { event: 'X', aggregate: 'count' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  await ok(t, CreateComputedTraitDocument, { input: { key: 'x_count', name: 'X', definition: { event: 'X', aggregate: 'count' } } });
  expect((await create('x_count', { event: 'X', aggregate: 'count' })).errors?.[0].extensions?.code).toBe('CONFLICT');
});

test('segments must name computed traits that exist, cannot read them as of the past, and keep the traits they read', async () => {
  await ok(t, CreateComputedTraitDocument, { input: { key: 'pings', name: 'Pings', definition: { event: 'Ping', aggregate: 'count' } } });
  const unknown = await t.gql(CreateSegmentDocument, { input: { key: 'seg-unknown', name: 'x', definition: { computed: { key: 'nope', op: 'gt', value: 1 } } } });
  expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(unknown.errors?.[0].message).toMatch(/unknown computed trait: nope/);
  const past = await t.gql(PreviewSegmentDocument, { definition: { computed: { key: 'pings', op: 'gt', value: 1 } }, sampleSize: 5, asOf: '2024-01-01T00:00:00Z' });
  expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(past.errors?.[0].message).toMatch(/no history/);

  await ok(t, CreateSegmentDocument, { input: { key: 'seg-pingers', name: 'Pingers', definition: { computed: { key: 'pings', op: 'gte', value: 2 } } } });
  const del = await t.gql(DeleteComputedTraitDocument, { trait: 'pings' });
  expect(del.errors?.[0].extensions?.code).toBe('CONFLICT');
  expect(del.errors?.[0].message).toMatch(/seg-pingers/);
});

test('changing a definition recomputes its values and the segments reading it; deleting one removes its values', async () => {
  await ingest(t, [1, 2, 3].map((i) => ({ type: 'TRACK' as const, messageId: `upd-${i}`, userId: 'upd-u', event: 'Tap', properties: { n: i } })));
  await ok(t, CreateComputedTraitDocument, { input: { key: 'taps', name: 'Taps', definition: { event: 'Tap', aggregate: 'count' } } });
  await ok(t, CreateSegmentDocument, { input: { key: 'seg-tappers', name: 'Tappers', definition: { computed: { key: 'taps', op: 'gte', value: 5 } } } });
  const computed = async () => (await ok(t, ProfileComputedDocument, { kind: 'USER_ID', value: 'upd-u' })).profileByIdentity?.computed;
  expect(await computed()).toMatchObject({ taps: 3 });
  const { updateComputedTrait } = await ok(t, UpdateComputedTraitDocument, { trait: 'taps', input: { definition: { event: 'Tap', aggregate: 'sum', property: 'n' } } });
  expect(updateComputedTrait.version).toBe(2);
  expect(await computed()).toMatchObject({ taps: 6 });
  const { rows } = await t.db.query(`select count(*)::int as n from memberships m join segments s on s.id = m.segment_id where s.key = 'seg-tappers'`);
  expect(rows[0].n).toBe(1);

  await ok(t, CreateComputedTraitDocument, { input: { key: 'last_tap', name: 'Last tap', definition: { event: 'Tap', aggregate: 'last', property: 'n' } } });
  expect(await computed()).toMatchObject({ last_tap: 3 });
  await ok(t, DeleteComputedTraitDocument, { trait: 'last_tap' });
  expect(await computed()).not.toHaveProperty('last_tap');
});

test('a workspace holds at most 100 computed traits', async () => {
  const existing = (await ok(t, ComputedTraitsDocument, {})).computedTraits.length;
  for (let i = existing; i < 100; i++) await ok(t, CreateComputedTraitDocument, { input: { key: `filler_${i}`, name: 'f', definition: { event: `Filler ${i}`, aggregate: 'count' } } });
  const over = await create('one_too_many', { event: 'X', aggregate: 'count' });
  expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(over.errors?.[0].message).toMatch(/at most 100/);
  for (let i = existing; i < 100; i++) await ok(t, DeleteComputedTraitDocument, { trait: `filler_${i}` });
});

test('subscribers get each change with the previous value, and a cursor replays what they missed', async () => {
  await ok(t, CreateComputedTraitDocument, { input: { key: 'last_color', name: 'Last color', definition: { event: 'Color Picked', aggregate: 'last', property: 'color' } } });
  const pick = (i: number, color: string) => ingest(t, [{ type: 'TRACK', messageId: `color-${i}`, userId: 'color-u', event: 'Color Picked', properties: { color } }]);
  type Change = { cursor: string; key: string; value: unknown; previous: unknown; cause: string };
  const client = connect(t.graphqlUrl, await t.keyWith('subscribe'));
  const before = t.app.services.computedTraits.subscribers;
  const live = subscribe<Change>(client, ComputedTraitChangedDocument, { trait: 'last_color' }, 'computedTraitChanged');
  await until(() => t.app.services.computedTraits.subscribers === before + 1);
  await pick(1, 'red');
  await pick(2, 'blue');
  await pick(3, 'blue'); // no change, no message
  await pick(4, 'green');
  const received = await live.waitFor(3, 15_000);
  expect(received.map(({ key, value, previous, cause }) => ({ key, value, previous, cause }))).toEqual([
    { key: 'last_color', value: 'red', previous: null, cause: 'EVENT' },
    { key: 'last_color', value: 'blue', previous: 'red', cause: 'EVENT' },
    { key: 'last_color', value: 'green', previous: 'blue', cause: 'EVENT' },
  ]);
  const replay = subscribe<Change>(client, ComputedTraitChangedDocument, { trait: 'last_color', after: received[0].cursor }, 'computedTraitChanged');
  expect((await replay.waitFor(2, 15_000)).map((c) => c.value)).toEqual(['blue', 'green']);
  await live.close();
  await replay.close();
  await client.dispose();
});

test('placement conditions read computed traits: the decision follows the value as events arrive', async () => {
  await ok(t, CreateComputedTraitDocument, { input: { key: 'fav_genre', name: 'Favourite genre', definition: { event: 'Book Viewed', aggregate: 'most_frequent', property: 'genre' } } });
  for (const key of ['books-crime', 'books-default']) await createContent(t, key);
  await ok(t, CreatePlacementDocument, {
    input: { key: 'books-hero', defaultContent: 'books-default', rules: [{ condition: { computed: { key: 'fav_genre', op: 'eq', value: 'crime' } }, content: 'books-crime' }] },
  });
  const unknown = await t.gql(CreatePlacementDocument, {
    input: { key: 'books-bad', defaultContent: 'books-default', rules: [{ condition: { computed: { key: 'fav_author', op: 'eq', value: 'x' } }, content: 'books-crime' }] },
  });
  expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(unknown.errors?.[0].message).toMatch(/rules\[0\]\.condition: refers to an unknown computed trait: fav_author/);
  const view = (i: number, genre: string) => ({ type: 'TRACK' as const, messageId: `book-${i}`, userId: 'reader', event: 'Book Viewed', properties: { genre } });
  await ingest(t, [view(1, 'poetry'), view(2, 'crime'), view(3, 'poetry')]);
  const key = await t.keyWith('read');
  expect(await personalize(t, 'books-hero', { userId: 'reader' }, key)).toMatchObject({ content: { key: 'books-default' } });
  await ingest(t, [view(4, 'crime'), view(5, 'crime')]);
  expect(await personalize(t, 'books-hero', { userId: 'reader' }, key)).toMatchObject({ reason: 'condition', content: { key: 'books-crime' } });
});

test('the safety net computes every trait afresh: a wrong stored value is corrected, logged, and the segments reading it follow', async () => {
  await ingest(t, [1, 2].map((i) => ({ type: 'TRACK' as const, messageId: `net-${i}`, userId: 'net-u', event: 'Net Ping' })));
  await ok(t, CreateComputedTraitDocument, { input: { key: 'net_pings', name: 'Pings', definition: { event: 'Net Ping', aggregate: 'count' } } });
  await ok(t, CreateSegmentDocument, { input: { key: 'seg-net-many', name: 'Many pings', definition: { computed: { key: 'net_pings', op: 'gte', value: 5 } } } });
  // As if an incremental update had carried it wrong.
  await t.db.query(`update profile_computed set value = '9' where trait_id = (select id from computed_traits where key = 'net_pings')`);
  await t.app.services.segments.recompute('seg-net-many');
  const members = async () => (await t.db.query(`select count(*)::int as n from memberships m join segments s on s.id = m.segment_id where s.key = 'seg-net-many'`)).rows[0].n;
  expect(await members()).toBe(1);

  const results = await t.app.services.computedTraits.recomputeAll();
  expect(results.find((r) => r.key === 'net_pings')).toEqual({ key: 'net_pings', changed: 1 });
  expect(results.filter((r) => r.key !== 'net_pings').every((r) => r.changed === 0)).toBe(true);
  expect((await ok(t, ProfileComputedDocument, { kind: 'USER_ID', value: 'net-u' })).profileByIdentity?.computed).toMatchObject({ net_pings: 2 });
  const { rows } = await t.db.query(`select value, previous, cause from computed_trait_changes where key = 'net_pings' order by id desc limit 1`);
  expect(rows[0]).toEqual({ value: 2, previous: 9, cause: 'SCHEDULE' });
  expect(await members()).toBe(0);
});
