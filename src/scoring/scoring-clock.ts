import type { Queryable } from '../db';
import type { Clock } from '../common';
import type { ScoringAsOf } from '../config';
import { LATEST_EVENT_AT, LATEST_RUN } from './scoring.sql';
import type { ScoringRunRecord } from './scoring.types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const toScoringRunRecord = (r: Row): ScoringRunRecord => ({
  asOf: r.as_of, pinned: r.pinned, setting: r.setting, buyersScored: r.buyers_scored, finishedAt: r.finished_at,
});

/**
 * The instant a scoring run scores as of. An explicit `runScoring(asOf:)` is used as given and
 * pinned: the schedule does not replace it until the next explicit run, or until SCORING_AS_OF
 * is changed (a restart with another setting is a new decision about which scores to keep).
 * Otherwise SCORING_AS_OF decides: the clock's now, a fixed instant, or the newest event.
 */
export class ScoringClock {
  readonly setting: string;

  constructor(private readonly asOf: ScoringAsOf, private readonly clock: Clock) {
    this.setting = asOf.kind === 'fixed' ? asOf.at.toISOString() : asOf.kind;
  }

  now(): Date {
    return this.clock.now();
  }

  /** The as-of SCORING_AS_OF names now. */
  async configuredInstant(q: Queryable): Promise<Date> {
    switch (this.asOf.kind) {
      case 'now':
        return this.clock.now();
      case 'fixed':
        return this.asOf.at;
      case 'latest-event': {
        const now = this.clock.now();
        const { rows } = await q.query<{ at: Date | null }>(LATEST_EVENT_AT, [now]);
        return rows[0]?.at ?? now;
      }
    }
  }

  /** True while the last run was pinned under the SCORING_AS_OF in force now: the schedule then skips. */
  async keepsPinnedRun(q: Queryable): Promise<boolean> {
    const last = await latestRun(q);
    return !!last && last.pinned && last.setting === this.setting;
  }
}

export async function latestRun(q: Queryable): Promise<ScoringRunRecord | null> {
  const { rows } = await q.query(LATEST_RUN);
  return rows[0] ? toScoringRunRecord(rows[0]) : null;
}
