import 'reflect-metadata';
import pino from 'pino';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig, type Config } from '../../src/config';
import type { Clock } from '../../src/common';
import type { Database } from '../../src/db/database';
import { bootstrap, type Runtime } from '../../src/app/bootstrap';
import type { HttpServer } from '../../src/http';
import type { Scope } from '../../src/auth/api-key.entity';
import { createTestDatabase, type TestDatabase } from './database';
import { postGraphQL } from './graphql';

export interface GraphQLResponse<T = Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> & { code?: string } }[];
}

export interface TestApp {
  app: Runtime;
  http: HttpServer;
  db: Database;
  orm: MikroORM;
  database: TestDatabase;
  config: Config;
  /** Base URL such as http://127.0.0.1:PORT */
  baseUrl: string;
  graphqlUrl: string;
  adminKey: string;
  keyWith(...scopes: Scope[]): Promise<string>;
  /** Runs a query: a typed document from test/generated (checked against the schema by codegen), or a string. */
  gql<T = Record<string, any>, V = Record<string, unknown>>(query: string | TypedDocumentNode<T, V>, variables?: V, key?: string | null): Promise<GraphQLResponse<T>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where the server logs (silent unless TEST_LOG_LEVEL says otherwise). */
  logger?: pino.Logger;
  /** Another instance on this database (kept when this app closes); a fresh database otherwise. */
  database?: TestDatabase;
  /** Pins "now" for everything the server computes (replaying a history as of a past instant). */
  clock?: Clock;
}

/** A real server, bootstrapped as `npm start` does, on a free port over its own fresh database. */
export async function startTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config = loadConfig({ LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false', ...env, DATABASE_URL: database.url });
  const app = await bootstrap(config, { logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), clock: options.clock });
  const { db, orm } = app.database;
  const graphqlUrl = (await app.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');
  const baseUrl = graphqlUrl.replace(/\/graphql$/, '');
  const { secret: adminKey } = await app.services.apiKeys.create('test admin', ['admin']);

  return {
    app,
    http: app.http!,
    db,
    orm,
    database,
    config,
    baseUrl,
    graphqlUrl,
    adminKey,
    keyWith: async (...scopes) => (await app.services.apiKeys.create(`test ${scopes.join('+')}`, scopes)).secret,
    gql: (query, variables, key = adminKey) => postGraphQL(graphqlUrl, query, variables, key),
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}
