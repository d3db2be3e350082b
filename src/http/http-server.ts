import http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DatabaseOutage, Queryable } from '../db';
import type { Principal } from '../auth';
import type { AppMetrics, Readiness } from '../ops';
import { SharedSubscriptionExecution } from '../realtime';
import type { IngestService } from '../ingest';
import { OperationGuard } from './operation-guard';
import { Admission, type KeyAuthenticator } from './admission';
import { startApollo } from './apollo';
import { LazyRequestContext } from './context';
import { CorsPolicy } from './cors';
import { send, sendJson, serveHealth, serveMetrics, serveReadiness } from './endpoints';
import { errorBody, errorHeaders, expectedFailure, formatExecutionErrors, graphqlErrorBody } from './errors';
import { FailureLog } from './failure-log';
import { RequestTracker, closeSockets } from './graceful-shutdown';
import { armorFor } from './graphql-guards';
import { graphqlOverHttp } from './graphql-http';
import { KeySockets, serveGraphQLOverWebSocket } from './graphql-ws';
import { followKeyChanges } from './key-changes';
import { landingPage } from './landing-page';
import { listen, urlOf } from './listen';
import { RateLimiter } from './rate-limiter';
import { elapsedSeconds, logRequest, routeLabel, startRequest, type RequestInfo } from './request-log';
import { handleSegmentRequest } from './segment-v1';
import { ValidatedOperations } from './validated-operations';

export interface HttpDeps {
  config: Pick<Config, 'ops' | 'ingest' | 'cors'>;
  logger: Logger;
  schema: GraphQLSchema;
  /** A fresh set of DataLoaders (made lazily, once per request that uses one). */
  loaders(): object;
  apiKeys: KeyAuthenticator;
  ingest: Pick<IngestService, 'normalize' | 'normalizeOne' | 'ingest'>;
  /** What /healthz asks. */
  database: Queryable;
  /** Where requests report the database unreachable (logged once per outage). */
  outage: Pick<DatabaseOutage, 'report'>;
  metrics: AppMetrics;
  readiness: Readiness;
}

export interface HttpServer {
  server: http.Server;
  validatedOperations: ValidatedOperations;
  subscriptionExecution: SharedSubscriptionExecution;
  readonly requestsInFlight: number;
  /** Resolves with the GraphQL URL once listening; rejects with a ListenError (and listens nowhere) when the port cannot be had. */
  listen(port: number, host: string): Promise<string>;
  /** Graceful: stop accepting, drain requests (config.ops.shutdownTimeoutMs), close sockets with 1001. */
  close(): Promise<void>;
}

