import fs from 'node:fs';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { Database } from './database';
import { primaryReads, ReadReplicas, type Reads } from './read-replicas';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { initOrm, migrate } from './orm';

/** The few logger calls opening a database makes; a pino logger fits, and so does a plain stderr writer. */
export interface OpenDatabaseLog {
  info(details: Record<string, unknown>, message: string): void;
  warn(message: string): void;
}

export interface OpenedDatabase {
  url: string;
  db: Database;
  /** Where read-only work goes: the replicas of DATABASE_READ_URL, or `db`. */
  reads: Reads;
  /** Set when DATABASE_READ_URL names replicas. */
  replicas?: ReadReplicas;
  orm: MikroORM;
  /** Set when DATABASE_URL was absent and the embedded PostgreSQL under the data dir was started. */
  embedded?: EmbeddedDatabase;
  /** Migrations applied by this call (empty when the schema was already current). */
  applied: string[];
  /** Closes the pool and the ORM, then stops the embedded server if this call started it. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL, else the embedded PostgreSQL under `<dataDir>/pg`; then pending
 * migrations. Shared by the server and the command-line tools so that they always
 * agree on which database "the default" is.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPostgresPort' | 'databasePoolSize' | 'readReplicas'>,
  log: OpenDatabaseLog,
  options: {
    reuseRunningEmbedded?: boolean;
    /** The caller stops the embedded server itself on SIGINT / SIGTERM, after draining (npm start). */
    handlesSignals?: boolean;
    /** A pool to use instead of opening one (a diagnostic's instrumented Database). */
    pool?: Database;
  } = {},
): Promise<OpenedDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let url = config.databaseUrl;
  const dir = path.join(config.dataDir, 'pg');
  const running = !url && options.reuseRunningEmbedded ? runningEmbeddedUrl(dir) : undefined;
  if (running) {
    log.info({ dir }, 'DATABASE_URL is not set: using the embedded PostgreSQL that is already running');
    url = running;
  } else if (!url) {
    log.info({ dir }, 'DATABASE_URL is not set: starting the embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(dir, config.embeddedPostgresPort, (m) => log.warn(m), { handlesSignals: options.handlesSignals });
    url = embedded.url;
  }
  let orm: MikroORM | undefined;
  let applied: string[];
  try {
    orm = await initOrm(url);
    applied = await migrate(orm, url);
  } catch (error) {
    // Leave no orphaned server behind when the schema cannot be brought up to date.
    await orm?.close().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw error;
  }
  if (applied.length) log.info({ applied }, 'migrations applied');
  const db = options.pool ?? Database.connect(url, config.databasePoolSize);
  const { urls, ...settings } = config.readReplicas;
  const replicas = urls.length ? new ReadReplicas(db, urls, settings) : undefined;
  if (replicas) {
    await replicas.start();
    log.info({ replicas: replicas.status() }, 'read replicas');
  }
  const opened = orm;
  return {
    url,
    db,
    reads: replicas ?? primaryReads(db),
    replicas,
    orm: opened,
    embedded,
    applied,
    close: async () => {
      await replicas?.close();
      await db.close();
      await opened.close();
      await embedded?.stop();
    },
  };
}

/**
 * A tool run next to `npm start` must join the server's embedded PostgreSQL rather
 * than start a second one on the same data directory (PostgreSQL would refuse).
 * postmaster.pid holds the pid on line 1 and the port on line 4.
 */
function runningEmbeddedUrl(dir: string): string | undefined {
  const pidFile = path.join(path.resolve(dir), 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // Same credentials and database name as startEmbeddedPostgres uses.
  return `postgres://postgres:segmentary@127.0.0.1:${port}/segmentary`;
}
