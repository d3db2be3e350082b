import http from 'node:http';
import crypto from 'node:crypto';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type ExecutionArgs, type ExecutionResult, type GraphQLFormattedError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { DomainError, RateLimitedError, UnauthenticatedError } from '../common/errors';
import { LazyRequestContext, type RequestContext } from './context';
import { errorBody, errorHeaders, formatExecutionErrors, formatGraphQLError, graphqlErrorBody } from './errors';
import { parseJson, readBody } from './http-body';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';
import { handleSegmentRequest } from '../ingest/segment-http';
import { landingPage } from './landing-page';
import type { Principal } from '../auth/principal';
import { ChangeFeed } from '../realtime/change-feed';
import { SharedSubscriptionExecution } from '../realtime/shared-execution';
import { Scheduler, type ScheduledJob } from '../scheduler/scheduler';
import { migrationsList } from '../../migrations';
import { AppMetrics } from '../ops/metrics';
import { instrumentServices } from '../ops/instrument';
import { Readiness } from '../ops/readiness';
import { RateLimiter, authenticationObserved } from '../ops/rate-limiter';
import { armorFor, checkSocketOperation, introspectionGuard } from '../ops/graphql-guards';
import { graphqlObserver, logUnexpectedErrors } from '../ops/graphql-observer';
import { ValidatedOperations } from './validated-operations';
import { attachRequestInfo, elapsedSeconds, logRequest, routeLabel, startRequest, type RequestInfo } from '../ops/request-log';
import { RequestTracker, closeSockets } from '../ops/graceful-shutdown';
import { send, sendJson, serveHealth, serveMetrics, serveReadiness } from '../ops/endpoints';

export { send, sendJson };

