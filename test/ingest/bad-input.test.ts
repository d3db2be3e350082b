import { gzipSync } from 'node:zlib';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/app';
import { basicAuth } from '../support/v1';

/**
 * Every bad input gets a clear error with a code (GraphQL `extensions.code`, or a JSON
 * `error.code` and the right HTTP status on /v1) and changes nothing in the database.
 */

let t: TestApp;
let ingestKey: string;
let readKey: string;
beforeAll(async () => {
  t = await startTestApp();
  [ingestKey, readKey] = await Promise.all([t.keyWith('ingest'), t.keyWith('read')]);
  // Some existing data, so "nothing changed" is checked against non-empty tables.
  const seed = await t.gql(INGEST, {
    events: [
      { type: 'IDENTIFY', messageId: 'seed-1', userId: 'seed-user', anonymousId: 'seed-anon', traits: { email: 'seed@example.com' } },
      { type: 'TRACK', messageId: 'seed-2', userId: 'seed-user', event: 'Order Completed', properties: { revenue: 5 } },
    ],
  });
  expect(seed.errors).toBeUndefined();
});
afterAll(() => t?.close());

const TRACK = `mutation($input: TrackInput!) { track(input: $input) { accepted } }`;
const IDENTIFY = `mutation($input: IdentifyInput!) { identify(input: $input) { accepted } }`;
const INGEST = `mutation($events: [EventInput!]!) { ingest(events: $events) { accepted duplicates } }`;
const BY_IDENTITY = `query($kind: IdentityKind!, $value: String!) { profileByIdentity(kind: $kind, value: $value) { id } }`;
const PROFILES = `{ profiles(first: 5) { edges { node { id } } } }`;

type Counts = { events: number; profiles: number; identities: number; stats: number; merges: number };

async function counts(): Promise<Counts> {
  const { rows } = await t.db.query<Counts>(`select
      (select count(*)::int from events) as events,
      (select count(*)::int from profiles) as profiles,
      (select count(*)::int from identities) as identities,
      (select count(*)::int from profile_stats) as stats,
      (select count(*)::int from profile_merges) as merges`);
  return rows[0];
}

/** Runs `fn` and checks that no row was added anywhere. */
async function unchanged<T>(fn: () => Promise<T>): Promise<T> {
  const before = await counts();
  const result = await fn();
  expect(await counts()).toEqual(before);
  return result;
}

interface V1Response {
  status: number;
  body: {
    success?: boolean;
    accepted?: number;
    error?: { code: string; message: string; path?: string; problems?: { path: string; message: string }[] };
    rejected?: { index: number; messageId: string | null; code: string; message: string; path: string }[];
  };
}

async function v1(path: string, body: unknown, opts: { auth?: string | null; raw?: boolean; gzip?: boolean } = {}): Promise<V1Response> {
  const bytes = Buffer.from(opts.raw ? (body as string) : JSON.stringify(body));
  const auth = opts.auth === undefined ? basicAuth(ingestKey) : opts.auth;
  const res = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}), ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}) },
    body: opts.gzip ? gzipSync(bytes) : bytes,
  });
  return { status: res.status, body: (await res.json()) as V1Response['body'] };
}

