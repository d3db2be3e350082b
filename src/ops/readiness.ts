import type { Queryable, ReplicaStatus } from '../db';

export interface ReadinessReport {
  ready: boolean;
  /** Why not, in words an operator can act on. */
  reasons: string[];
  /** Read replicas and their lag: reported, never a reason (reads fall back to the primary). */
  replicas?: ReplicaStatus[];
}

export interface ReadinessDeps {
  db: Queryable;
  /** Migration names this build expects to find applied. */
  expectedMigrations: readonly string[];
  /** Whether the LISTEN connection is up (without it subscribers and caches go stale). */
  feedListening(): boolean;
  /** How long a "migrations pending" answer is reused before asking again. */
  recheckMs?: number;
  /** The read replicas' state (DATABASE_READ_URL), when there are any. */
  replicas?(): ReplicaStatus[];
}

/** Names in `expected` missing from `applied` (MikroORM may record them with a file extension). */
export function pendingMigrations(expected: readonly string[], applied: readonly string[]): string[] {
  const done = new Set(applied.map((name) => name.replace(/\.(js|ts)$/, '')));
  return expected.filter((name) => !done.has(name));
}

/**
 * /readyz: may this instance take traffic? The database answers, every migration this
 * build knows is applied, the change feed listens, and shutdown has not begun. Once all
 * migrations are seen applied that answer is kept (they are never rolled back under a
 * running build); a pending answer is re-checked every few seconds.
 */
export class Readiness {
  private migrationsApplied = false;
  private pendingCache?: { names: string[]; at: number };
  private shuttingDown = false;

  constructor(private readonly deps: ReadinessDeps) {}

  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async check(): Promise<ReadinessReport> {
    const reasons: string[] = [];
    if (this.shuttingDown) reasons.push('shutting down');
    try {
      const pending = await this.pending();
      if (pending.length) reasons.push(`migrations pending: ${pending.join(', ')}`);
    } catch {
      reasons.push('database did not answer');
    }
    if (!this.deps.feedListening()) reasons.push('change feed (LISTEN connection) is down');
    const replicas = this.deps.replicas?.();
    return { ready: reasons.length === 0, reasons, ...(replicas ? { replicas } : {}) };
  }

  /** Also proves the database answers: it is a query. */
  private async pending(): Promise<string[]> {
    if (this.migrationsApplied) {
      await this.deps.db.query('select 1');
      return [];
    }
    const cached = this.pendingCache;
    if (cached && Date.now() - cached.at < (this.deps.recheckMs ?? 5_000)) {
      await this.deps.db.query('select 1');
      return cached.names;
    }
    const applied = await this.appliedMigrations();
    const names = pendingMigrations(this.deps.expectedMigrations, applied);
    if (names.length) this.pendingCache = { names, at: Date.now() };
    else this.migrationsApplied = true;
    return names;
  }

  private async appliedMigrations(): Promise<string[]> {
    const exists = await this.deps.db.query<{ table: string | null }>(`select to_regclass('mikro_orm_migrations')::text as table`);
    if (!exists.rows[0]?.table) return [];
    const { rows } = await this.deps.db.query<{ name: string }>('select name from mikro_orm_migrations');
    return rows.map((r) => r.name);
  }
}