export interface App {
  server: http.Server;
  scheduler: Scheduler;
  services: Services;
  metrics: AppMetrics;
  readiness: Readiness;
  validatedOperations: ValidatedOperations;
  subscriptionExecution: SharedSubscriptionExecution;
  listen(port: number, host?: string): Promise<string>;
  /** Graceful: stop accepting, drain requests (config.ops.shutdownTimeoutMs), close sockets with 1001, stop jobs and the feed. */
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

/** Builds the HTTP server: /graphql (HTTP + graphql-ws), /v1/* Segment ingest, /healthz, /readyz, /metrics. */
export async function createApp({ config, databaseUrl, db, orm, logger }: AppDeps): Promise<App> {
  const schema = await buildAppSchema();
  const feed = new ChangeFeed(databaseUrl, logger);
  await feed.start();
  const services = createServices(config, db, orm, feed);
  await services.erasure.ensureSalt();
  const scheduler = new Scheduler(databaseUrl, scheduledJobs(services), logger);
  if (config.scheduler.enabled) scheduler.start();

  const requests = new RequestTracker();
  const metrics = new AppMetrics({
    subscribers: () => services.realtime.subscribers,
    schedulerRuns: () => scheduler.runs,
    schedulerLeader: () => scheduler.isLeader,
    requestsInFlight: () => requests.size,
    profileFactsCache: () => services.personalization.factsCacheStats,
  });
  instrumentServices(services, metrics);
  const readiness = new Readiness({ db, expectedMigrations: migrationsList.map((m) => m.name), feedListening: () => feed.listening });
  const limiter = new RateLimiter(config.ops.rateLimits);
  const { queryLimits } = config.ops;
  const armor = armorFor(queryLimits);
  const validatedOperations = new ValidatedOperations(schema);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // The same in every environment (and on the direct path of ValidatedOperations).
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: queryLimits.maxTokens },
    validationRules: armor.validationRules,
    // No HTTP cache hints are served, and the cache-control plugin wraps every field resolver.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), ...armor.plugins, introspectionGuard<RequestContext>(), graphqlObserver(logger), validatedOperations.plugin<RequestContext>()],
    logger: logger.child({ component: 'apollo' }),
    formatError: formatGraphQLError,
  });
  await apollo.start();

  const contextFor = (principal: Principal | undefined, requestId: string): RequestContext => new LazyRequestContext(requestId, principal, services, orm);

  /** Every authenticated request spends a token of its key's bucket. */
  function admit(principal: Principal, info?: RequestInfo): void {
    if (info) info.keyName = principal.name;
    try {
      limiter.take(principal);
    } catch (error) {
      metrics.countRateLimited();
      throw error;
    }
  }

  /** The API key, and for `personalize` keys an optional signed end-user token (`X-User-Token`). */
  async function authenticateBearer(header: string | undefined, userToken?: string): Promise<Principal | undefined> {
    if (!header) return undefined;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthenticatedError('Authorization header must be "Bearer <key>"');
    const principal = await services.apiKeys.authenticateWithUserToken(match[1], userToken);
    if (!principal) throw new UnauthenticatedError('Unknown or revoked API key');
    return principal;
  }

  async function handleGraphQL(req: http.IncomingMessage, res: http.ServerResponse, url: URL, info: RequestInfo) {
    const isOperation = url.searchParams.has('query') || url.searchParams.has('extensions');
    if (req.method === 'GET' && !isOperation) return send(res, 200, landingPage(), 'text/html; charset=utf-8');
    const userToken = req.headers['x-user-token'];
    const principal = await authenticateBearer(req.headers.authorization, typeof userToken === 'string' ? userToken : undefined);
    if (principal) admit(principal, info);
    const body = req.method === 'POST' ? parseJson(await readBody(req, config.ingest.maxBodyBytes)) : undefined;
    const validated = body === undefined ? undefined : validatedOperations.match({ contentType: req.headers['content-type'], accept: req.headers.accept, body });
    if (validated) {
      info.operationName = validated.operation.name;
      info.operationType = validated.operation.type;
      const response = await validatedOperations.execute(validated, attachRequestInfo(contextFor(principal, info.requestId), info));
      if (response) {
        logUnexpectedErrors(logger, response.errors, info);
        return send(res, response.status, response.body, 'application/json; charset=utf-8');
      }
    }
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => attachRequestInfo(contextFor(principal, info.requestId), info),
    });
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === 'complete') {
      res.setHeader('content-length', Buffer.byteLength(result.body.string));
      return res.end(result.body.string);
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  function handleSegment(req: http.IncomingMessage, res: http.ServerResponse, path: string, info: RequestInfo) {
    // The ingest handler authenticates itself (the write key may be in the body): observe it there.
    const apiKeys = authenticationObserved(services.apiKeys, (principal) => admit(principal, info));
    return handleSegmentRequest(req, res, path, { ...services, apiKeys });
  }

  function finished(info: RequestInfo, res: http.ServerResponse) {
    // 499 (nginx's "client closed request") when the client left before any answer was sent.
    const status = res.headersSent ? res.statusCode : 499;
    metrics.observeRequest({ route: routeLabel(info.path, status), operationName: info.operationName, operationType: info.operationType, status }, elapsedSeconds(info));
    logRequest(logger, info, status, res.writableFinished);
  }

  async function route(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = startRequest(req, url.pathname);
    res.setHeader('x-request-id', info.requestId);
    requests.track(res);
    res.once('close', () => finished(info, res));
    try {
      if (url.pathname === '/graphql') return await handleGraphQL(req, res, url, info);
      if (url.pathname.startsWith('/v1/')) return await handleSegment(req, res, url.pathname, info);
      if (url.pathname === '/healthz') return await serveHealth(res, db);
      if (url.pathname === '/readyz') return await serveReadiness(res, readiness);
      if (url.pathname === '/metrics') return await serveMetrics(req, res, metrics, config.ops.metricsToken);
      if (url.pathname === '/') return send(res, 200, landingPage(), 'text/html; charset=utf-8');
      return sendJson(res, 404, { error: { message: `No route ${url.pathname}`, code: 'NOT_FOUND' } });
    } catch (error) {
      if (error instanceof DomainError && !res.headersSent) {
        const { status, body } = url.pathname === '/graphql' ? graphqlErrorBody(error) : errorBody(error);
        for (const [name, value] of Object.entries(errorHeaders(error))) res.setHeader(name, value);
        return sendJson(res, status, body);
      }
      logger.error({ err: error, requestId: info.requestId }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' } });
      else res.end();
    }
  }

  const server = http.createServer({ keepAliveTimeout: config.ops.keepAliveTimeoutMs }, (req, res) => void route(req, res));
  const subscriptionExecution = new SharedSubscriptionExecution();
  const { wss, wsServer } = serveSubscriptions(server, {
    subscribe: subscriptionExecution.subscribe,
    schema,
    contextFor,
    authenticate: authenticateBearer,
    admit,
    validationRules: armor.validationRules,
    maxTokens: queryLimits.maxTokens,
    formatErrors: (errors) => {
      logUnexpectedErrors(logger, errors, undefined);
      return formatExecutionErrors(errors).errors;
    },
  });

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= shutdown());
  const shutdown = async () => {
    readiness.beginShutdown();
    // No new job starts from here; one already running finishes while requests drain, then the lock is released.
    const schedulerStopped = scheduler.stop();
    if (config.ops.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.ops.shutdownDelayMs));
    const drained = await requests.drain(server, config.ops.shutdownTimeoutMs);
    if (!drained) logger.warn({ inFlight: requests.size }, 'shutdown timeout: cutting off requests still in flight');
    await closeSockets(wss, 5_000);
    await wsServer.dispose();
    await schedulerStopped;
    server.closeAllConnections();
    await apollo.stop();
    await feed.stop();
  };

  return {
    server,
    services,
    metrics,
    readiness,
    validatedOperations,
    subscriptionExecution,
    listen: (port, host = '0.0.0.0') =>
      new Promise((resolve) => {
        server.listen(port, host, () => {
          const address = server.address();
          resolve(`http://localhost:${typeof address === 'object' && address ? address.port : port}/graphql`);
        });
      }),
    scheduler,
    close,
  };
}

