import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent } from '../support/operations';
import {
  ArchiveContentItemDocument, CreateContentItemDocument, CreateExperimentDocument, CreatePlacementDocument, CreateSegmentDocument, UpdateContentItemDocument,
  UpdatePlacementDocument,
} from '../generated/graphql';

/** The admin API of content items and placements: writes, reads, validation with paths, scopes. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await ok(t, CreateSegmentDocument, { input: { key: 'vip', name: 'VIP', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  await ok(t, CreateExperimentDocument, { input: { key: 'exp', name: 'E', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }] } });
});
afterAll(() => t?.close());

const PLACEMENT = `query($key: String!) { placement(key: $key) {
  key description version defaultContent { key }
  rules { position enabled segment { key } condition content { key } experiment variantContent }
} }`;

test('content items are created, changed with a version, archived and listed by tag and locale', async () => {
  const created = await ok(t, CreateContentItemDocument, { input: { key: 'c-spring', type: 'hero', title: 'Spring', payload: { img: 'a.png' }, tags: ['spring', 'home'], locale: 'en' } });
  expect(created.createContentItem).toMatchObject({ key: 'c-spring', version: 1, active: true });
  await createContent(t, 'c-winter', { tags: ['winter', 'home'], locale: 'de' });
  const updated = await ok(t, UpdateContentItemDocument, { key: 'c-spring', input: { title: 'Spring sale', tags: ['spring'] } });
  expect(updated.updateContentItem).toEqual({ title: 'Spring sale', tags: ['spring'], payload: { img: 'a.png' }, version: 2, type: 'hero', locale: 'en' });
  const list = async (filter: Record<string, unknown>) =>
    (await ok(t, `query($f: ContentItemFilter) { contentItems(filter: $f) { key } }`, { f: filter })).contentItems.map((c: { key: string }) => c.key);
  expect(await list({ tags: ['home'] })).toEqual(['c-winter']);
  expect(await list({ locale: 'en' })).toEqual(['c-spring']);
  await ok(t, ArchiveContentItemDocument, { key: 'c-winter' });
  expect(await list({ tags: ['home'] })).toEqual([]);
  expect(await list({ tags: ['home'], includeArchived: true })).toEqual(['c-winter']);
  const dup = await t.gql(CreateContentItemDocument, { input: { key: 'c-spring', type: 'hero' } });
  expect(dup.errors![0].extensions!.code).toBe('CONFLICT');
});

test.each([
  [{ key: 'Bad Key', type: 'banner' }, 'key'],
  [{ key: 'ok-1', type: 'Banner!' }, 'type'],
  [{ key: 'ok-2', type: 'banner', tags: ['fine', 'not fine'] }, 'tags[1]'],
  [{ key: 'ok-3', type: 'banner', locale: 'english please' }, 'locale'],
  [{ key: 'ok-4', type: 'banner', activeFrom: '2030-01-02T00:00:00Z', activeUntil: '2030-01-01T00:00:00Z' }, 'activeUntil'],
])('a bad content item %j is refused naming %s', async (input, path) => {
  const res = await t.gql(CreateContentItemDocument, { input });
  expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(res.errors![0].message).toContain(`${path}:`);
});

test('a placement is created and replaced with its default and ordered rules', async () => {
  for (const key of ['p-a', 'p-b', 'p-c', 'p-default']) await createContent(t, key);
  const created = await ok(t, CreatePlacementDocument, {
    input: {
      key: 'home',
      description: 'Home hero',
      defaultContent: 'p-default',
      rules: [
        { segment: 'vip', content: 'p-a' },
        { condition: { stat: { name: 'orders', op: 'gte', value: 3 } }, content: 'p-b', enabled: false },
        { experiment: 'exp', variantContent: { a: 'p-a', b: 'p-c' } },
      ],
    },
  });
  expect(created.createPlacement).toMatchObject({ key: 'home', version: 1, rules: [{ position: 0 }, { position: 1, enabled: false }, { position: 2 }] });
  const read = await ok(t, PLACEMENT, { key: 'home' });
  expect(read.placement).toEqual({
    key: 'home', description: 'Home hero', version: 1, defaultContent: { key: 'p-default' },
    rules: [
      { position: 0, enabled: true, segment: { key: 'vip' }, condition: null, content: { key: 'p-a' }, experiment: null, variantContent: null },
      { position: 1, enabled: false, segment: null, condition: { stat: { name: 'orders', op: 'gte', value: 3 } }, content: { key: 'p-b' }, experiment: null, variantContent: null },
      { position: 2, enabled: true, segment: null, condition: null, content: null, experiment: 'exp', variantContent: { a: 'p-a', b: 'p-c' } },
    ],
  });

  await ok(t, UpdatePlacementDocument, { key: 'home', input: { rules: [{ segment: 'vip', content: 'p-c' }], defaultContent: null } });
  const replaced = await ok(t, PLACEMENT, { key: 'home' });
  expect(replaced.placement).toMatchObject({ version: 2, description: 'Home hero', defaultContent: null, rules: [{ position: 0, content: { key: 'p-c' } }] });
  // Changing only the description keeps the rules.
  await ok(t, UpdatePlacementDocument, { key: 'home', input: { description: 'Hero' } });
  expect((await ok(t, PLACEMENT, { key: 'home' })).placement).toMatchObject({ version: 3, description: 'Hero', rules: [{ content: { key: 'p-c' } }] });
  expect((await ok(t, `{ placements { key } }`)).placements.map((p: { key: string }) => p.key)).toContain('home');
  const dup = await t.gql(CreatePlacementDocument, { input: { key: 'home' } });
  expect(dup.errors![0].extensions!.code).toBe('CONFLICT');
});

test('every problem in a placement is reported with its path, and nothing is saved', async () => {
  await createContent(t, 'v-ok');
  await createContent(t, 'v-archived');
  await ok(t, ArchiveContentItemDocument, { key: 'v-archived' });
  const res = await t.gql(CreatePlacementDocument, {
    input: {
      key: 'broken',
      defaultContent: 'v-missing',
      rules: [
        { segment: 'vip', content: 'v-ok' },
        { segment: 'vip', content: 'v-ok', experiment: 'exp' },
        { segment: 'no-such-segment', content: 'v-ok' },
        { condition: { trait: { path: 'tier', op: 'between', value: 3 } }, content: 'v-ok' },
        { condition: { segment: { key: 'ghost' } }, content: 'v-archived' },
        { experiment: 'no-such-exp', variantContent: { a: 'v-ok' } },
        { experiment: 'exp', variantContent: { z: 'v-ok', a: 'v-nope' } },
        { segment: 'vip', condition: { trait: { path: 'a', op: 'exists' } }, content: 'v-ok' },
      ],
    },
  });
  expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const paths = (res.errors![0].extensions!.problems as { path: string }[]).map((p) => p.path);
  expect(paths).toEqual(
    expect.arrayContaining([
      'defaultContent', 'rules[1].content', 'rules[2].segment', 'rules[4].condition', 'rules[4].content', 'rules[5].experiment',
      'rules[6].variantContent.z', 'rules[6].variantContent.a', 'rules[7].condition',
    ]),
  );
  expect(paths.some((p) => p.startsWith('rules[3].condition.trait'))).toBe(true);
  expect(paths.some((p) => p.startsWith('rules[0]'))).toBe(false);
  expect(res.errors![0].message).toContain('rules[2].segment: unknown segment "no-such-segment"');
  const { rows } = await t.db.query(`select count(*)::int n from placements where key = 'broken'`);
  expect(rows[0].n).toBe(0);
});

test('a failed update leaves the placement as it was', async () => {
  await createContent(t, 'keep');
  await ok(t, CreatePlacementDocument, { input: { key: 'stable', rules: [{ segment: 'vip', content: 'keep' }] } });
  const res = await t.gql(UpdatePlacementDocument, { key: 'stable', input: { description: 'x', rules: [{ segment: 'vip', content: 'keep' }, { segment: 'nope', content: 'keep' }] } });
  expect(res.errors![0].message).toContain('rules[1].segment');
  expect((await ok(t, PLACEMENT, { key: 'stable' })).placement).toMatchObject({ version: 1, description: null, rules: [{ segment: { key: 'vip' } }] });
  const missing = await t.gql(UpdatePlacementDocument, { key: 'no-placement', input: { description: 'x' } });
  expect(missing.errors![0].extensions!.code).toBe('NOT_FOUND');
});

test('writes need admin; reads need read', async () => {
  const ingestKey = await t.keyWith('ingest');
  const create = await t.gql(CreatePlacementDocument, { input: { key: 'nope' } }, ingestKey);
  expect(create.errors![0].extensions!.code).toBe('FORBIDDEN');
  const createContent = await t.gql(CreateContentItemDocument, { input: { key: 'nope', type: 'banner' } }, await t.keyWith('read', 'personalize'));
  expect(createContent.errors![0].extensions!.code).toBe('FORBIDDEN');
  const list = await t.gql(`{ placements { key } }`, {}, ingestKey);
  expect(list.errors![0].extensions!.code).toBe('FORBIDDEN');
  const reader = await t.keyWith('read');
  expect((await t.gql(`{ placements { key } contentItems { key } }`, {}, reader)).errors).toBeUndefined();
});