async function rawGraphQL(body: string | Buffer, headers: Record<string, string> = {}): Promise<GraphQLResponse> {
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t.adminKey}`, ...headers },
    body,
  });
  return { ...((await res.json()) as GraphQLResponse), status: res.status };
}

function expectGraphQLError(res: GraphQLResponse, code: string, pathOrMessage?: string | RegExp) {
  expect(res.errors).toHaveLength(1);
  const [error] = res.errors!;
  expect(error.extensions?.code).toBe(code);
  if (typeof pathOrMessage === 'string') {
    // A single problem names its field in `path`; a batch lists its problems.
    const paths = [error.extensions?.path, ...((error.extensions?.problems as { path: string }[] | undefined) ?? []).map((p) => p.path)];
    expect(paths).toContain(pathOrMessage);
    expect(error.message).toContain(pathOrMessage);
  } else if (pathOrMessage) {
    expect(error.message).toMatch(pathOrMessage);
  }
  if (res.data) expect(Object.values(res.data).every((v) => v === null)).toBe(true);
}

function expectV1Error(res: V1Response, status: number, code: string, path?: string) {
  expect(res.status).toBe(status);
  expect(res.body.success).toBe(false);
  expect(res.body.error?.code).toBe(code);
  expect(typeof res.body.error?.message).toBe('string');
  if (path) {
    const paths = [res.body.error?.path, ...(res.body.error?.problems ?? []).map((p) => p.path)];
    expect(paths).toContain(path);
    expect(res.body.error!.message).toContain(path);
  }
}

/** A partial /v1 batch: 200, and exactly these messages rejected, each naming its path. */
function expectV1Rejected(res: V1Response, accepted: number, rejected: [index: number, path: string][], code = 'BAD_USER_INPUT') {
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: true, accepted });
  expect(res.body.rejected?.map((r) => [r.index, r.path])).toEqual(rejected);
  for (const r of res.body.rejected!) {
    expect(r.code).toBe(code);
    expect(typeof r.message).toBe('string');
    expect(r.message).not.toContain(r.path);
  }
}

describe('malformed bodies', () => {
  test.each([
    ['truncated JSON', '{"query": "{ __typename }"'],
    ['not JSON at all', 'query { __typename }'],
    ['empty body', ''],
  ])('GraphQL: %s → 400 BAD_USER_INPUT', async (_, body) => {
    const res = await unchanged(() => rawGraphQL(body));
    expect(res.status).toBe(400);
    expectGraphQLError(res, 'BAD_USER_INPUT');
  });

  test.each([
    ['/v1/track', 'truncated JSON', '{"userId": "u", "event": "X"'],
    ['/v1/batch', 'not JSON at all', 'batch=1'],
    ['/v1/batch', 'empty body', ''],
    ['/v1/batch', 'a JSON array, not an object', '[{"type":"track"}]'],
    ['/v1/batch', 'batch is not a list', '{"batch": {"type":"track"}}'],
    ['/v1/batch', 'an empty batch', '{"batch": []}'],
  ])('%s: %s → 400 BAD_USER_INPUT', async (path, _, body) => {
    const res = await unchanged(() => v1(path, body, { raw: true }));
    expectV1Error(res, 400, 'BAD_USER_INPUT');
  });

  test('/v1: malformed JSON inside a valid gzip stream → 400 BAD_USER_INPUT', async () => {
    const res = await unchanged(() => v1('/v1/track', '{"userId": ', { raw: true, gzip: true }));
    expectV1Error(res, 400, 'BAD_USER_INPUT');
  });

  test('/v1: unsupported Content-Encoding → 400 BAD_USER_INPUT', async () => {
    const res = await unchanged(async () => {
      const r = await fetch(`${t.baseUrl}/v1/track`, {
        method: 'POST',
        headers: { authorization: basicAuth(ingestKey), 'content-type': 'application/json', 'content-encoding': 'br' },
        body: JSON.stringify({ userId: 'u-br', event: 'X' }),
      });
      return { status: r.status, body: (await r.json()) as V1Response['body'] };
    });
    expectV1Error(res, 400, 'BAD_USER_INPUT');
    expect(res.body.error!.message).toMatch(/Content-Encoding/);
  });
});

describe('missing identity', () => {
  const noIdentity: [string, Record<string, unknown>][] = [
    ['no userId or anonymousId', {}],
    ['userId "anonymous"', { userId: 'anonymous' }],
    ['anonymousId "null"', { anonymousId: 'null' }],
    ['userId "0"', { userId: '0' }],
    ['userId 0 (a number)', { userId: 0 }],
    ['userId ""', { userId: '' }],
    ['blank ids', { userId: '   ', anonymousId: ' ' }],
    ['mixed-case placeholders', { userId: 'Undefined', anonymousId: 'NULL' }],
    ['placeholder email only', { userId: 'none', traits: { email: 'null' } }],
  ];

  test.each(noIdentity.filter(([, ids]) => typeof ids.userId !== 'number'))('GraphQL track with %s → BAD_USER_INPUT at input.userId', async (_, ids) => {
    const { traits, ...rest } = ids;
    const res = await unchanged(() =>
      traits ? t.gql(IDENTIFY, { input: { ...rest, traits } }, ingestKey) : t.gql(TRACK, { input: { ...rest, event: 'Clicked' } }, ingestKey),
    );
    expectGraphQLError(res, 'BAD_USER_INPUT', 'input.userId');
    expect(res.errors![0].message).toMatch(/missing identity/);
  });

  test.each(noIdentity)('/v1/track with %s → 400 BAD_USER_INPUT at body.userId', async (_, ids) => {
    const res = await unchanged(() => v1('/v1/track', { ...ids, event: 'Clicked' }));
    expectV1Error(res, 400, 'BAD_USER_INPUT', 'body.userId');
  });

  test('/v1/batch: the message without identity is rejected by index; nothing is stored for it', async () => {
    const res = await unchanged(() =>
      v1('/v1/batch', {
        batch: [
          { type: 'track', userId: 'anonymous', event: 'A' },
          { type: 'track', userId: 'anonymous', anonymousId: '', event: 'B' },
        ],
      }),
    );
    expectV1Rejected(res, 0, [[0, 'batch[0].userId'], [1, 'batch[1].userId']]);
  });

  test('/v1/alias without a usable previousId → BAD_USER_INPUT at body.previousId', async () => {
    const res = await unchanged(() => v1('/v1/alias', { userId: 'seed-user', previousId: 'undefined' }));
    expectV1Error(res, 400, 'BAD_USER_INPUT', 'body.previousId');
  });
});

describe('wrong types', () => {
  test.each([
    ['properties a string', TRACK, { userId: 'u-types', event: 'X', properties: 'color=red' }],
    ['properties an array', TRACK, { userId: 'u-types', event: 'X', properties: [1, 2] }],
    ['userId an object', TRACK, { userId: { id: 'u-types' }, event: 'X' }],
    ['event missing', TRACK, { userId: 'u-types' }],
    ['traits a number', IDENTIFY, { userId: 'u-types', traits: 42 }],
  ])('GraphQL: %s → BAD_USER_INPUT (variable coercion)', async (_, mutation, input) => {
    const res = await unchanged(() => t.gql(mutation, { input }, ingestKey));
    expectGraphQLError(res, 'BAD_USER_INPUT', /input/);
  });

  test.each([
    ['revenue "abc"', 'input.properties.revenue', { revenue: 'abc' }],
    ['total an object', 'input.properties.total', { total: { amount: 3 } }],
    ['products not a list', 'input.properties.products', { products: 'sku-1' }],
    ['a product price "cheap"', 'input.properties.products[0].price', { products: [{ product_id: 'a', price: 'cheap' }] }],
  ] as const)('GraphQL: Order Completed with %s → BAD_USER_INPUT at %s', async (_, path, properties) => {
    const res = await unchanged(() => t.gql(TRACK, { input: { userId: 'u-types', event: 'Order Completed', properties } }, ingestKey));
    expectGraphQLError(res, 'BAD_USER_INPUT', path);
  });

  test.each([
    ['/v1/track', 'properties a string', { userId: 'u-types', event: 'X', properties: 'color=red' }, 'body.properties'],
    ['/v1/track', 'userId an object', { userId: { id: 'u-types' }, event: 'X' }, 'body.userId'],
    ['/v1/track', 'anonymousId a boolean', { anonymousId: true, event: 'X' }, 'body.anonymousId'],
    ['/v1/track', 'revenue "abc"', { userId: 'u-types', event: 'Order Completed', properties: { revenue: 'abc' } }, 'body.properties.revenue'],
    ['/v1/track', 'event a number', { userId: 'u-types', event: 7 }, 'body.event'],
    ['/v1/track', 'messageId an object', { userId: 'u-types', event: 'X', messageId: { a: 1 } }, 'body.messageId'],
    ['/v1/identify', 'traits a list', { userId: 'u-types', traits: ['a'] }, 'body.traits'],
    ['/v1/identify', 'context a string', { userId: 'u-types', context: 'web' }, 'body.context'],
    ['/v1/identify', 'traits.email a number-like object', { userId: 'u-types', traits: { email: { a: 1 } } }, 'body.traits.email'],
    ['/v1/page', 'name a number', { anonymousId: 'a-types', name: 3 }, 'body.name'],
  ])('%s with %s → 400 BAD_USER_INPUT', async (path, _, body, errorPath) => {
    const res = await unchanged(() => v1(path, body));
    expectV1Error(res, 400, 'BAD_USER_INPUT', errorPath);
  });

  test.each([
    ['a message of unknown type', { type: 'purchase', userId: 'u-types' }, 'batch[0].type'],
    ['a message that is a string', 'track', 'batch[0]'],
    ['a message that is null', null, 'batch[0]'],
  ])('/v1/batch with %s → rejected naming %s, nothing stored', async (_, message, path) => {
    const res = await unchanged(() => v1('/v1/batch', { batch: [message] }));
    expectV1Rejected(res, 0, [[0, path]]);
  });
});

describe('size limits', () => {
  test('GraphQL ingest of 1,001 events → BAD_USER_INPUT naming the limit', async () => {
    const events = Array.from({ length: 1001 }, (_, i) => ({ type: 'TRACK', userId: `big-${i % 7}`, event: 'E', messageId: `big-${i}` }));
    const res = await unchanged(() => t.gql(INGEST, { events }, ingestKey));
    expectGraphQLError(res, 'BAD_USER_INPUT', 'events');
    expect(res.errors![0].message).toMatch(/at most 1000/);
    expect(res.errors![0].extensions?.maxBatchEvents).toBe(1000);
  });

  test('GraphQL ingest of exactly 1,000 events is accepted', async () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({ type: 'TRACK', userId: `max-${i % 5}`, event: 'E', messageId: `max-${i}` }));
    const res = await t.gql(INGEST, { events }, ingestKey);
    expect(res.errors).toBeUndefined();
    expect(res.data!.ingest).toEqual({ accepted: 1000, duplicates: 0 });
  });

  test('/v1/batch of 1,001 messages → 400 BAD_USER_INPUT', async () => {
    const batch = Array.from({ length: 1001 }, (_, i) => ({ type: 'track', userId: 'big', event: 'E', messageId: `v1-big-${i}` }));
    const res = await unchanged(() => v1('/v1/batch', { batch }));
    expectV1Error(res, 400, 'BAD_USER_INPUT', 'batch');
  });

  const overOneMegabyte = () => ({
    batch: [{ type: 'track', userId: 'huge', event: 'Huge', properties: { blob: 'x'.repeat(1024 * 1024 + 10) } }],
  });

  test('/v1/batch over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await unchanged(() => v1('/v1/batch', overOneMegabyte()));
    expectV1Error(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('/v1/batch that inflates to over 1 MB (gzip) → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await unchanged(() => v1('/v1/batch', overOneMegabyte(), { gzip: true }));
    expectV1Error(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('/v1/batch over 1 MB sent chunked (no Content-Length) → 413 PAYLOAD_TOO_LARGE', async () => {
    const json = Buffer.from(JSON.stringify(overOneMegabyte()));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < json.length; i += 64 * 1024) controller.enqueue(json.subarray(i, i + 64 * 1024));
        controller.close();
      },
    });
    const res = await unchanged(async () => {
      const r = await fetch(`${t.baseUrl}/v1/batch`, {
        method: 'POST',
        headers: { authorization: basicAuth(ingestKey), 'content-type': 'application/json' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      return { status: r.status, body: (await r.json()) as V1Response['body'] };
    });
    expectV1Error(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  test('GraphQL body over 1 MB → 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ query: INGEST, variables: { events: overOneMegabyte().batch.map((e) => ({ ...e, type: 'TRACK' })) } });
    const res = await unchanged(() => rawGraphQL(body));
    expect(res.status).toBe(413);
    expectGraphQLError(res, 'PAYLOAD_TOO_LARGE');
  });
});

describe('timestamps', () => {
  const inTwoDays = () => new Date(Date.now() + 2 * 24 * 3600 * 1000).toISOString();

  test.each([
    ['unparseable ("yesterday")', () => 'yesterday', /unparseable/],
    ['before 1990', () => '1970-01-01T00:00:00Z', /1990/],
  ])('GraphQL ingest: timestamp %s → BAD_USER_INPUT at events[1].timestamp', async (_, timestamp, why) => {
    const res = await unchanged(() =>
      t.gql(
        INGEST,
        {
          events: [
            { type: 'TRACK', userId: 'u-time', event: 'A' },
            { type: 'TRACK', userId: 'u-time', event: 'B', timestamp: timestamp() },
          ],
        },
        ingestKey,
      ),
    );
    expectGraphQLError(res, 'BAD_USER_INPUT', 'events[1].timestamp');
    expect(res.errors![0].message).toMatch(why);
  });

  test.each([
    ['timestamp', 'batch[1].timestamp'],
    ['originalTimestamp', 'batch[1].originalTimestamp'],
    ['sentAt', 'batch[1].sentAt'],
  ])('/v1/batch: an unparseable %s → that message rejected at %s', async (field, path) => {
    const res = await unchanged(() =>
      v1('/v1/batch', {
        batch: [
          { type: 'track', userId: 'u-time', event: 'A', timestamp: '1989-12-31T00:00:00Z' },
          { type: 'track', userId: 'u-time', event: 'B', [field]: 'yesterday' },
        ],
      }),
    );
    expectV1Rejected(res, 0, [[0, 'batch[0].timestamp'], [1, path]]);
  });

  test('/v1/batch: an unparseable batch sentAt → 400 at sentAt (it concerns every message)', async () => {
    const res = await unchanged(() => v1('/v1/batch', { sentAt: 'soon', batch: [{ type: 'track', userId: 'u-time', event: 'A' }] }));
    expectV1Error(res, 400, 'BAD_USER_INPUT', 'sentAt');
  });

  test('GraphQL ingest: two days in the future is no error: stored at receipt time (see test/ingest/clock-skew.test.ts)', async () => {
    const res = await t.gql(INGEST, { events: [{ type: 'TRACK', userId: 'u-time', event: 'Ahead', timestamp: inTwoDays() }] }, ingestKey);
    expect(res.errors).toBeUndefined();
  });

  // Date.parse would read "5" as 2001-05-01 and "March 7, 2026" in the server's time zone.
  test.each(['yesterday', '5', '1700000000', 'March 7, 2026', 'Tue, 03 Mar 2026 10:00:00 GMT', '2026-13-01T00:00:00Z', '2026-01-02T03:04:05 +25:00', true])(
    '/v1/track: timestamp %j is not ISO 8601 → 400 at body.timestamp',
    async (timestamp) => {
      const res = await unchanged(() => v1('/v1/track', { userId: 'u-time', event: 'A', timestamp }));
      expectV1Error(res, 400, 'BAD_USER_INPUT', 'body.timestamp');
      expect(res.body.error!.message).toMatch(/ISO 8601/);
    },
  );
});

describe('unknown identity kinds', () => {
  test('GraphQL profileByIdentity with kind "FAX" → BAD_USER_INPUT', async () => {
    const res = await t.gql(BY_IDENTITY, { kind: 'FAX', value: '+1 555 0100' }, readKey);
    expectGraphQLError(res, 'BAD_USER_INPUT', /FAX/);
  });

  test('GraphQL ingest with identities [{kind: "FAX"}] → BAD_USER_INPUT', async () => {
    const res = await unchanged(() =>
      t.gql(INGEST, { events: [{ type: 'IDENTIFY', userId: 'u-fax', identities: [{ kind: 'FAX', value: '555' }] }] }, ingestKey),
    );
    expectGraphQLError(res, 'BAD_USER_INPUT', /FAX/);
  });

  test.each([
    [[{ kind: 'fax', value: '555' }], 'body.identities[0].kind'],
    [[{ kind: 'email', value: 'ok@example.com' }, { value: 'no-kind' }], 'body.identities[1].kind'],
    [{ kind: 'email', value: 'x@example.com' }, 'body.identities'],
  ])('/v1/identify with identities %j → 400 at %s', async (identities, path) => {
    const res = await unchanged(() => v1('/v1/identify', { userId: 'u-fax', identities, traits: { a: 1 } }));
    expectV1Error(res, 400, 'BAD_USER_INPUT', path);
  });
});

describe('authentication and scopes', () => {
  test('GraphQL with a bogus Bearer key → HTTP 401 UNAUTHENTICATED', async () => {
    const res = await unchanged(() => t.gql(TRACK, { input: { userId: 'u-auth', event: 'X' } }, 'sk_bogus_key'));
    expect(res.status).toBe(401);
    expectGraphQLError(res, 'UNAUTHENTICATED');
  });

  test('GraphQL with a malformed Authorization header → HTTP 401 UNAUTHENTICATED', async () => {
    const res = await unchanged(() => rawGraphQL(JSON.stringify({ query: PROFILES }), { authorization: `Token ${t.adminKey}` }));
    expect(res.status).toBe(401);
    expectGraphQLError(res, 'UNAUTHENTICATED');
  });

  test.each([
    ['track', TRACK, { input: { userId: 'u-auth', event: 'X' } }],
    ['profiles', PROFILES, undefined],
  ])('GraphQL %s without a key → UNAUTHENTICATED', async (_, query, variables) => {
    const res = await unchanged(() => t.gql(query, variables, null));
    expectGraphQLError(res, 'UNAUTHENTICATED');
  });

  test.each([
    ['a bogus key', basicAuth('sk_bogus_key')],
    ['a Basic header that is not base64 of a known key', 'Basic !!!'],
    ['an unsupported scheme', `Token ${'x'.repeat(10)}`],
    ['no key at all', null],
  ])('/v1/track with %s → 401 UNAUTHENTICATED', async (_, auth) => {
    const res = await unchanged(() => v1('/v1/track', { userId: 'u-auth', event: 'X' }, { auth }));
    expectV1Error(res, 401, 'UNAUTHENTICATED');
  });

  test('/v1/track with a bogus writeKey in the body (no header) → 401 UNAUTHENTICATED', async () => {
    const res = await unchanged(() => v1('/v1/track', { writeKey: 'sk_bogus_key', userId: 'u-auth', event: 'X' }, { auth: null }));
    expectV1Error(res, 401, 'UNAUTHENTICATED');
  });

  test('/v1 with a bogus key is refused before the body is looked at', async () => {
    const malformed = await unchanged(() => v1('/v1/batch', '{"batch": [', { raw: true, auth: basicAuth('sk_bogus_key') }));
    expectV1Error(malformed, 401, 'UNAUTHENTICATED');
    const huge = await unchanged(() => v1('/v1/batch', { batch: [{ blob: 'x'.repeat(1024 * 1024 + 10) }] }, { auth: basicAuth('sk_bogus_key') }));
    expectV1Error(huge, 401, 'UNAUTHENTICATED');
  });

  test('a read-only key calling track → FORBIDDEN', async () => {
    const res = await unchanged(() => t.gql(TRACK, { input: { userId: 'u-auth', event: 'X' } }, readKey));
    expectGraphQLError(res, 'FORBIDDEN');
    expect(res.errors![0].message).toMatch(/ingest/);
  });

  test('a read-only key posting to /v1/track → 403 FORBIDDEN', async () => {
    const res = await unchanged(() => v1('/v1/track', { userId: 'u-auth', event: 'X' }, { auth: basicAuth(readKey) }));
    expectV1Error(res, 403, 'FORBIDDEN');
  });

  test.each([
    ['profiles', PROFILES, undefined],
    ['profileByIdentity', BY_IDENTITY, { kind: 'USER_ID', value: 'seed-user' }],
  ])('an ingest key calling %s → FORBIDDEN', async (_, query, variables) => {
    const res = await t.gql(query, variables, ingestKey);
    expectGraphQLError(res, 'FORBIDDEN');
    expect(res.errors![0].message).toMatch(/read/);
  });
});

describe('partial /v1 batches and all-or-nothing GraphQL batches', () => {
  const fifty = (prefix: string, bad: Record<string, unknown>, at: number) =>
    Array.from({ length: 50 }, (_, i) => (i === at ? bad : { type: 'track', userId: `${prefix}-${i % 4}`, anonymousId: `${prefix}-anon-${i}`, event: 'Viewed', messageId: `${prefix}-${i}` }));
  const storedLike = async (prefix: string) => (await t.db.query(`select count(*)::int as n from events where message_id like $1`, [`${prefix}-%`])).rows[0].n;

  test.each([
    ['an unparseable timestamp', 'part-a', { type: 'track', userId: 'aon-x', event: 'X', timestamp: 'yesterday' }, 37, 'batch[37].timestamp'],
    ['no identity', 'part-b', { type: 'track', userId: 'null', event: 'X' }, 0, 'batch[0].userId'],
    ['a bad revenue', 'part-c', { type: 'track', userId: 'aon-x', event: 'Order Completed', properties: { revenue: 'abc' } }, 49, 'batch[49].properties.revenue'],
  ])('/v1/batch: one of 50 with %s → the 49 others stored, it is rejected naming its path', async (_, prefix, bad, at, path) => {
    const res = await v1('/v1/batch', { batch: fifty(prefix, bad, at) });
    expectV1Rejected(res, 49, [[at, path]]);
    expect(await storedLike(prefix)).toBe(49);
  });

  test('/v1/batch: several bad messages are all reported at once', async () => {
    const batch = fifty('part-d', { type: 'track', userId: 'aon-x', event: 'X', timestamp: 'yesterday', messageId: 'part-d-bad-5' }, 5);
    batch[12] = { type: 'track', event: 'No Identity', messageId: 'part-d-bad-12' };
    const res = await v1('/v1/batch', { batch });
    expectV1Rejected(res, 48, [[5, 'batch[5].timestamp'], [12, 'batch[12].userId']]);
    expect(res.body.rejected!.map((r) => r.messageId)).toEqual(['part-d-bad-5', 'part-d-bad-12']);
  });

  test('GraphQL ingest: one of 50 bad → nothing stored, error names events[23]', async () => {
    const events = fifty('aon', { type: 'track', userId: 'aon-x', event: 'X', timestamp: 'yesterday' }, 23).map((e) => ({ ...e, type: 'TRACK' }));
    const res = await unchanged(() => t.gql(INGEST, { events }, ingestKey));
    expectGraphQLError(res, 'BAD_USER_INPUT', 'events[23].timestamp');
    // None of the 49 good messages is stored, so a fixed retry stores all 50.
    expect(await storedLike('aon')).toBe(0);
  });

  test('GraphQL ingest: several bad events are all reported at once', async () => {
    const events = fifty('aon', { type: 'track', userId: 'aon-x', event: 'X', timestamp: 'yesterday' }, 5).map((e) => ({ ...e, type: 'TRACK' }));
    events[12] = { type: 'TRACK', event: 'No Identity' } as (typeof events)[number];
    const res = await unchanged(() => t.gql(INGEST, { events }, ingestKey));
    expectGraphQLError(res, 'BAD_USER_INPUT');
    expect((res.errors![0].extensions!.problems as { path: string }[]).map((p) => p.path)).toEqual(['events[5].timestamp', 'events[12].userId']);
  });

  test('GraphQL ingest: after a refused batch the corrected batch is stored whole', async () => {
    const events = fifty('aon', { type: 'track', userId: 'aon-x', event: 'Fixed', messageId: 'aon-fixed' }, 37).map((e) => ({ ...e, type: 'TRACK' }));
    const res = await t.gql(INGEST, { events }, ingestKey);
    expect(res.data).toEqual({ ingest: { accepted: 50, duplicates: 0 } });
  });
});