interface SubscriptionDeps {
  schema: GraphQLSchema;
  subscribe(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult>;
  contextFor(principal: Principal | undefined, requestId: string): RequestContext;
  authenticate(authorizationHeader: string | undefined, userToken?: string): Promise<Principal | undefined>;
  admit(principal: Principal): void;
  validationRules: ValidationRule[];
  maxTokens: number;
  formatErrors(errors: readonly GraphQLError[]): GraphQLFormattedError[];
}

/** graphql-ws on /graphql: the key comes in `connection_init`; each operation passes the same limits, introspection rule and rate limit as HTTP. */
function serveSubscriptions(server: http.Server, deps: SubscriptionDeps) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const wsServer = useServer<{ authorization?: string; apiKey?: string; userToken?: string }, { principal?: Principal }>(
    {
      schema: deps.schema,
      subscribe: deps.subscribe,
      context: async (ctx) => deps.contextFor(ctx.extra.principal, crypto.randomUUID()),
      onConnect: async (ctx) => {
        const raw = ctx.connectionParams?.authorization ?? (ctx.connectionParams?.apiKey ? `Bearer ${ctx.connectionParams.apiKey}` : undefined);
        try {
          ctx.extra.principal = await deps.authenticate(raw, ctx.connectionParams?.userToken);
          return true;
        } catch {
          return false;
        }
      },
      // Errors leave as they do over HTTP: with extensions.code, unexpected ones masked and logged.
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors?.length ? { ...result, errors: deps.formatErrors(result.errors) } : undefined),
      onError: (_ctx, _id, _payload, errors) => deps.formatErrors(errors),
      // graphql-ws parses and validates by itself; this replaces that with our checks.
      onSubscribe: (ctx, _id, payload) => {
        const principal = ctx.extra.principal;
        try {
          if (principal) deps.admit(principal);
        } catch (error) {
          if (!(error instanceof RateLimitedError)) throw error;
          return [new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } })];
        }
        return checkSocketOperation(deps.schema, deps.validationRules, deps.maxTokens, payload, principal);
      },
    },
    wss,
  );
  return { wss, wsServer };
}

function scheduledJobs(services: Services): ScheduledJob[] {
  const { segmentsEveryMs, scoringEveryMs } = services.config.scheduler;
  return [
    { name: 'time-sensitive segments', everyMs: segmentsEveryMs, run: () => services.segments.recomputeTimeSensitive() },
    { name: 'scoring (RFM, lifecycle, BG/NBD)', everyMs: scoringEveryMs, run: () => services.scoring.run() },
    services.triggers.scheduledJob(),
    services.webhooks.scheduledJob(),
    services.recommendations.scheduledJob(),
  ];
}