/** The HTTP wing: /graphql (HTTP + graphql-ws), /v1/* Segment ingest (both with CORS), /healthz, /readyz, /metrics. */
export async function createHttpServer(deps: HttpDeps): Promise<HttpServer> {
  const { config, logger, schema, metrics, readiness } = deps;
  const { queryLimits } = config.ops;
  const requests = new RequestTracker();
  const admission = new Admission(deps.apiKeys, new RateLimiter(config.ops.rateLimits), metrics);
  const armor = armorFor(queryLimits);
  const failures = new FailureLog(logger, deps.outage);
  const guard = new OperationGuard(schema, queryLimits.maxCost);
  const validatedOperations = new ValidatedOperations(schema, guard);
  const apollo = await startApollo({ schema, limits: queryLimits, armor, validatedOperations, guard, failures, logger });
  const contextFor = (principal: Principal | undefined, requestId: string) => new LazyRequestContext(requestId, principal, deps.loaders);
  const cors = new CorsPolicy(config.cors, () => deps.apiKeys.activeAllowedOrigins());
  await cors.refresh();
  const sockets = new KeySockets();
  const stopFollowingKeys = followKeyChanges(deps.apiKeys, cors, sockets, logger);

  const handleGraphQL = graphqlOverHttp({ apollo, validatedOperations, admission, contextFor, maxBodyBytes: config.ingest.maxBodyBytes, failures });
  const segmentEndpoint = (req: http.IncomingMessage, info: RequestInfo) => ({
    ingest: deps.ingest,
    maxBodyBytes: config.ingest.maxBodyBytes,
    // The ingest handler authenticates itself (the write key may be in the body): admit it there.
    authenticate: async (secret: string, userToken?: string) => {
      const principal = await admission.writeKey(secret, userToken, req.headers.origin);
      if (principal) admission.admit(principal, info);
      return principal;
    },
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse, url: URL, info: RequestInfo): Promise<void> {
    if (url.pathname === '/graphql') return cors.apply(req, res) ? handleGraphQL(req, res, url, info) : undefined;
    if (url.pathname.startsWith('/v1/')) return cors.apply(req, res) ? handleSegmentRequest(req, res, url.pathname, segmentEndpoint(req, info)) : undefined;
    if (url.pathname === '/healthz') return serveHealth(res, deps.database);
    if (url.pathname === '/readyz') return serveReadiness(res, readiness);
    if (url.pathname === '/metrics') return serveMetrics(req, res, metrics, config.ops.metricsToken);
    if (url.pathname === '/') return send(res, 200, landingPage(), 'text/html; charset=utf-8');
    return sendJson(res, 404, { error: { message: `No route ${url.pathname}`, code: 'NOT_FOUND' } });
  }

  function finished(info: RequestInfo, res: http.ServerResponse) {
    // 499 (nginx's "client closed request") when the client left before any answer was sent.
    const status = res.headersSent ? res.statusCode : 499;
    metrics.observeRequest({ route: routeLabel(info.path, status), operationName: info.operationName, operationType: info.operationType, status }, elapsedSeconds(info));
    logRequest(logger, info, status, res.writableFinished);
  }

  function failed(res: http.ServerResponse, url: URL, info: RequestInfo, error: unknown): void {
    failures.log([error], info);
    const failure = expectedFailure(error);
    if (failure && !res.headersSent) {
      const { status, body } = url.pathname === '/graphql' ? graphqlErrorBody(failure) : errorBody(failure);
      for (const [name, value] of Object.entries(errorHeaders(failure))) res.setHeader(name, value);
      return sendJson(res, status, body);
    }
    if (!res.headersSent) sendJson(res, 500, { error: { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' } });
    else res.end();
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = startRequest(req, url.pathname);
    res.setHeader('x-request-id', info.requestId);
    requests.track(res);
    res.once('close', () => finished(info, res));
    try {
      await route(req, res, url, info);
    } catch (error) {
      failed(res, url, info, error);
    }
  }

  const server = http.createServer({ keepAliveTimeout: config.ops.keepAliveTimeoutMs }, (req, res) => void serve(req, res));
  const subscriptionExecution = new SharedSubscriptionExecution();
  const { wss, wsServer } = serveGraphQLOverWebSocket(server, {
    subscribe: subscriptionExecution.subscribe,
    schema,
    guard,
    contextFor,
    authenticate: (header, userToken, origin) => admission.bearer(header, userToken, origin),
    sockets,
    admit: (principal) => admission.admit(principal),
    validationRules: armor.validationRules,
    maxTokens: queryLimits.maxTokens,
    formatErrors: (errors) => {
      failures.log(errors, undefined);
      return formatExecutionErrors(errors).errors;
    },
  });

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    stopFollowingKeys();
    // Only a server that listened has a load balancer to move traffic away first.
    if (server.listening && config.ops.shutdownDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, config.ops.shutdownDelayMs));
    const drained = await requests.drain(server, config.ops.shutdownTimeoutMs);
    if (!drained) logger.warn({ inFlight: requests.size }, 'shutdown timeout: cutting off requests still in flight');
    await closeSockets(wss, 5_000);
    await wsServer.dispose();
    server.closeAllConnections();
    await apollo.stop();
  };

  return {
    server,
    validatedOperations,
    subscriptionExecution,
    get requestsInFlight() {
      return requests.size;
    },
    listen: async (port, host) => {
      await listen(server, port, host);
      server.on('error', (error) => logger.error({ err: error }, 'HTTP server error'));
      return urlOf(server, host, '/graphql');
    },
    close: () => (closing ??= shutdown()),
  };
}
