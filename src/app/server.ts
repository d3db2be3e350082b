import http from 'node:http';
import crypto from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { DomainError, UnauthenticatedError } from '../common/errors';
import { createLoaders, type RequestContext } from './context';
import { errorBody, formatGraphQLError } from './errors';
import { parseJson, readBody } from './http-body';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';
import { handleSegmentRequest } from '../ingest/segment-http';
import { landingPage } from './landing-page';
import type { Principal } from '../auth/principal';
import { ChangeFeed } from '../realtime/change-feed';
import { Scheduler, type ScheduledJob } from '../scheduler/scheduler';

export interface App {
  server: http.Server;
  scheduler: Scheduler;
  services: Services;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export interface AppDeps {
  config: Config;
  /** For the dedicated LISTEN and scheduler connections. */
  databaseUrl: string;
  db: Database;
  orm: MikroORM;
  logger: Logger;
}

/** Builds the HTTP server: /graphql (HTTP + graphql-ws), /v1/* Segment ingest, /healthz. */
export async function createApp({ config, databaseUrl, db, orm, logger }: AppDeps): Promise<App> {
  const schema = await buildAppSchema();
  const feed = new ChangeFeed(databaseUrl, logger);
  await feed.start();
  const services = createServices(config, db, orm, feed);
  const scheduler = new Scheduler(databaseUrl, scheduledJobs(services), logger);
  if (config.scheduler.enabled) scheduler.start();
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted, error) => formatGraphQLError(formatted, error, (e) => logger.error({ err: e }, 'unexpected error')),
  });
  await apollo.start();

  const contextFor = (principal: Principal | undefined, requestId: string): RequestContext => ({
    requestId,
    principal,
    em: orm.em.fork(),
    services,
    loaders: createLoaders(services),
  });

  async function authenticateBearer(header: string | undefined): Promise<Principal | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <key>"');
    const principal = await services.apiKeys.authenticate(match[1]);
    if (!principal) throw new UnauthenticatedError('Unknown or revoked API key');
    return principal;
  }

  async function handleGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL, requestId: string) {
    if (req.method === 'GET' && !url.searchParams.has('query')) return send(res, 200, landingPage(), 'text/html; charset=utf-8');
    const principal = await authenticateBearer(req.headers.authorization);
    const body = req.method === 'POST' ? parseJson(await readBody(req, config.ingest.maxBodyBytes)) : undefined;
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => contextFor(principal, requestId),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') return res.end(result.body.string);
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const requestId = String(req.headers['x-request-id'] ?? crypto.randomUUID());
    res.setHeader('x-request-id', requestId);
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/graphql') return await handleGraphQL(req, res, url, requestId);
      if (url.pathname.startsWith('/v1/')) return await handleSegmentRequest(req, res, url.pathname, services);
      if (url.pathname === '/healthz') return await health(res, db);
      if (url.pathname === '/') return send(res, 200, landingPage(), 'text/html; charset=utf-8');
      return sendJson(res, 404, { error: { message: `No route ${url.pathname}`, code: 'NOT_FOUND' } });
    } catch (error) {
      if (error instanceof DomainError) {
        const { status, body } = errorBody(error);
        if (url.pathname === '/graphql') {
          return sendJson(res, status, { errors: [{ message: error.message, extensions: { ...error.details, code: error.code } }] });
        }
        return sendJson(res, status, body);
      }
      logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' } });
      else res.end();
    }
  }

  const server = http.createServer((req, res) => void route(req, res));
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer<{ authorization?: string; apiKey?: string }>(
    {
      schema,
      context: async (ctx) => contextFor(ctx.extra.principal as Principal | undefined, crypto.randomUUID()),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? (ctx.connectionParams?.apiKey ? `Bearer ${ctx.connectionParams.apiKey}` : undefined);
        try {
          (ctx.extra as Record<string, unknown>).principal = await authenticateBearer(raw);
          return true;
        } catch {
          return false;
        }
      },
    },
    wss,
  );

  return {
    server,
    services,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.address();
          resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}/graphql`);
        });
      }),
    scheduler,
    close: async () => {
      await scheduler.stop();
      await wsServer.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
      await feed.stop();
    },
  };
}

function scheduledJobs(services: Services): ScheduledJob[] {
  return [{ name: 'time-sensitive segments', everyMs: services.config.scheduler.segmentsEveryMs, run: () => services.segments.recomputeTimeSensitive() }];
}

async function health(res: http.ServerResponse, db: Database) {
  try {
    await db.query('select 1');
    sendJson(res, 200, { status: 'ok' });
  } catch {
    sendJson(res, 503, { status: 'unavailable', reason: 'database did not answer' });
  }
}

export function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}
