import type pg from 'pg';
import { Database, inTransaction, type Queryable } from './database';
import { classifyDatabaseError } from './failures';
import { currentReadSession, enableReadSessions } from './read-session';

export interface ReadReplicaSettings {
  /** How long a read waits for a replica to replay its key's last write before reading the primary. */
  waitMs: number;
  /** How long after a key's write its reads wait for that write to be replayed. */
  readYourWritesMs: number;
  /** A replica further behind than this gets no reads until it catches up. */
  maxLagMs: number;
  /** How often each replica's replay position (and so its lag) is read. */
  pollMs: number;
  /** Connections per replica pool. */
  poolSize: number;
}

/** One replica as /readyz and the metrics report it. */
export interface ReplicaStatus {
  /** host:port/database of its URL (no credentials). */
  name: string;
  up: boolean;
  /** WAL bytes the primary has written that the replica has not replayed (at the last poll). */
  lagBytes: number;
  /** How long ago the primary reached a position the replica has not replayed yet (0: caught up). */
  lagSeconds: number;
  error?: string;
}

/** Why a read went where it went (the label of segmentary_db_reads_total). */
export type ReadRoute = 'replica' | 'replica_after_wait' | 'primary_writing_request' | 'primary_replica_behind' | 'primary_no_replica' | 'primary_replica_failed';

interface Replica {
  name: string;
  db: Database;
  up: boolean;
  replayed: bigint;
  lagBytes: number;
  lagSeconds: number;
  error?: string;
}

/**
 * Where services send the reads that may come from a replica: the router when
 * DATABASE_READ_URL is set, the primary itself otherwise.
 */
export interface Reads extends Queryable {
  /** `work` in one read-only snapshot. */
  readOnly<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
}

/** Reads on the primary (no replicas configured). */
export function primaryReads(primary: Database): Reads {
  return {
    query: (sql, params, name) => primary.query(sql, params, name),
    readOnly: (work) => snapshot(primary.pool, work),
  };
}

