import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType } from 'graphql';
import { buildAppSchema } from '../../src/app/schema';
import { listSizeIn } from '../../src/common';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument } from '../generated/graphql';

/**
 * Every list has a default and a maximum size: a list field either takes a page size
 * (`first`, `limit`, `sampleSize`) with a default, refusing more than its maximum with
 * BAD_USER_INPUT, or declares the bound it cannot exceed (@ListSize). The query cost
 * (test/ops/query-limits.test.ts) multiplies by those sizes.
 */

const SIZE_ARGUMENTS = ['first', 'last', 'limit', 'sampleSize'];
const schema = buildAppSchema();

/** Each field with a page size, an operation reaching it with `$n` as that size, and its maximum. */
const PAGED: Record<string, [string, number]> = {
  'Query.profiles': ['query($n: Int!) { profiles(first: $n) { pageInfo { hasNextPage } } }', 100],
  'Query.apiKeys': ['query($n: Int!) { apiKeys(first: $n) { id } }', 1000],
  'Query.computedTraits': ['query($n: Int!) { computedTraits(first: $n) { key } }', 1000],
  'Query.segments': ['query($n: Int!) { segments(first: $n) { key } }', 1000],
  'Query.previewSegment': ['query($n: Int!) { previewSegment(definition: { trait: { path: "a", op: "exists" } }, sampleSize: $n) { size } }', 100],
  'Query.segmentsFor': ['query($n: Int!) { segmentsFor(userId: "listed", first: $n) { enteredAt } }', 1000],
  'Query.segmentKeysFor': ['query($n: Int!) { segmentKeysFor(userId: "listed", first: $n) }', 1000],
  'Query.contentItems': ['query($n: Int!) { contentItems(first: $n) { key } }', 500],
  'Query.recommendations': ['query($n: Int!) { recommendations(strategy: POPULAR, limit: $n) { score } }', 100],
  'Query.placements': ['query($n: Int!) { placements(first: $n) { key } }', 1000],
  'Query.webhooks': ['query($n: Int!) { webhooks(first: $n) { id } }', 1000],
  'Query.webhookDeliveries': ['query($n: Int!, $w: ID!) { webhookDeliveries(webhook: $w, first: $n) { pageInfo { hasNextPage } } }', 100],
  'Query.experiments': ['query($n: Int!) { experiments(first: $n) { key } }', 1000],
  'Profile.identities': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { identities(first: $n) { kind } } }', 1000],
  'Profile.merges': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { merges(first: $n) { mergedAt } } }', 1000],
  'Profile.events': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { events(first: $n) { pageInfo { hasNextPage } } } }', 100],
  'Profile.consentHistory': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { consentHistory(first: $n) { at } } }', 1000],
  'Profile.segments': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { segments(first: $n) { enteredAt } } }', 1000],
  'Profile.accounts': ['query($n: Int!) { profileByIdentity(kind: USER_ID, value: "listed") { accounts(first: $n) { groupId } } }', 1000],
  'Account.members': ['query($n: Int!) { account(groupId: "listed") { members(first: $n) { pageInfo { hasNextPage } } } }', 100],
  'Segment.members': ['query($n: Int!) { segment(key: "listed") { members(first: $n) { pageInfo { hasNextPage } } } }', 100],
};

let t: TestApp;
let webhook: string;
beforeAll(async () => {
  // Page sizes are what is tested here, not the query cost they would add up to.
  t = await startTestApp({ GRAPHQL_MAX_COST: '10000000' });
  webhook = (await ok(t, 'mutation { createWebhook(url: "http://127.0.0.1:9/hook", kinds: [BIRTHDAY]) { webhook { id } } }')).createWebhook.webhook.id;
  await ingest(t, [
    { type: 'IDENTIFY', messageId: 'listed-1', userId: 'listed', traits: { a: 1 } },
    { type: 'GROUP', messageId: 'listed-2', userId: 'listed', groupId: 'listed' },
  ]);
  await ok(t, CreateSegmentDocument, { input: { key: 'listed', name: 'Listed', definition: { trait: { path: 'a', op: 'exists' } } } });
});
afterAll(() => t?.close());

function objectFields() {
  return Object.values(schema.getTypeMap()).filter(isObjectType).filter((type) => !type.name.startsWith('__'))
    .flatMap((type) => Object.values(type.getFields()).map((field) => ({ coordinate: `${type.name}.${field.name}`, field })));
}

test('every list of objects takes a page size with a default, or declares its bound', () => {
  const unbounded = objectFields()
    .filter(({ field }) => isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type)))
    .filter(({ field }) => {
      const size = field.args.find((a) => SIZE_ARGUMENTS.includes(a.name));
      const perItem = field.args.some((a) => isListType(getNullableType(a.type)));
      return !(size && size.defaultValue !== undefined) && listSizeIn(field.extensions) === undefined && !perItem;
    })
    .map(({ coordinate }) => coordinate);
  expect(unbounded).toEqual([]);
});

test('every page size argument has a default and is listed here with its maximum', () => {
  const paged = objectFields().filter(({ field }) => field.args.some((a) => SIZE_ARGUMENTS.includes(a.name)));
  for (const { field } of paged) expect(field.args.find((a) => SIZE_ARGUMENTS.includes(a.name))!.defaultValue).toBeDefined();
  expect(paged.map((p) => p.coordinate).sort()).toEqual(Object.keys(PAGED).sort());
});

test.each(Object.entries(PAGED))('%s takes up to its maximum and refuses one more with BAD_USER_INPUT', async (_coordinate, [query, max]) => {
  const atMax = await t.gql(query, { n: max, w: webhook });
  expect(atMax.errors).toBeUndefined();
  const over = await t.gql(query, { n: max + 1, w: webhook });
  expect(over.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(over.errors?.[0].message).toMatch(/first|limit|sampleSize/);
});
