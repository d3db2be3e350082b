import crypto from 'node:crypto';
import pg from 'pg';
import { initOrm, migrate } from '../../src/db/orm';
import { migrationsList } from '../../migrations';

/** URL of the server the run uses (set by test/global-setup.mjs), pointing at `database`. */
export function serverUrl(database: string): string {
  const base = process.env.SEGMENTARY_TEST_PG_URL;
  if (!base) throw new Error('SEGMENTARY_TEST_PG_URL is not set: run tests through jest (test/global-setup.mjs)');
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

const TEMPLATE = `segmentary_tpl_${crypto.createHash('sha1').update(migrationsList.map((m) => m.name).join()).digest('hex').slice(0, 10)}`;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl('postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Migrates the template once per run (per migration set); later callers find it ready. */
async function ensureTemplate(client: pg.Client): Promise<void> {
  const exists = await client.query('select 1 from pg_database where datname = $1', [TEMPLATE]);
  if (exists.rowCount) return;
  const building = `${TEMPLATE}_build`;
  await client.query(`drop database if exists ${building}`);
  await client.query(`create database ${building}`);
  const url = serverUrl(building);
  const orm = await initOrm(url);
  try {
    await migrate(orm, url);
  } finally {
    await orm.close();
  }
  await client.query(`alter database ${building} rename to ${TEMPLATE}`);
}

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file, cloned from the template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `segmentary_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    await client.query('select pg_advisory_lock(7357002)');
    try {
      await ensureTemplate(client);
      await client.query(`create database ${name} template ${TEMPLATE}`);
    } finally {
      await client.query('select pg_advisory_unlock(7357002)');
    }
  });
  return {
    url: serverUrl(name),
    name,
    drop: () => withAdmin((client) => client.query(`drop database if exists ${name} with (force)`).then(() => undefined)),
  };
}
