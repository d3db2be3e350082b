import { getIntrospectionQuery } from 'graphql';
import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const FULL = getIntrospectionQuery();

test('read and admin keys may introspect', async () => {
  for (const key of [await t.keyWith('read'), t.adminKey]) {
    const res = await t.gql(FULL, {}, key);
    expect(res.errors).toBeUndefined();
    expect(res.data!.__schema.queryType.name).toBe('Query');
  }
});

test.each([
  ['a personalize key', 'personalize', 403, 'FORBIDDEN'],
  ['an ingest key', 'ingest', 403, 'FORBIDDEN'],
  ['no key', undefined, 401, 'UNAUTHENTICATED'],
])('%s may not introspect', async (_label, scope, status, code) => {
  const key = scope ? await t.keyWith(scope as 'personalize') : null;
  for (const query of [FULL, `{ __type(name: "Profile") { fields { name } } }`, `query Q { ...F } fragment F on Query { __schema { types { name } } }`]) {
    const res = await t.gql(query, {}, key);
    expect(res.status).toBe(status);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/Introspection needs a key with the read or admin scope/), extensions: expect.objectContaining({ code }) })]);
  }
});

test('__typename is not introspection', async () => {
  const res = await t.gql(`{ __typename }`, {}, await t.keyWith('personalize'));
  expect(res).toMatchObject({ status: 200, data: { __typename: 'Query' } });
});

test('over graphql-ws the same rule and query limits apply', async () => {
  const client = connect(t.graphqlUrl, await t.keyWith('personalize', 'subscribe'));
  const sub = subscribe(client, `{ __schema { types { name } } }`, {}, '__schema');
  const thirteenLevels = `{ profiles { edges { node { segments { segment { members { edges { node { profile { segments { segment { members { __typename ${'}'.repeat(12)} }`;
  const deep = subscribe(client, thirteenLevels, {}, 'profiles');
  await until(() => sub.errors.length > 0 && deep.errors.length > 0);
  await client.dispose();
  // The subscribe helper records the error list of an operation as one entry.
  expect(sub.errors.flat()).toEqual([expect.objectContaining({ message: expect.stringMatching(/Introspection needs/), extensions: { code: 'FORBIDDEN', fields: ['Query.__schema'] } })]);
  expect(deep.errors.flat()).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxDepth' } })]);
});
