import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { basicAuth, postV1, type V1Answer } from '../support/v1';
import { IngestDocument, IngestPartialDocument, type EventInput } from '../generated/graphql';

/**
 * A batch never loses its good events: /v1/batch, /v1/import and analytics.js's /v1/b store
 * the valid messages and reject the others one by one (200, `rejected`); GraphQL `ingest`
 * does the same with `partial: true` and stays all or nothing without it.
 */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

type Rejected = NonNullable<V1Answer['body']['rejected']>[number];

/** POSTs to /v1 with the ingest key (`key: null`: none). */
const post = (path: string, body: unknown, key: string | null = writeKey) => postV1(t.baseUrl, path, body, { key });

/** The stored messageIds `<prefix>-…`. */
const storedIds = async (prefix: string) =>
  (await t.db.query<{ message_id: string }>(`select message_id from events where message_id like $1 order by message_id`, [`${prefix}-%`])).rows.map((r) => r.message_id);

/** Five messages, two of them bad: a time no clock can mean and a message without anyone. */
const mixed = (prefix: string) => [
  { type: 'identify', messageId: `${prefix}-0`, userId: `${prefix}-user`, traits: { plan: 'pro' } },
  { type: 'track', messageId: `${prefix}-1`, userId: `${prefix}-user`, event: 'Viewed', timestamp: '1970-01-01T00:00:00Z' },
  { type: 'track', messageId: `${prefix}-2`, userId: `${prefix}-user`, event: 'Order Completed', properties: { revenue: 12.5 } },
  { type: 'track', messageId: `${prefix}-3`, event: 'Nobody' },
  { type: 'page', messageId: `${prefix}-4`, anonymousId: `${prefix}-anon`, name: 'Home' },
];

const rejectedOf = (prefix: string, path = 'batch'): Rejected[] => [
  { index: 1, messageId: `${prefix}-1`, code: 'BAD_USER_INPUT', message: 'is before 1990-01-01', path: `${path}[1].timestamp` },
  { index: 3, messageId: `${prefix}-3`, code: 'BAD_USER_INPUT', message: expect.stringMatching(/^missing identity/), path: `${path}[3].userId` },
];

describe.each([
  ['/v1/batch', (batch: unknown[]) => post('/v1/batch', { batch })],
  ['/v1/import', (batch: unknown[]) => post('/v1/import', { batch })],
  // analytics.js posts to one-letter paths, the write key in the body.
  ['/v1/b', (batch: unknown[]) => post('/v1/b', { batch, writeKey }, null)],
])('%s with good and bad messages mixed', (path, send) => {
  const prefix = `mixed${path.replace(/\//g, '-')}`;

  test('stores exactly the good ones and lists each bad one with its index, messageId, code, message and path', async () => {
    const res = await send(mixed(prefix));
    expect(res).toEqual({ status: 200, body: { success: true, accepted: 3, duplicates: 0, rejected: rejectedOf(prefix) } });
    expect(await storedIds(prefix)).toEqual([`${prefix}-0`, `${prefix}-2`, `${prefix}-4`]);
  });

  test('a retry of the same batch stores nothing twice and rejects the same messages', async () => {
    const res = await send(mixed(prefix));
    expect(res).toEqual({ status: 200, body: { success: true, accepted: 0, duplicates: 3, rejected: rejectedOf(prefix) } });
    expect(await storedIds(prefix)).toEqual([`${prefix}-0`, `${prefix}-2`, `${prefix}-4`]);
    const { rows } = await t.db.query(`select orders, revenue::float from profile_stats s join identities i using (profile_id) where i.value = $1`, [`${prefix}-user`]);
    expect(rows).toEqual([{ orders: 1, revenue: 12.5 }]);
  });
});

test('a batch of bad messages only: 200, nothing stored, every one listed', async () => {
  const res = await post('/v1/batch', { batch: [{ type: 'track', messageId: 'only-bad-0', userId: 'x' }, 42] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: true, accepted: 0, duplicates: 0 });
  expect(res.body.rejected!.map((r) => [r.index, r.messageId, r.path])).toEqual([[0, 'only-bad-0', 'batch[0].event'], [1, null, 'batch[1]']]);
  expect(await storedIds('only-bad')).toEqual([]);
});

test('a message whose own context is no object is rejected, not given the batch context instead', async () => {
  const res = await post('/v1/batch', {
    context: { ip: '203.0.113.7' },
    batch: [{ type: 'track', messageId: 'ctx-0', userId: 'ctx', event: 'A', context: 'web' }, { type: 'track', messageId: 'ctx-1', userId: 'ctx', event: 'B' }],
  });
  expect(res.body).toMatchObject({ accepted: 1, rejected: [{ index: 0, path: 'batch[0].context', message: 'must be a JSON object' }] });
  expect(await storedIds('ctx')).toEqual(['ctx-1']);
});