/** A position in the WAL ("16/B374D848") as a number, to compare and subtract. */
export function parseLsn(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A replica's replayed position; a server that is not in recovery (a primary named as a replica) is at its own position. */
const REPLICA_POSITION = `select coalesce(pg_last_wal_replay_lsn(), pg_current_wal_lsn())::text as replayed`;
const PRIMARY_POSITION = `select pg_current_wal_lsn()::text as lsn`;
/** Primary positions remembered for lag in seconds: enough to cover maxLagMs at any poll rate. */
const MAX_SAMPLES = 600;

/**
 * Read-only work on streaming replicas (DATABASE_READ_URL), with read-your-writes.
 *
 * Writes, real-time membership and everything inside a transaction stay on the primary:
 * services hand this router only the reads that may be a little behind. A read goes to a
 * replica unless the request writes (a mutation reads what it wrote, so it reads the
 * primary), or the request's key wrote within `readYourWritesMs` and the replica has not
 * replayed that write's LSN after `waitMs` of waiting, or every replica is down or more than
 * `maxLagMs` behind. A replica that fails a read is marked down (the read runs again on the
 * primary) until a poll reaches it.
 */
export class ReadReplicas implements Reads {
  private readonly replicas: Replica[];
  private readonly writes = new Map<string, { lsn: bigint; until: number }>();
  /** The primary's position at each poll, oldest first (lag in seconds is read off them). */
  private readonly primarySamples: { lsn: bigint; at: number }[] = [];
  private readonly routed = new Map<ReadRoute, number>();
  private next = 0;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(
    private readonly primary: Database,
    urls: readonly string[],
    private readonly settings: ReadReplicaSettings,
  ) {
    this.replicas = urls.map((url) => ({ name: replicaName(url), db: Database.connect(url, settings.poolSize, 2_000), up: false, replayed: 0n, lagBytes: 0, lagSeconds: 0 }));
    if (this.replicas.length) enableReadSessions();
  }

  /** Reads every replica's position once (so the first requests may use them), then every pollMs. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.settings.pollMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await Promise.all(this.replicas.map((r) => r.db.close()));
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, up, lagBytes, lagSeconds, error }) => ({ name, up, lagBytes, lagSeconds, ...(error ? { error } : {}) }));
  }

  /** Reads routed so far, by route. */
  routes(): ReadonlyMap<ReadRoute, number> {
    return this.routed;
  }

  /**
   * After a request from `keyId` wrote: its reads for the next readYourWritesMs wait for
   * the primary's current position. Called before that request is answered, so the
   * client's next request finds it. With synchronous_commit on (PostgreSQL's default) a
   * committed transaction's WAL is written, so that position is at or past its commit; with
   * it off, a commit may still sit in the WAL buffers and a read may miss it.
   */
  async wrote(keyId: string): Promise<void> {
    const { rows } = await this.primary.query<{ lsn: string }>(PRIMARY_POSITION);
    const now = Date.now();
    if (this.writes.size > 10_000) for (const [key, w] of this.writes) if (w.until < now) this.writes.delete(key);
    this.writes.set(keyId, { lsn: parseLsn(rows[0].lsn), until: now + this.settings.readYourWritesMs });
  }

  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params: unknown[] = [], name?: string): Promise<pg.QueryResult<R>> {
    return this.onChosen((replica) => replica.db.query<R>(sql, params, name), () => this.primary.query<R>(sql, params, name));
  }

  /** `work` in one read-only snapshot (an export reads many tables that must agree), on a replica when the rules allow. */
  async readOnly<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.onChosen((replica) => snapshot(replica.db.pool, work), () => snapshot(this.primary.pool, work));
  }

  /**
   * Runs a read where the rules say, counting the route it took once: a read that was sent
   * to a replica, found it gone and ran on the primary counts as `primary_replica_failed` only.
   */
  private async onChosen<T>(onReplica: (replica: Replica) => Promise<T>, onPrimary: () => Promise<T>): Promise<T> {
    const { replica, route } = await this.choose();
    if (!replica) {
      this.route(route);
      return onPrimary();
    }
    try {
      const result = await onReplica(replica);
      this.route(route);
      return result;
    } catch (error) {
      if (!replicaFault(error)) {
        this.route(route);
        throw error;
      }
      this.failed(replica, error);
      this.route('primary_replica_failed');
      return onPrimary();
    }
  }

  /** The replica this read should go to (none: the primary), and the route that is. */
  private async choose(): Promise<{ replica?: Replica; route: ReadRoute }> {
    const session = currentReadSession();
    if (session?.writes) return { route: 'primary_writing_request' };
    const usable = this.replicas.filter((r) => r.up && r.lagSeconds * 1000 <= this.settings.maxLagMs);
    if (!usable.length) return { route: 'primary_no_replica' };
    const replica = usable[this.next++ % usable.length];
    const write = session?.keyId ? this.writes.get(session.keyId) : undefined;
    if (!write || write.until < Date.now() || replica.replayed >= write.lsn) return { replica, route: 'replica' };
    if (await this.replayed(replica, write.lsn)) return { replica, route: 'replica_after_wait' };
    return { route: replica.up ? 'primary_replica_behind' : 'primary_replica_failed' };
  }

  /** Waits (up to waitMs) until `replica` has replayed `lsn`; false when it has not, or failed to say. */
  private async replayed(replica: Replica, lsn: bigint): Promise<boolean> {
    const deadline = Date.now() + this.settings.waitMs;
    for (;;) {
      try {
        const { rows } = await replica.db.query<{ replayed: string }>(REPLICA_POSITION);
        replica.replayed = parseLsn(rows[0].replayed);
      } catch (error) {
        this.failed(replica, error);
        return false;
      }
      if (replica.replayed >= lsn) return true;
      if (Date.now() >= deadline) return false;
      await sleep(Math.min(10, Math.max(1, deadline - Date.now())));
    }
  }

  private route(route: ReadRoute): void {
    this.routed.set(route, (this.routed.get(route) ?? 0) + 1);
  }

  /** Marks `replica` down until a poll reaches it again. */
  private failed(replica: Replica, error: unknown): void {
    replica.up = false;
    replica.error = error instanceof Error ? error.message : String(error);
  }

  private poll(): Promise<void> {
    return (this.polling ??= this.pollOnce().finally(() => (this.polling = undefined)));
  }

  private async pollOnce(): Promise<void> {
    let primary: bigint | undefined;
    try {
      primary = parseLsn((await this.primary.query<{ lsn: string }>(PRIMARY_POSITION)).rows[0].lsn);
      this.primarySamples.push({ lsn: primary, at: Date.now() });
      if (this.primarySamples.length > MAX_SAMPLES) this.primarySamples.shift();
    } catch {
      // The primary's outage is reported elsewhere (DatabaseOutage); replicas keep their last figures.
    }
    await Promise.all(this.replicas.map((r) => this.pollReplica(r, primary)));
  }

  private async pollReplica(replica: Replica, primary: bigint | undefined): Promise<void> {
    try {
      const { rows } = await replica.db.query<{ replayed: string }>(REPLICA_POSITION);
      replica.replayed = parseLsn(rows[0].replayed);
      replica.up = true;
      replica.error = undefined;
    } catch (error) {
      this.failed(replica, error);
      return;
    }
    if (primary === undefined) return;
    replica.lagBytes = Math.max(0, Number(primary - replica.replayed));
    // The oldest primary position not yet replayed: the replica is at least that far behind in time.
    const oldestAhead = this.primarySamples.find((s) => s.lsn > replica.replayed);
    replica.lagSeconds = oldestAhead ? (Date.now() - oldestAhead.at) / 1000 : 0;
  }
}

/** A failure that says nothing about the statement: the replica is unreachable, or cancelled the read to replay (conflict with recovery). */
function replicaFault(error: unknown): boolean {
  return (error instanceof Error && classifyDatabaseError(error) === 'unavailable') || (error as { code?: string }).code === '40001';
}

/** One read-only snapshot: the statements of `work` all see the same committed state. */
function snapshot<T>(pool: pg.Pool, work: (tx: Queryable) => Promise<T>): Promise<T> {
  return inTransaction(pool, 'begin transaction isolation level repeatable read read only', work);
}

function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}
