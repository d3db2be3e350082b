import { SignJWT } from 'jose';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType, type GraphQLField,
  type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { buildAppSchema } from '../../src/app/schema';
import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';

/**
 * A `personalize` key is what browsers and apps hold. It may call these root fields,
 * for its own (anonymous or token-verified) user only; every other root field must
 * answer FORBIDDEN. The list of other fields comes from the schema itself, so a field
 * added later is covered without anyone remembering to add it here.
 */
const FRONTEND_FIELDS = new Set(['personalize', 'personalizeMany', 'userContext', 'recommendations', 'segmentsFor', 'track']);

let t: TestApp;
let schema: GraphQLSchema;
let frontendKey: string;
let userTokenSecret: string;

beforeAll(async () => {
  t = await startTestApp();
  schema = buildAppSchema();
  const created = await t.gql(`mutation { createApiKey(name: "web", scopes: ["personalize"]) { secret userTokenSecret } }`);
  expect(created.errors).toBeUndefined();
  frontendKey = created.data!.createApiKey.secret;
  userTokenSecret = created.data!.createApiKey.userTokenSecret;
  expect(userTokenSecret).toMatch(/^ut_/);
  await t.gql(`mutation { ingest(events: [{ type: TRACK, messageId: "fa-1", userId: "alice", anonymousId: "alice-anon", event: "Page" }, { type: TRACK, messageId: "fa-2", userId: "bob", event: "Page" }]) { accepted } }`);
});
afterAll(() => t?.close());

/** A value GraphQL will accept for the type; what it means does not matter, the scope check comes first. */
function dummy(type: GraphQLInputType): string {
  if (isNonNullType(type)) return dummy(type.ofType);
  if (isListType(type)) return `[${dummy(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${dummy(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    return ({ Int: '1', Float: '0.5', Boolean: 'true', ID: '"00000000-0000-4000-8000-000000000000"', DateTimeISO: '"2026-01-01T00:00:00Z"', JSONObject: '{}', JSON: '{}' } as Record<string, string>)[type.name] ?? '"x"';
  }
  throw new Error(`no dummy for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type)).map((a) => `${a.name}: ${dummy(a.type)}`);
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

function backendFields(): [string, string][] {
  const ops: [string, string][] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type!.getFields())) if (!FRONTEND_FIELDS.has(field.name)) ops.push([field.name, operationFor(kind, field)]);
  }
  return ops;
}

test('every root field outside the frontend set is FORBIDDEN to a personalize key', async () => {
  const fields = backendFields();
  expect(fields.length).toBeGreaterThan(30);
  const allowed: string[] = [];
  for (const [name, operation] of fields) {
    const res = await t.gql(operation, {}, frontendKey);
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    if (!codes.includes('FORBIDDEN')) allowed.push(`${name}: ${JSON.stringify(res.errors ?? res.data)}`);
  }
  expect(allowed).toEqual([]);
});

const sign = (sub: string, expiresInS = 600) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime(Math.floor(Date.now() / 1000) + expiresInS).sign(new TextEncoder().encode(userTokenSecret));

async function asFrontend(query: string, token?: string) {
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${frontendKey}`, ...(token ? { 'x-user-token': token } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, ...((await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }) };
}

const code = (r: { errors?: { extensions?: { code?: string } }[] }) => r.errors?.[0]?.extensions?.code;

test.each([
  ['segmentsFor', (who: string) => `{ segmentsFor(${who}) { enteredAt } }`],
  ['recommendations', (who: string) => `{ recommendations(${who}, strategy: POPULAR) { score } }`],
  ['track', (who: string) => `mutation { track(input: { ${who}, event: "Clicked", messageId: "fa-${Math.random()}" }) { accepted } }`],
])('%s: anonymous id allowed; a user id only with that user\'s token', async (_name, op) => {
  expect(code(await asFrontend(op('anonymousId: "alice-anon"')))).toBeUndefined();
  expect(code(await asFrontend(op('userId: "alice"')))).toBe('FORBIDDEN');
  expect(code(await asFrontend(op('userId: "alice"'), await sign('alice')))).toBeUndefined();
  expect(code(await asFrontend(op('userId: "bob"'), await sign('alice')))).toBe('FORBIDDEN');
  const expired = await asFrontend(op('userId: "alice"'), await sign('alice', -60));
  expect(expired.status).toBe(401);
  expect(code(expired)).toBe('UNAUTHENTICATED');
});

test('personalize with a placement: the user token decides whose decision it is', async () => {
  await t.gql(`mutation { createContentItem(input: { key: "hello", type: "banner", title: "Hello", payload: {} }) { key } }`);
  await t.gql(`mutation { createPlacement(input: { key: "home", defaultContent: "hello", rules: [] }) { key } }`);
  const anonymous = await asFrontend(`{ personalize(placement: "home", anonymousId: "alice-anon") { reason content { key } } }`);
  expect(anonymous.errors).toBeUndefined();
  expect(code(await asFrontend(`{ personalize(placement: "home", userId: "bob") { reason } }`, await sign('alice')))).toBe('FORBIDDEN');
});

test('a personalize key cannot introspect', async () => {
  expect(code(await asFrontend(`{ __schema { queryType { name } } }`))).toBe('FORBIDDEN');
});

test('a personalize key cannot subscribe', async () => {
  const client = connect(t.graphqlUrl, frontendKey);
  const sub = subscribe(client, `subscription { churnRiskAlert(threshold: 0.5) { profileId } }`, {}, 'churnRiskAlert');
  await until(() => sub.errors.length > 0, { what: 'the refusal' });
  expect(JSON.stringify(sub.errors)).toMatch(/FORBIDDEN|lacks the scope/);
  await client.dispose();
});
