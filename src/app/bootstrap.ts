import pino, { type Logger } from 'pino';
import type { Config } from '../config';
import type { Clock } from '../common';
import { type Database, DatabaseOutage, openDatabase, type OpenDatabaseLog, type OpenedDatabase } from '../db';
import { createHttpServer, type HttpServer } from '../http';
import { AppMetrics, instrumentServices, Readiness } from '../ops';
import { ChangeFeed } from '../realtime';
import { Scheduler } from '../scheduler';
import { migrationsList } from '../../migrations';
import { scheduledJobs } from './jobs';
import { loadersOf } from './loaders';
import { buildAppSchema } from './schema';
import { createServices, type Services } from './services';

export interface BootstrapOptions {
  logger?: Logger;
  /** Serve HTTP (the server, tests, the bench); false for command-line tools, which only use the services. */
  serve?: boolean;
  /** Where opening the database reports (the server's logger by default; a CLI passes its own). */
  databaseLog?: OpenDatabaseLog;
  /** Join an embedded PostgreSQL that `npm start` already runs on the data directory (CLIs). */
  reuseRunningEmbedded?: boolean;
  /** The caller closes the runtime itself on SIGINT / SIGTERM (npm start), so the embedded PostgreSQL outlives the drain. */
  handlesSignals?: boolean;
  /** A pool to use instead of opening one (the bench's instrumented Database). */
  pool?: Database;
  /** The instant source of every "now"-relative computation (tests replaying history pin it); the wall clock by default. */
  clock?: Clock;
}

/** A running Segmentary: what `npm start`, the CLIs, the test app and the bench all get. */
export interface Runtime {
  config: Config;
  logger: Logger;
  database: OpenedDatabase;
  services: Services;
  feed: ChangeFeed;
  /** Present when serving. */
  http?: HttpServer;
  scheduler?: Scheduler;
  metrics?: AppMetrics;
  readiness?: Readiness;
  /** Starts listening, then (when SCHEDULER_ENABLED) the scheduler; resolves with the GraphQL URL. */
  listen(port: number, host: string): Promise<string>;
  /** Graceful: /readyz turns 503, the scheduler finishes its job, requests drain, sockets close, the database last. */
  close(): Promise<void>;
}

/** config → database → services → HTTP, the one way every entry point starts. */
export async function bootstrap(config: Config, options: BootstrapOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? pino({ level: config.logLevel });
  const serve = options.serve ?? true;
  const database = await openDatabase(config, options.databaseLog ?? logger, { reuseRunningEmbedded: options.reuseRunningEmbedded, handlesSignals: options.handlesSignals, pool: options.pool });
  // Requests and the change feed report the database unreachable here: logged once per outage.
  const outage = new DatabaseOutage(database.db, logger);
  const feed = new ChangeFeed(database.url, logger, outage);
  try {
    // A tool that only writes needs no LISTEN connection: its feed stays unstarted.
    if (serve) await feed.start();
    const services = createServices(config, database.db, database.orm, feed, options.clock, database.reads);
    await services.erasureSalt.ensure();
    const parts = { config, logger, database, services, feed };
    if (!serve) return toolRuntime(parts, outage);
    return await serving(parts, outage);
  } catch (error) {
    outage.stop();
    await feed.stop();
    await database.close();
    throw error;
  }
}

/** What every runtime holds, serving or not. */
type RuntimeParts = Pick<Runtime, 'config' | 'logger' | 'database' | 'services' | 'feed'>;

function toolRuntime(parts: RuntimeParts, outage: DatabaseOutage): Runtime {
  return {
    ...parts,
    listen: () => Promise.reject(new Error('this runtime was bootstrapped without HTTP')),
    close: async () => {
      outage.stop();
      await parts.database.close();
    },
  };
}

async function serving(parts: RuntimeParts, outage: DatabaseOutage): Promise<Runtime> {
  const { config, logger, database, services, feed } = parts;
  const { replicas } = database;
  const scheduler = new Scheduler(database.url, scheduledJobs(services), logger);
  // The metrics read requests in flight from the HTTP server built after them.
  const inFlight = { count: () => 0 };
  const metrics = new AppMetrics({
    subscribers: () => services.realtime.subscribers + services.computedTraits.subscribers,
    schedulerRuns: () => scheduler.runs,
    schedulerLeader: () => scheduler.isLeader,
    requestsInFlight: () => inFlight.count(),
    profileFactsCache: () => services.personalization.factsCacheStats,
    readReplicas: () => replicas && { status: replicas.status(), routes: replicas.routes() },
  });
  instrumentServices(services, metrics);
  const readiness = new Readiness({
    db: database.db,
    expectedMigrations: migrationsList.map((m) => m.name),
    feedListening: () => feed.listening,
    replicas: replicas && (() => replicas.status()),
  });
  const server = await createHttpServer({
    config,
    logger,
    schema: buildAppSchema(services),
    loaders: loadersOf(services),
    apiKeys: services.apiKeys,
    ingest: services.ingest,
    database: database.db,
    outage,
    metrics,
    readiness,
    wrote: replicas && ((keyId) => replicas.wrote(keyId)),
  });
  inFlight.count = () => server.requestsInFlight;

  let closing: Promise<void> | undefined;
  const shutdown = async () => {
    readiness.beginShutdown();
    // No new job starts from here; one already running finishes while requests drain, then the lock is released.
    const schedulerStopped = scheduler.stop();
    const expiryStopped = services.expiry.stop();
    await server.close();
    await schedulerStopped;
    await expiryStopped;
    await services.recommendations.stop();
    await services.discovery.stop();
    await feed.stop();
    outage.stop();
    await database.close();
  };
  return {
    ...parts,
    http: server,
    scheduler,
    metrics,
    readiness,
    listen: async (port, host) => {
      // Before the first request: popularity is there whenever purchases are (start-up fills what is missing).
      await services.recommendations.start(logger);
      const url = await server.listen(port, host);
      if (config.scheduler.enabled) {
        scheduler.start();
        services.expiry.start(config.scheduler.expiryEveryMs, (err) => logger.error({ err }, 'segment expiry failed'));
      }
      return url;
    },
    close: () => (closing ??= shutdown()),
  };
}
