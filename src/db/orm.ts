import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import { ApiKey } from '../auth';
import { migrationsList } from '../../migrations';

export const entities = [ApiKey];

export function ormOptions(url: string): Options {
  return {
    clientUrl: url,
    entities,
    extensions: [Migrator],
    // Same reason as in Database.connect: a dropped connection must not crash the process.
    pool: {
      min: 0,
      max: 4,
      afterCreate: (conn: { on(event: string, listener: () => void): void }, done: (error: Error | null, conn: unknown) => void) => {
        conn.on('error', () => {});
        done(null, conn);
      },
    },
    debug: false,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: false },
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false, silent: true },
  };
}

export async function initOrm(url: string): Promise<MikroORM> {
  return MikroORM.init(ormOptions(url));
}

/** Applies pending migrations; instances starting at once serialize on an advisory lock. */
export async function migrate(orm: MikroORM, url: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock(7357001)');
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await lock.query('select pg_advisory_unlock(7357001)').catch(() => {});
    await lock.end();
  }
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}
