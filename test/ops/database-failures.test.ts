import pg from 'pg';
import { GraphQLError } from 'graphql';
import { classifyDatabaseError } from '../../src/db';
import { errorBody, expectedFailure, formatGraphQLError, httpOfErrors } from '../../src/http/errors';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/server-process';

/**
 * Failures of the real PostgreSQL, each classified once (src/db/failures.ts) and answered
 * alike everywhere (src/http/errors.ts): a value it refuses is the client's BAD_USER_INPUT,
 * a database that cannot be reached is SERVICE_UNAVAILABLE with Retry-After, anything else
 * stays an internal error.
 */
let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** As a resolver's error reaches the formatting: wrapped by graphql-js with a path. */
const fromResolver = (error: unknown) => new GraphQLError('wrapped', { path: ['field'], originalError: error as Error });

test.each([
  ['a NUL character in text (22021)', 'select $1::text', ['a\u0000b']],
  ['a malformed uuid (22P02)', 'select $1::uuid', ['not-a-uuid']],
  ['an integer out of range (22003)', 'select $1::int', ['99999999999']],
  ['money beyond numeric(14,2) (22003)', 'select $1::numeric(14,2)', ['1e12']],
  ['a malformed timestamp (22007)', 'select $1::timestamptz', ['yesterday-ish']],
  ['a timestamp beyond the range (22008)', `select $1::timestamptz + interval '1 day' * $2`, ['2026-01-01', 2_000_000_000]],
  ['a NUL escape in jsonb (22P05)', 'select $1::jsonb', ['"\\u0000"']],
  ['a lone surrogate escape in jsonb (22P02)', 'select $1::jsonb', ['"\\ud800"']],
])('%s is BAD_USER_INPUT (400) with its SQLSTATE, on GraphQL and on /v1', async (label, sql, params) => {
  const error = await failureOf(() => pool.query(sql, params));
  expect(classifyDatabaseError(error)).toBe('bad-value');
  expect((error as { code: string }).code).toBe(/\((\w{5})\)$/.exec(label)![1]);
  const formatted = formatGraphQLError({ message: 'wrapped', path: ['field'] }, fromResolver(error));
  expect(formatted.extensions).toMatchObject({ code: 'BAD_USER_INPUT', sqlstate: (error as { code: string }).code });
  expect(formatted.message).toMatch(/^a value cannot be stored: /);
  expect(errorBody(expectedFailure(error)!)).toMatchObject({ status: 400, body: { success: false, error: { code: 'BAD_USER_INPUT' } } });
  expect(httpOfErrors([fromResolver(error)])).toBeUndefined();
});

test('an index entry too large (54000) is BAD_USER_INPUT', async () => {
  const client = await pool.connect();
  try {
    await client.query('create temp table wide (v text primary key)');
    const incompressible = Array.from({ length: 4000 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    const error = await failureOf(() => client.query('insert into wide values ($1)', [incompressible]));
    expect((error as { code: string }).code).toBe('54000');
    expect(expectedFailure(error)?.code).toBe('BAD_USER_INPUT');
  } finally {
    client.release();
  }
});

test.each([
  ['nothing listens on the port (ECONNREFUSED)', async () => {
    const closed = new pg.Client({ connectionString: `postgres://postgres:x@127.0.0.1:${await freePort()}/postgres` });
    await closed.connect();
  }],
  ['the server ends the session (57P01)', async () => {
    const victim = new pg.Client({ connectionString: database.url });
    await victim.connect();
    victim.on('error', () => {});
    const { rows } = await victim.query('select pg_backend_pid() as pid');
    await pool.query('select pg_terminate_backend($1)', [rows[0].pid]);
    try {
      await victim.query('select 1');
    } finally {
      await victim.end().catch(() => {});
    }
  }],
  ['no connection to be had in time (pool timeout)', async () => {
    const tiny = new pg.Pool({ connectionString: database.url, max: 1, connectionTimeoutMillis: 100 });
    const held = await tiny.connect();
    try {
      await tiny.query('select 1');
    } finally {
      held.release();
      await tiny.end();
    }
  }],
])('%s is SERVICE_UNAVAILABLE: 503 with Retry-After', async (_, work) => {
  const error = await failureOf(work);
  expect(classifyDatabaseError(error)).toBe('unavailable');
  expect(formatGraphQLError({ message: 'wrapped' }, fromResolver(error)).extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
  expect(httpOfErrors([fromResolver(error)])).toEqual({ status: 503, headers: { 'retry-after': '5' } });
  expect(errorBody(expectedFailure(error)!)).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });
});

test('other database errors (a syntax error, a missing table) stay internal: masked and logged as bugs', async () => {
  for (const sql of ['selec 1', 'select * from no_such_table']) {
    const error = await failureOf(() => pool.query(sql));
    expect(classifyDatabaseError(error)).toBeUndefined();
    expect(formatGraphQLError({ message: 'wrapped' }, fromResolver(error))).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
});
