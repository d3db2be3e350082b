import { startTestApp, type TestApp } from '../support/app';

/**
 * The first request with a query text goes through Apollo's pipeline; a repeat runs on
 * the direct path (src/app/validated-operations.ts). Both must answer the same bytes.
 */
let t: TestApp;
let profileId: string;

beforeAll(async () => {
  t = await startTestApp();
  await t.gql(`mutation { identify(input: { userId: "vo-1", messageId: "vo-m1", traits: { plan: "pro" } }) { accepted } }`);
  profileId = (await t.gql(`{ profileByIdentity(kind: USER_ID, value: "vo-1") { id } }`)).data!.profileByIdentity.id;
});
afterAll(() => t?.close());

interface Raw {
  status: number;
  contentType: string | null;
  body: string;
}

async function post(payload: unknown, key: string | null = t.adminKey, headers: Record<string, string> = {}): Promise<Raw> {
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
    body: JSON.stringify(payload),
  });
  return { status: res.status, contentType: res.headers.get('content-type'), body: await res.text() };
}

/** Sends the payload twice; returns both answers and how many went the direct way. */
async function twice(payload: unknown, key?: string | null, headers?: Record<string, string>) {
  const before = t.http.validatedOperations.executed;
  const first = await post(payload, key, headers);
  const second = await post(payload, key, headers);
  return { first, second, direct: t.http.validatedOperations.executed - before };
}

const PROFILE = `query Profile($id: ID!) { profile(id: $id) { id traits stats { orders revenue lastOrderAt } } }`;

test('a repeated query answers the same on the direct path: data, nulls and resolver errors', async () => {
  const cases = [
    { query: PROFILE, variables: { id: profileId } },
    { query: PROFILE, variables: { id: '00000000-0000-4000-8000-000000000000' } },
    { query: PROFILE, variables: { id: 'not-a-uuid' } },
    { query: `mutation { revokeApiKey(id: "00000000-0000-4000-8000-000000000000") { id } }` },
  ];
  for (const payload of cases) {
    const { first, second, direct } = await twice(payload);
    expect(second).toEqual(first);
    expect(direct).toBeGreaterThanOrEqual(1);
  }
  const ok = JSON.parse((await post(cases[0])).body);
  expect(ok.data.profile).toMatchObject({ id: profileId, traits: { plan: 'pro' } });
  expect(JSON.parse((await post(cases[2])).body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  expect(JSON.parse((await post(cases[3])).body).errors[0].extensions.code).toBe('NOT_FOUND');
});

test('the direct path (compiled) answers like graphql-js: nested lists, connections, fragments, aliases, directives, defaults, enums, scalars', async () => {
  await t.gql(`mutation { createSegment(input: { key: "vo-pro", name: "Pro", definition: { trait: { path: "plan", op: "eq", value: "pro" } } }) { id } }`);
  await t.gql(`mutation { track(input: { userId: "vo-1", messageId: "vo-m2", event: "Product Viewed", properties: { sku: "A1", price: 9.5 } }) { accepted } }`);
  const cases = [
    {
      query: `query Rich($id: ID!, $n: Int = 1, $withEvents: Boolean!) {
        profile(id: $id) {
          __typename id traits createdAt lastSeenAt
          identities { kind value }
          stats { orders revenue lastOrderAt }
          segments { segment { key purpose builtIn } enteredAt }
          events(first: $n) @include(if: $withEvents) { edges { cursor node { name type occurredAt properties } } pageInfo { hasNextPage endCursor } }
          ...Consents
        }
        again: profile(id: $id) { id merges { mergedProfileId } }
      }
      fragment Consents on Profile { consents { purpose granted isDefault } }`,
      variables: { id: profileId, withEvents: true },
    },
    { query: `query Segs { segments { key name purpose timeSensitive size definition members(first: 2) { edges { node { enteredAt profile { id } } } } } }` },
    { query: `query D($u: String) { personalize(placement: "nowhere", userId: $u) { placement reason content { key } variant } }`, variables: { u: 'vo-1' } },
    { query: `query D2 { personalize(placement: "nowhere", userId: "nobody") { placement reason content { key } } }` },
  ];
  for (const payload of cases) {
    const { first, second, direct } = await twice(payload);
    expect(second).toEqual(first);
    expect(direct).toBe(1);
  }
  const rich = JSON.parse((await post(cases[0])).body);
  expect(rich.errors).toBeUndefined();
  expect(rich.data.profile.events.edges).toHaveLength(1);
  expect(rich.data.profile.segments.map((s: { segment: { key: string } }) => s.segment.key)).toContain('vo-pro');
});

test('scope errors from resolvers are the same on both paths', async () => {
  const frontend = await t.keyWith('personalize');
  const query = PROFILE.replace('query Profile', 'query ProfileForFrontend');
  const { first, second, direct } = await twice({ query, variables: { id: profileId } }, frontend);
  expect(direct).toBe(1);
  expect(second).toEqual(first);
  expect(JSON.parse(second.body).errors[0].extensions.code).toBe('FORBIDDEN');
});

test('variables that do not coerce get Apollo’s 400 every time, and nothing runs', async () => {
  const { first, second, direct } = await twice({ query: PROFILE, variables: {} });
  expect(first.status).toBe(400);
  expect(second).toEqual(first);
  expect(direct).toBe(0);
  expect(JSON.parse(second.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
});

test('the operation name picks the operation of a multi-operation document on the direct path', async () => {
  const query = `query A { profile(id: "${profileId}") { id } } query B { profile(id: "${profileId}") { traits } }`;
  const a = await twice({ query, operationName: 'A' });
  const b = await twice({ query, operationName: 'B' });
  expect(a.direct + b.direct).toBe(2);
  expect(JSON.parse(a.second.body).data.profile).toEqual({ id: profileId });
  expect(JSON.parse(b.second.body).data.profile).toEqual({ traits: { plan: 'pro' } });
  expect(b.second).toEqual(b.first);
});

test('introspection, other Accept types and invalid documents stay on Apollo’s path', async () => {
  const size = t.http.validatedOperations.size;
  const introspection = await twice({ query: `{ __schema { queryType { name } } }` });
  expect(introspection.direct).toBe(0);
  const graphqlResponse = await twice({ query: PROFILE, variables: { id: profileId } }, undefined, { accept: 'application/graphql-response+json' });
  expect(graphqlResponse.direct).toBe(0);
  expect(graphqlResponse.second.contentType).toMatch(/^application\/graphql-response\+json/);
  const invalid = await twice({ query: `{ profile(id: "${profileId}") { nope } }` });
  expect(invalid.direct).toBe(0);
  expect(invalid.second.status).toBe(400);
  expect(t.http.validatedOperations.size).toBe(size);
});

test('a personalize key cannot reach introspection through a document first validated for an admin', async () => {
  const query = `{ __type(name: "Profile") { name } }`;
  expect((await post({ query })).status).toBe(200);
  const frontend = await t.keyWith('personalize');
  const refused = await post({ query }, frontend);
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).errors[0].extensions.code).toBe('FORBIDDEN');
});
