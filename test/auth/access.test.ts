import { isObjectType, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import { buildAppSchema } from '../../src/app/schema';
import type { Scope } from '../../src/auth';
import { scopesIn } from '../../src/common';
import { startTestApp, type TestApp } from '../support/app';
import { connect } from '../support/subscriptions';
import { REACHABLE, type WalkedScope } from './access-matrix';
import { reachableFields, refusedIn, type Outcome, type Send } from './schema-walk';

/**
 * Deny by default, proven by asking the server: for each scope, every field of every type
 * the scope can get to is selected over HTTP and over graphql-ws, and exactly the fields
 * listed in access-matrix.ts must be let through. A new field is refused until it gets a
 * rule, and a rule that lets a scope see more than listed fails here.
 */

let t: TestApp;
let schema: GraphQLSchema;
const keys = new Map<Scope, string>();

beforeAll(async () => {
  // The walk sends hundreds of operations per key: no rate limit may stand in for a refusal.
  // Nor may the query cost: a path through default page sizes (placements × rules) can be costly, and access is what is tested here.
  t = await startTestApp({ GRAPHQL_MAX_COST: '100000000', ...Object.fromEntries(['PERSONALIZE', 'READ', 'INGEST', 'SUBSCRIBE'].map((s) => [`RATE_LIMIT_${s}_PER_SECOND`, '0'])) });
  schema = buildAppSchema();
  for (const scope of ['personalize', 'read', 'ingest', 'subscribe', 'admin'] as const) keys.set(scope, await t.keyWith(scope));
}, 120_000);
afterAll(() => t?.close());

const overHttp = (key: string): Send => async (_kind, operation) => {
  const res = await t.gql(operation, {}, key);
  return { refused: refusedIn(res.errors), errors: res.errors ?? [] };
};

/** graphql-ws answers a refusal with an error message; an accepted subscription may stay silent, so it is closed after a moment. */
function overSocket(client: Client): Send {
  const once = (kind: string, operation: string) =>
    new Promise<Outcome & { answered: boolean }>((resolve) => {
      const errors: unknown[] = [];
      let answered = false;
      let settled = false;
      const done = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        dispose();
        resolve({ refused: refusedIn(errors), errors, answered });
      };
      const dispose = client.subscribe({ query: operation }, {
        next: (result) => {
          answered = true;
          errors.push(...(result.errors ?? []));
          if (kind !== 'subscription') done();
        },
        error: (error) => {
          answered = true;
          errors.push(...(Array.isArray(error) ? error : [error]));
          done();
        },
        complete: done,
      });
      const timer = setTimeout(() => {
        answered ||= kind === 'subscription';
        done();
      }, kind === 'subscription' ? 300 : 10_000);
    });
  return async (kind, operation) => {
    // The client may close an idle socket between two operations (completing the next one
    // unanswered) and reconnect: such an operation is sent again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await once(kind, operation);
      if (outcome.answered) return outcome;
    }
    throw new Error(`no answer over graphql-ws to ${operation}`);
  };
}

/** Every `Type.field` of the object types a root can lead to. */
function allCoordinates(): Set<string> {
  const all = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.keys(type.getFields())) all.add(`${type.name}.${field}`);
  }
  return all;
}

const expected = (scope: WalkedScope) => new Set(Object.entries(REACHABLE[scope]).flatMap(([type, fields]) => fields.split(/\s+/).filter(Boolean).map((f) => `${type}.${f}`)));
const sorted = (set: Set<string>) => [...set].sort();

test('every field of every type carries a rule (its own or its type\'s)', () => {
  const missing = [...allCoordinates()].filter((coordinate) => {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    if (!isObjectType(type)) return false;
    return !scopesIn(type.getFields()[fieldName].extensions) && !scopesIn(type.extensions);
  });
  expect(missing).toEqual([]);
});

describe.each(['personalize', 'read', 'ingest', 'subscribe'] as const)('a %s key', (scope) => {
  test('reaches exactly the listed fields over HTTP', async () => {
    expect(sorted(await reachableFields(schema, overHttp(keys.get(scope)!)))).toEqual(sorted(expected(scope)));
  }, 120_000);

  test('reaches exactly the listed fields over graphql-ws', async () => {
    const client = connect(t.graphqlUrl, keys.get(scope)!);
    try {
      expect(sorted(await reachableFields(schema, overSocket(client)))).toEqual(sorted(expected(scope)));
    } finally {
      await client.dispose();
    }
  }, 120_000);
});

test('an admin key reaches every field', async () => {
  expect(sorted(await reachableFields(schema, overHttp(keys.get('admin')!)))).toEqual(sorted(allCoordinates()));
}, 120_000);

test('without a key nothing but __typename is let through', async () => {
  const res = await t.gql('{ segments { key } }', {}, null);
  expect(res.status).toBe(401);
  expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect((await t.gql('{ __typename }', {}, null)).data).toEqual({ __typename: 'Query' });
});

test('a refusal names every refused field and runs nothing', async () => {
  const key = keys.get('personalize')!;
  let statements = 0;
  const stop = t.db.onQuery(() => statements++);
  const res = await t.gql('{ segmentsFor(anonymousId: "a") { segment { key definition size members { edges { node { profile { traits } } } } } } }', {}, key);
  stop();
  expect(res.status).toBe(403);
  expect(res.data).toBeUndefined();
  expect(res.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN', fields: ['Segment.definition', 'Segment.size', 'Segment.members', 'SegmentMemberConnection.edges', 'SegmentMemberEdge.node', 'SegmentMember.profile', 'Profile.traits'] });
  expect(statements).toBe(0);
});
