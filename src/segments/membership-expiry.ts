import { wallClock, type Clock } from '../common';
import type { Database, Queryable } from '../db';
import type { MembershipWriter } from './membership-writer';
import { MembershipCause } from './segment.types';

/** One worker at a time across instances (transaction-scoped), so two never evaluate the same pairs. */
const EXPIRY_LOCK = `select pg_try_advisory_xact_lock(7357004) as ok`;

/** The earliest due timers, oldest first (the `due_at` index); the instant as text, to the microsecond (a Date keeps milliseconds). */
const DUE_TIMERS = `
  select segment_id, profile_id, due_at::text as due_at from segment_timers
   where due_at <= $1::timestamptz order by due_at limit $2`;

/**
 * Timers the evaluation left as they were: their segment has no timer any more (its definition
 * changed to one time does not move), so nothing rewrote them. Dropped, or they would come back
 * forever. Only when still at the instant read: one a concurrent ingest rewrote stays.
 */
const DROP_STALE = `
  delete from segment_timers t using unnest($1::uuid[], $2::uuid[], $3::timestamptz[]) as x(segment_id, profile_id, due_at)
   where t.segment_id = x.segment_id and t.profile_id = x.profile_id and t.due_at = x.due_at`;

/** A profile whose computed trait `key` changed value (or next change): segments reading the key look at it again. */
export interface ComputedChange {
  profileId: string;
  key: string;
}

/**
 * Work due before the segment timers, with the same instant: computed trait values whose
 * window lapsed (src/computed-traits), so segments reading them see the new values.
 */
export type DueFirst = (tx: Queryable, now: Date, limit: number) => Promise<{ evaluated: number; changes: ComputedChange[] }>;

export interface ExpiryRun {
  /** (segment, profile) pairs whose timers were due and were evaluated. */
  evaluated: number;
  entered: number;
  exited: number;
}

/**
 * The expiry worker (issue 15 §2): evaluates the (segment, profile) pairs whose timers are due,
 * with the same statement as the real-time check, which writes each pair's next timer. People
 * leave a window within a tick of its lapse, without recomputing whole segments. It runs on
 * every instance; an advisory lock lets one at a time work.
 */
export class MembershipExpiry {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly writer: MembershipWriter,
    private readonly clock: Clock = wallClock,
    private readonly batchSize = 5_000,
  ) {}

  private dueFirst?: DueFirst;

  /** Registers the computed traits' due work (the composition root wires it; segments do not know that feature). */
  beforeSegments(work: DueFirst): void {
    this.dueFirst = work;
  }

  /** Evaluates due pairs, a batch per transaction, until none is due (or `maxBatches`). */
  async runDue(maxBatches = 100): Promise<ExpiryRun> {
    const total: ExpiryRun = { evaluated: 0, entered: 0, exited: 0 };
    for (let i = 0; i < maxBatches && !this.stopped; i++) {
      const run = await this.runBatch();
      if (!run) break;
      total.evaluated += run.evaluated;
      total.entered += run.entered;
      total.exited += run.exited;
      if (run.evaluated < this.batchSize) break;
    }
    return total;
  }

  /** One batch; undefined when another instance holds the lock or nothing is due. */
  private runBatch(): Promise<ExpiryRun | undefined> {
    return this.db.transaction(async (tx) => {
      const { rows: lock } = await tx.query<{ ok: boolean }>(EXPIRY_LOCK);
      if (!lock[0].ok) return undefined;
      const now = this.clock.now();
      const first = this.dueFirst ? await this.dueFirst(tx, now, this.batchSize) : { evaluated: 0, changes: [] };
      const reading = await this.writer.reevaluateReading(tx, first.changes, MembershipCause.EXPIRY, now);
      const { rows } = await tx.query<{ segment_id: string; profile_id: string; due_at: string }>(DUE_TIMERS, [now, this.batchSize], 'segment-timers-due');
      if (!rows.length && !first.evaluated) return undefined;
      const pairs = rows.map((r) => ({ segmentId: r.segment_id, profileId: r.profile_id }));
      const write = await this.writer.reevaluate(tx, pairs, MembershipCause.EXPIRY, now);
      await tx.query(DROP_STALE, [rows.map((r) => r.segment_id), rows.map((r) => r.profile_id), rows.map((r) => r.due_at)], 'segment-timers-stale');
      return { evaluated: Math.max(pairs.length, first.evaluated), entered: write.entered + reading.entered, exited: write.exited + reading.exited };
    });
  }

  /** Works every `everyMs` until stopped; a tick never overlaps the previous one. */
  start(everyMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runDue().catch(onError).finally(() => (this.running = undefined));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
