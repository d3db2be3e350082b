import http from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { DatabaseOutage, Queryable } from '../db';
import type { Principal } from '../auth';
import type { AppMetrics, Readiness } from '../ops';
import { SharedSubscriptionExecution } from '../realtime';
import type { IngestService } from '../ingest';
import { Admission, type KeyAuthenticator } from './admission';
import { LazyRequestContext } from './context';
import { CorsPolicy } from './cors';
import { formatExecutionErrors } from './errors';
import { FailureLog } from './failure-log';
import { RequestTracker, closeSockets } from './graceful-shutdown';
import { startGraphQLEngine } from './graphql-engine';
import { graphqlOverHttp } from './graphql-http';
import { KeySockets, serveGraphQLOverWebSocket } from './graphql-ws';
import { followKeyChanges } from './key-changes';
import { listen, urlOf } from './listen';
import { RateLimiter } from './rate-limiter';
import { requestCycle } from './request-cycle';
import { routes } from './routes';
import type { ValidatedOperations } from './validated-operations';

export interface HttpDeps {
  config: Pick<Config, 'ops' | 'ingest' | 'cors'>;
  logger: Logger;
  schema: GraphQLSchema;
  /** A fresh set of DataLoaders (made lazily, once per request that uses one). */
  loaders(): object;
  apiKeys: KeyAuthenticator;
  ingest: Pick<IngestService, 'normalizeOne' | 'ingest' | 'ingestEach'>;
  /** What /healthz asks. */
  database: Queryable;
  /** Where requests report the database unreachable (logged once per outage). */
  outage: Pick<DatabaseOutage, 'report'>;
  metrics: AppMetrics;
  readiness: Readiness;
  /** With read replicas: told when a key's request wrote, before it is answered (read-your-writes). */
  wrote?: (keyId: string) => Promise<void>;
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
  const { config, logger, schema, metrics } = deps;
  const requests = new RequestTracker();
  const admission = new Admission(deps.apiKeys, new RateLimiter(config.ops.rateLimits), metrics);
  const failures = new FailureLog(logger, deps.outage);
  const engine = await startGraphQLEngine(schema, config.ops.queryLimits, failures, logger);
  const contextFor = (principal: Principal | undefined, requestId: string) => new LazyRequestContext(requestId, principal, deps.loaders);
  const cors = new CorsPolicy(config.cors, () => deps.apiKeys.activeAllowedOrigins());
  await cors.refresh();
  const sockets = new KeySockets();
  const stopFollowingKeys = followKeyChanges(deps.apiKeys, cors, sockets, logger);

  const graphql = graphqlOverHttp({ ...engine, admission, contextFor, maxBodyBytes: config.ingest.maxBodyBytes, failures, wrote: deps.wrote });
  const route = routes({ graphql, cors, admission, ingest: deps.ingest, wrote: deps.wrote, maxBodyBytes: config.ingest.maxBodyBytes, database: deps.database, readiness: deps.readiness, metrics, metricsToken: config.ops.metricsToken });
  const serve = requestCycle({ route, requests, failures, metrics, logger });
  const server = http.createServer({ keepAliveTimeout: config.ops.keepAliveTimeoutMs }, (req, res) => void serve(req, res));
  const subscriptionExecution = new SharedSubscriptionExecution();
  const { wss, wsServer } = serveGraphQLOverWebSocket(server, {
    subscribe: subscriptionExecution.subscribe,
    schema,
    guard: engine.guard,
    contextFor,
    authenticate: (header, userToken, origin) => admission.bearer(header, userToken, origin),
    sockets,
    admit: (principal) => admission.admit(principal),
    validationRules: engine.validationRules,
    maxTokens: config.ops.queryLimits.maxTokens,
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
    await engine.apollo.stop();
  };

  return {
    server,
    validatedOperations: engine.validatedOperations,
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
