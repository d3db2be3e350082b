import type { Queryable } from '../../src/db';

const tablesOf = new WeakMap<Queryable, Promise<string[]>>();

/** Row counts and a hash of every row of every table of the database: equal fingerprints, nothing written. */
export async function databaseFingerprint(db: Queryable): Promise<string> {
  let tables = tablesOf.get(db);
  if (!tables) {
    tables = db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations' order by 1`).then((r) => r.rows.map((row) => row.name));
    tablesOf.set(db, tables);
  }
  const parts = (await tables).map((name) => `(select count(*) || ':' || coalesce(sum(hashtext(x::text)), 0) from "${name}" x)`);
  return (await db.query<{ f: string }>(`select ${parts.join(` || ',' || `)} as f`)).rows[0].f;
}

/**
 * For a run of requests, each followed by a call: whether a refused one changed the
 * database. One fingerprint per request, taken after it; an accepted request's becomes the
 * baseline of the next.
 */
export function refusalWatch(db: Queryable): (refused: boolean) => Promise<boolean> {
  let last: Promise<string> | undefined;
  return async (refused) => {
    const before = await (last ??= databaseFingerprint(db));
    const now = await databaseFingerprint(db);
    last = Promise.resolve(now);
    return refused && now !== before;
  };
}