test.each([
  ['not JSON', '{"batch": [', undefined, 400, 'BAD_USER_INPUT'],
  ['a batch that is no list', { batch: { type: 'track' } }, undefined, 400, 'BAD_USER_INPUT'],
  ['more messages than INGEST_MAX_BATCH', { batch: Array.from({ length: 1001 }, (_, i) => ({ type: 'track', userId: 'big', event: 'E', messageId: `whole-big-${i}` })) }, undefined, 400, 'BAD_USER_INPUT'],
  ['a key that is unknown', { batch: [{ type: 'track', userId: 'u', event: 'E', messageId: 'whole-unknown' }] }, basicAuth('sk_nope'), 401, 'UNAUTHENTICATED'],
])('a body with %s is still refused whole', async (_, body, auth, status, code) => {
  const res = await fetch(`${t.baseUrl}/v1/batch`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth ?? basicAuth(writeKey) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  expect(res.status).toBe(status);
  expect(((await res.json()) as V1Answer['body']).error?.code).toBe(code);
  expect(await storedIds('whole')).toEqual([]);
});

describe('GraphQL ingest', () => {
  const events = (prefix: string): EventInput[] => [
    { type: 'TRACK', messageId: `${prefix}-0`, userId: `${prefix}-user`, event: 'A' },
    { type: 'TRACK', messageId: `${prefix}-1`, userId: `${prefix}-user`, event: 'B', timestamp: 'yesterday' },
    { type: 'TRACK', messageId: `${prefix}-2`, userId: `${prefix}-user`, event: 'Order Completed', properties: { revenue: 'abc' } },
    { type: 'PAGE', messageId: `${prefix}-3`, anonymousId: `${prefix}-anon`, name: 'Home' },
  ];

  test('partial: true stores the valid messages and lists the others, like /v1', async () => {
    const res = await ok(t, IngestPartialDocument, { events: events('gql-partial') }, writeKey);
    expect(res.ingest).toEqual({
      accepted: 2,
      duplicates: 0,
      suppressed: 0,
      profileIds: [expect.any(String), expect.any(String)],
      rejected: [
        { index: 1, messageId: 'gql-partial-1', code: 'BAD_USER_INPUT', message: 'unparseable timestamp "yesterday"; use ISO 8601', path: 'events[1].timestamp' },
        { index: 2, messageId: 'gql-partial-2', code: 'BAD_USER_INPUT', message: 'must be a number', path: 'events[2].properties.revenue' },
      ],
    });
    expect(await storedIds('gql-partial')).toEqual(['gql-partial-0', 'gql-partial-3']);
    const again = await ok(t, IngestPartialDocument, { events: events('gql-partial') }, writeKey);
    expect(again.ingest).toMatchObject({ accepted: 0, duplicates: 2, rejected: [{ index: 1 }, { index: 2 }] });
  });

  test('by default it stays all or nothing: the batch is refused naming every problem, nothing is stored', async () => {
    const res = await t.gql(IngestDocument, { events: events('gql-whole') }, writeKey);
    expect(res.data).toBeNull();
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problems: [
        { path: 'events[1].timestamp', message: expect.any(String) },
        { path: 'events[2].properties.revenue', message: 'must be a number' },
      ],
    });
    expect(await storedIds('gql-whole')).toEqual([]);
    const fine = await ok(t, IngestPartialDocument, { events: [events('gql-whole')[0]] }, writeKey);
    expect(fine.ingest.rejected).toEqual([]);
  });
});

describe('a value the database refuses although it passed validation', () => {
  // profile_stats.revenue is numeric(14,2): one more order of 0.6 × 10^12 overflows a profile's lifetime revenue.
  const bigOrder = (messageId: string, userId: string) => ({ type: 'track', messageId, userId, event: 'Order Completed', properties: { revenue: 6e11 } });

  test('rejects just its message in a partial batch (found by storing the batch in halves), never the batch', async () => {
    expect((await post('/v1/batch', { batch: [bigOrder('whale-0', 'whale')] })).body).toMatchObject({ accepted: 1 });
    const batch = [
      { type: 'track', messageId: 'whale-1', userId: 'minnow-1', event: 'A' },
      { type: 'track', messageId: 'whale-2', userId: 'minnow-2', event: 'B' },
      bigOrder('whale-3', 'whale'),
      { type: 'track', messageId: 'whale-4', userId: 'minnow-3', event: 'C' },
      { type: 'track', messageId: 'whale-5', userId: 'whale', event: 'D' },
    ];
    const res = await post('/v1/batch', { batch });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, accepted: 4, duplicates: 0 });
    expect(res.body.rejected).toEqual([
      { index: 2, messageId: 'whale-3', code: 'BAD_USER_INPUT', message: expect.stringMatching(/^a value cannot be stored: numeric field overflow/), path: 'batch[2]' },
    ]);
    expect(await storedIds('whale')).toEqual(['whale-0', 'whale-1', 'whale-2', 'whale-4', 'whale-5']);
  });

  test('refuses the whole batch in an all-or-nothing GraphQL ingest, as BAD_USER_INPUT, never 5xx', async () => {
    const events = [bigOrder('whale-6', 'whale'), { type: 'track', messageId: 'whale-7', userId: 'minnow-4', event: 'E' }].map((e) => ({ ...e, type: 'TRACK' as const }));
    const res = await t.gql(IngestDocument, { events }, writeKey);
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await storedIds('whale')).toEqual(['whale-0', 'whale-1', 'whale-2', 'whale-4', 'whale-5']);
  });
});
