import pg from 'pg';

export interface Queryable {
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<R>>;
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

  constructor(readonly pool: pg.Pool) {}

  static connect(url: string, max = 10): Database {
    const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
    // An idle client whose server went away must not crash the process.
    pool.on('error', () => {});
    return new Database(pool);
  }

  onQuery(listener: (sql: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<pg.QueryResult<R>> {
    for (const l of this.listeners) l(sql);
    return this.pool.query<R>(sql, params);
  }

  /** Runs `work` in one transaction, retrying it on deadlock or serialization failure. */
  async transaction<T>(work: (tx: Queryable) => Promise<T>, attempts = 5): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      const tx: Queryable = {
        query: (sql, params) => {
          for (const l of this.listeners) l(sql);
          return client.query(sql, params);
        },
      };
      try {
        await client.query('begin');
        const result = await work(tx);
        await client.query('commit');
        client.release();
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        client.release();
        if (attempt >= attempts || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
      }
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
