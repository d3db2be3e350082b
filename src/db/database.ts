import crypto from 'node:crypto';
import pg from 'pg';
import { classifyDatabaseError } from './failures';

export interface Queryable {
  /**
   * `name` makes it a prepared statement (parsed and planned once per connection): worth
   * it on hot paths, where planning costs as much as running. One name, one SQL text;
   * for text built at run time use `statementName`.
   */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[], name?: string): Promise<pg.QueryResult<R>>;
}

/**
 * A prepared-statement name for SQL built at run time (a compiled segment catalog):
 * the same text always gets the same name. Each distinct text stays prepared on every
 * connection that ran it, so use it only where the texts are few (they change when an
 * admin edits segments, not per request).
 */
export function statementName(prefix: string, sql: string): string {
  return `${prefix}-${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
}

/**
 * Runs a prepared statement in `tx` with its generic plan from the first execution on. For the
 * large statements compiled from a catalog (real-time membership, computed-trait upkeep)
 * planning costs more than running: PostgreSQL would otherwise plan the first five executions
 * on each connection afresh (about 40 ms each, against 15 ms to run the generic plan). Their
 * parameters are arrays and an instant, so a generic plan loses nothing: partitions are still
 * pruned at run time. The setting is restored for the rest of the transaction.
 */
export async function queryWithGenericPlan<R extends pg.QueryResultRow>(tx: Queryable, sql: string, params: unknown[], name: string): Promise<pg.QueryResult<R>> {
  await tx.query(`set local plan_cache_mode = force_generic_plan`);
  // (When it fails, the transaction is over; nothing to restore.)
  const result = await tx.query<R>(sql, params, name);
  await tx.query(`set local plan_cache_mode = default`);
  return result;
}

/** A plain or, with a name, a prepared statement on a pool or a client. */
function run<R extends pg.QueryResultRow>(on: pg.Pool | pg.PoolClient, sql: string, params: unknown[], name?: string): Promise<pg.QueryResult<R>> {
  return name ? on.query<R>({ name, text: sql, values: params }) : on.query<R>(sql, params);
}

/** SQLSTATEs after which a whole transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01']);

// Return numerics and bigints as JS numbers: counts and money here stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * Set-based SQL runs here, on a pg pool with `$n` parameters; MikroORM keeps its own
 * small pool for entity work. Every statement passes through `query`, so tests can
 * count statements with `onQuery`.
 */
export class Database implements Queryable {
  private readonly listeners = new Set<(sql: string) => void>();
  private committed = 0;

  constructor(readonly pool: pg.Pool) {}

  /** A pool of `max` connections; a connection (or a free one, under load) not had within `connectTimeoutMs` fails the statement as unavailable. */
  static connect(url: string, max = 10, connectTimeoutMs = 10_000): Database {
    const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, connectionTimeoutMillis: connectTimeoutMs });
    // A client whose server went away emits 'error' (sometimes twice: the FATAL notice,
    // then the closed socket). pg-pool listens only while a client is idle, and pool.query
    // only once, so give every client a permanent listener: the failure still reaches the
    // statement that was running, and the process does not crash.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    return new Database(pool);
  }

  /** Transactions this instance has committed; caches fed by NOTIFY use it to know when to wait for the feed. */
  get commits(): number {
    return this.committed;
  }

  onQuery(listener: (sql: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = [], name?: string): Promise<pg.QueryResult<R>> {
    for (const l of this.listeners) l(sql);
    return run<R>(this.pool, sql, params, name);
  }

  /** Runs `work` in one transaction, retrying it on deadlock or serialization failure. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await inTransaction(this.pool, 'begin', work, (sql) => {
          for (const l of this.listeners) l(sql);
        });
        this.committed++;
        return result;
      } catch (error) {
        if (attempt >= attempts || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  private closed?: Promise<void>;

  /** Ends the pool; a second call waits for the first. */
  close(): Promise<void> {
    return (this.closed ??= this.pool.end());
  }
}

/**
 * `work` on one client of `pool` between `begin` (a BEGIN statement) and COMMIT, rolled back
 * when it throws; `observe` sees each statement of `work`.
 */
export async function inTransaction<T>(pool: pg.Pool, begin: string, work: (tx: Queryable) => Promise<T>, observe: (sql: string) => void = () => {}): Promise<T> {
  const client = await pool.connect();
  // Between statements a checked-out client has no listener of the pool's; if the
  // server goes away right then, its 'error' event would otherwise crash the process.
  // The next statement fails instead, and the transaction is rolled back.
  const onError = () => {};
  client.on('error', onError);
  const tx: Queryable = {
    query: <R extends pg.QueryResultRow>(sql: string, params: unknown[] = [], name?: string) => {
      observe(sql);
      return run<R>(client, sql, params, name);
    },
  };
  try {
    await client.query(begin);
    const result = await work(tx);
    await client.query('commit');
    client.off('error', onError);
    client.release();
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    client.off('error', onError);
    // After a connection failure the client is no good: destroyed rather than returned to the pool.
    client.release(error instanceof Error && classifyDatabaseError(error) === 'unavailable' ? error : undefined);
    throw error;
  }
}
