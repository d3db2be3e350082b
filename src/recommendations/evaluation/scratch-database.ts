import pg from 'pg';
import { readEnv } from '../../config';
import { Database, initOrm, migrate } from '../../db';

export const DEFAULT_EVAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
export const EVAL_DATABASE = 'segmentary_eval';

export interface ScratchDatabase {
  url: string;
  db: Database;
  close(): Promise<void>;
}

/**
 * A freshly created and migrated `segmentary_eval` on the server named by
 * EVAL_DATABASE_URL, else DATABASE_URL, else the local default. Only the server is taken
 * from the URL: the evaluation never writes into the database it names, it drops and
 * recreates its own scratch database there.
 */
export async function createScratchDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ScratchDatabase> {
  const named = readEnv(env, (settings) => settings.databaseUrl('EVAL_DATABASE_URL') ?? settings.databaseUrl('DATABASE_URL'));
  const server = new URL(named ?? DEFAULT_EVAL_SERVER);
  const admin = new URL(server);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists ${EVAL_DATABASE} with (force)`);
    await client.query(`create database ${EVAL_DATABASE}`);
  } finally {
    await client.end();
  }
  const url = new URL(server);
  url.pathname = `/${EVAL_DATABASE}`;
  const orm = await initOrm(url.toString());
  try {
    await migrate(orm, url.toString());
  } finally {
    await orm.close();
  }
  const db = Database.connect(url.toString(), 4);
  return { url: url.toString(), db, close: () => db.close() };
}
