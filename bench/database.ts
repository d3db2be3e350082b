import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { serverAccepts } from '../src/db/server-accepts';

export const BENCH_DATABASE = 'segmentary_bench';
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  url: string;
  /** Where it came from, for the report. */
  origin: 'BENCH_DATABASE_URL' | 'local PostgreSQL' | 'embedded PostgreSQL';
  stop(): Promise<void>;
}

/**
 * BENCH_DATABASE_URL as given; else database `segmentary_bench` on the local
 * PostgreSQL when it answers; else the embedded PostgreSQL under .data/bench-pg.
 * The database is kept between runs so the seed is reused.
 */
export async function openBenchDatabase(log: (m: string) => void, name = BENCH_DATABASE): Promise<BenchDatabase> {
  const given = process.env.BENCH_DATABASE_URL;
  if (given) return { url: given, origin: 'BENCH_DATABASE_URL', stop: async () => {} };

  if (await serverAccepts(LOCAL_SERVER)) {
    return { url: await ensureDatabase(LOCAL_SERVER, name), origin: 'local PostgreSQL', stop: async () => {} };
  }

  const dir = path.resolve(process.env.DATA_DIR ?? '.data', 'bench-pg');
  const port = Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 54339);
  log(`local PostgreSQL not reachable: starting the embedded one in ${dir} on port ${port}`);
  const embedded = await startEmbeddedPostgres(dir, port, log);
  const url = await ensureDatabase(embedded.url, name);
  return { url, origin: 'embedded PostgreSQL', stop: () => embedded.stop() };
}

/** Creates database `name` on the server `serverUrl` points at, and returns its URL. */
async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const BENCH_LOCK = 7357100;

/**
 * One benchmark run per database at a time: runs restore the seed and count rows, so two
 * at once corrupt each other's checks and figures. Held on a dedicated connection until released.
 */
export async function lockBenchDatabase(url: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [BENCH_LOCK]);
  if (!rows[0].ok) {
    await client.end();
    const who = new URL(url);
    throw new Error(
      `another benchmark run holds database ${who.pathname.slice(1)} on ${who.host}; wait for it, or point BENCH_DATABASE_URL at another database`,
    );
  }
  return async () => {
    await client.query('select pg_advisory_unlock($1)', [BENCH_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  };
}
