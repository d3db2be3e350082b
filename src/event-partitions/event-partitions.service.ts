import type { Database, Queryable } from '../db';
import type { Clock } from '../common';
import type { ScheduledJob } from '../scheduler';
import { RETIRE_ORDER_EVENTS } from '../commerce';
import * as sql from './event-partitions.sql';

/** How event partitions are kept (EVENT_RETENTION_MONTHS, EVENT_PARTITIONS_EVERY_MS). */
export interface EventPartitionsConfig {
  /** Whole months kept before the current one; null keeps everything. */
  retentionMonths: number | null;
  /** How often the leader runs the upkeep. */
  everyMs: number;
}

/** Months made ahead of the current one, so inserts never wait for a partition at a month's turn. */
const MONTHS_AHEAD = 2;

export interface PartitionUpkeep {
  created: number;
  /** Partitions dropped by retention, by name. */
  dropped: string[];
  /** Rows of months older than the retention the default partition held, deleted. */
  deletedFromDefault: number;
}

const monthKey = (at: Date) => `${at.getUTCFullYear()}-${at.getUTCMonth()}`;

/**
 * `events` is partitioned by month of `occurred_at` (UTC). Partitions come from three
 * places, all through the one SQL rule `ensure_event_partition`: ingest makes the months of
 * a batch it has not seen before it stores it (remembered per instance, so a batch of known
 * months costs nothing), the scheduled upkeep makes the months ahead and those the default
 * partition caught (moving their rows), and bulk loaders make their whole range first.
 * Retention drops whole months: profile stats, scores, orders and memberships stay.
 */
export class EventPartitions {
  private readonly known = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly config: EventPartitionsConfig,
    private readonly clock: Clock,
  ) {}

  /** The first instant retention keeps (the start of the oldest month kept), or null when all is kept. */
  retainedSince(now: Date = this.clock.now()): Date | null {
    if (this.config.retentionMonths === null) return null;
    return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - this.config.retentionMonths, 1));
  }

  /** What retention keeps now (null: everything), for the validation of windows. */
  retention(): { months: number; since: Date } | null {
    const since = this.retainedSince();
    return since && { months: this.config.retentionMonths!, since };
  }

  /** Before a batch is stored: the partitions of its months, unless known here already or older than retention. */
  async ensureFor(instants: readonly Date[]): Promise<void> {
    const since = this.retainedSince();
    const missing = new Map<string, Date>();
    for (const at of instants) {
      const key = monthKey(at);
      if (!this.known.has(key) && !missing.has(key) && !(since && at < since)) missing.set(key, at);
    }
    for (const [key, at] of missing) {
      await this.ensureRange(at, at);
      this.known.add(key);
    }
  }

  /** The partitions of every month from `from` to `to` (bulk loaders call it first); how many were created. */
  async ensureRange(from: Date, to: Date): Promise<number> {
    const { rows } = await this.db.query<{ created: number }>(sql.ENSURE_MONTHS, [from, to]);
    return rows[0].created;
  }

  /** The scheduled upkeep: months ahead, months the default partition caught, then retention. */
  async maintain(): Promise<PartitionUpkeep> {
    const now = this.clock.now();
    const ahead = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + MONTHS_AHEAD, 1));
    let created = await this.ensureRange(now, ahead);
    const since = this.retainedSince(now);
    const { rows: caught } = await this.db.query<{ month: Date }>(sql.DEFAULT_PARTITION_MONTHS);
    for (const { month } of caught) if (!since || month >= since) created += await this.ensureRange(month, month);
    const { dropped, deletedFromDefault } = since ? await this.dropBefore(since) : { dropped: [], deletedFromDefault: 0 };
    return { created, dropped, deletedFromDefault };
  }

  /** The monthly partitions, oldest first. */
  async list(on: Queryable = this.db): Promise<{ name: string; month: Date; rows: number }[]> {
    const { rows } = await on.query<{ name: string; month: Date; rows: string }>(sql.MONTHLY_PARTITIONS);
    return rows.map((r) => ({ name: r.name, month: r.month, rows: Number(r.rows) }));
  }

  scheduledJob(): ScheduledJob {
    return { name: 'event partitions (months ahead, retention)', everyMs: this.config.everyMs, run: () => this.maintain() };
  }

  private async dropBefore(since: Date): Promise<Pick<PartitionUpkeep, 'dropped' | 'deletedFromDefault'>> {
    return this.db.transaction(async (tx) => {
      await tx.query(sql.LOCK_PARTITIONS);
      // Listed under the lock: another instance's upkeep may have dropped some already.
      const old = (await this.list(tx)).filter((p) => p.month < since);
      // Names come from the catalog and match ^events_p\d{4}_\d{2}$ (MONTHLY_PARTITIONS).
      // No event may arrive in what is retired and dropped below (reads go on meanwhile).
      for (const name of [...old.map((p) => p.name), 'events_default']) await tx.query(`lock table ${name} in share mode`);
      // What scoring needs of the orders in those months is kept before their events go.
      await tx.query(RETIRE_ORDER_EVENTS, [since]);
      for (const p of old) await tx.query(`drop table if exists ${p.name}`);
      const deleted = await tx.query(sql.DELETE_OLD_DEFAULT_ROWS, [since]);
      for (const p of old) this.known.delete(monthKey(p.month));
      return { dropped: old.map((p) => p.name), deletedFromDefault: deleted.rowCount ?? 0 };
    });
  }
}
