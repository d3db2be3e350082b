import type { Database, Queryable } from '../db';
import { assertUnreachable, ValidationError, wallClock, type Clock } from '../common';
import { type ChangeFeed, ChangeStream, parseCursor } from '../realtime';
import type { ScheduledJob } from '../scheduler';
import type { TriggersConfig } from '../config';
import { TRIGGER_KINDS, TriggerKind, type TriggerOccurrenceRecord } from './trigger-kind';
import { birthdayMonthDays } from './trigger-rules';
import { INSERT_ABANDONED_CARTS, INSERT_BIRTHDAYS, INSERT_REPURCHASES, NOTIFY_OCCURRENCES, OCCURRENCE_COLUMNS } from './triggers.sql';

/** Occurrences a scan inserted, in id order. */
export interface FiredOccurrence {
  id: number;
  profileId: string;
  kind: TriggerKind;
}

export interface TriggerScan {
  fired: FiredOccurrence[];
  counts: Record<TriggerKind, number>;
}

/** Runs inside the scan's transaction, after the occurrences are written (webhooks queue deliveries here). */
export type FiredHook = (tx: Queryable, fired: FiredOccurrence[]) => Promise<void>;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const toOccurrence = (r: Row): TriggerOccurrenceRecord => ({
  id: Number(r.id),
  cursor: String(r.id),
  kind: r.kind,
  profileId: r.profile_id,
  dedupeKey: r.dedupe_key,
  payload: r.payload,
  occurredAt: r.occurred_at,
});

/**
 * Behaviour triggers. A leader-only job scans with set-based SQL and records what became
 * due in `trigger_occurrences`; the unique dedupe key makes every occurrence fire exactly
 * once, and the table (not memory) is the source of truth, so restarts and several
 * instances change nothing. Subscribers get occurrences through LISTEN/NOTIFY with replay.
 */
export class TriggersService {
  private readonly stream: ChangeStream<TriggerOccurrenceRecord>;
  private readonly hooks: FiredHook[] = [];

  constructor(
    private readonly db: Database,
    feed: ChangeFeed,
    private readonly config: TriggersConfig,
    private readonly clock: Clock = wallClock,
  ) {
    this.stream = new ChangeStream(db, feed, {
      channel: 'triggers',
      rangeSql: `select ${OCCURRENCE_COLUMNS} where id between $1 and $2 order by id`,
      map: toOccurrence,
    });
  }

  onFired(hook: FiredHook): void {
    this.hooks.push(hook);
  }

  get subscribers(): number {
    return this.stream.size;
  }

  /**
   * Finds and records what is due at `now` (injectable for tests and replays; events after it
   * are ignored) for the given kinds, all by default.
   */
  async scan(now: Date = this.clock.now(), kinds: readonly TriggerKind[] = TRIGGER_KINDS): Promise<TriggerScan> {
    if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new ValidationError('must be a valid date', 'now');
    return this.db.transaction(async (tx) => {
      const fired: FiredOccurrence[] = [];
      for (const kind of kinds) fired.push(...(await this.insert(tx, ...this.statement(kind, now))));
      fired.sort((a, b) => a.id - b.id);
      if (fired.length) {
        for (const hook of this.hooks) await hook(tx, fired);
        await tx.query(NOTIFY_OCCURRENCES, [fired[0].id, fired[fired.length - 1].id]);
      }
      return { fired, counts: countByKind(fired) };
    });
  }

  /** Live occurrences of `kinds` (all when empty), after replaying those with an id above `after`. */
  occurrences(kinds: readonly TriggerKind[] | null | undefined, after?: string | null): AsyncIterableIterator<TriggerOccurrenceRecord> {
    const wanted = kinds?.length ? [...new Set(kinds)] : TRIGGER_KINDS;
    const cursor = parseCursor(after);
    const replay = async () =>
      (await this.db.query(`select ${OCCURRENCE_COLUMNS} where id > $1 and kind = any($2::text[]) order by id`, [cursor, wanted])).rows.map(toOccurrence);
    return this.stream.subscribe((o) => wanted.includes(o.kind), cursor === null ? undefined : replay);
  }

  /**
   * The periodic scan, for the leader-only scheduler. Repurchase reminders change by the day
   * and cost a pass over every repeat buyer's orders, so they are checked less often.
   */
  scheduledJob(): ScheduledJob {
    let repurchaseCheckedAt = 0;
    return {
      name: 'behaviour triggers',
      everyMs: this.config.scanEveryMs,
      run: async () => {
        const now = this.clock.now();
        const withRepurchase = now.getTime() - repurchaseCheckedAt >= this.config.repurchaseEveryMs;
        const scan = await this.scan(now, withRepurchase ? TRIGGER_KINDS : [TriggerKind.ABANDONED_CART, TriggerKind.BIRTHDAY]);
        if (withRepurchase) repurchaseCheckedAt = now.getTime(); // only once it succeeded
        return scan;
      },
    };
  }

  private statement(kind: TriggerKind, now: Date): [string, unknown[]] {
    switch (kind) {
      case TriggerKind.ABANDONED_CART:
        return [INSERT_ABANDONED_CARTS, [now, this.config.abandonedCartMinutes, this.config.lookbackHours]];
      case TriggerKind.BIRTHDAY:
        return [INSERT_BIRTHDAYS, [now, birthdayMonthDays(now)]];
      case TriggerKind.REPURCHASE:
        return [INSERT_REPURCHASES, [now, this.config.lookbackHours]];
      default:
        return assertUnreachable(kind, 'trigger kind');
    }
  }

  private async insert(tx: Queryable, sql: string, params: unknown[]): Promise<FiredOccurrence[]> {
    const { rows } = await tx.query<{ id: number; profile_id: string; kind: TriggerKind }>(sql, params);
    return rows.map((r) => ({ id: Number(r.id), profileId: r.profile_id, kind: r.kind }));
  }
}

function countByKind(fired: FiredOccurrence[]): Record<TriggerKind, number> {
  const counts = Object.fromEntries(TRIGGER_KINDS.map((k) => [k, 0])) as Record<TriggerKind, number>;
  for (const o of fired) counts[o.kind]++;
  return counts;
}
