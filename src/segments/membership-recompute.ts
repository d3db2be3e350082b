import type { Clock } from '../common';
import { type Queryable, SqlParams } from '../db';
import { membershipDiffSql } from './membership.sql';
import { SegmentCatalog } from './segment-catalog';
import type { MembershipCause, RecomputeResult, Segment } from './segment.types';
import { DELETE_SEGMENT_TIMERS, LOCK_SEGMENT, MARK_COMPUTED, RECOMPUTE_WORK_MEM, seedTimersSql } from './segments.sql';

/**
 * The whole-segment writes, inside the caller's transaction: a full recompute of the
 * membership, and the segment's timers written afresh. A definition change and the schedule
 * do both; a manual recompute only the first (real time and the expiry worker keep timers).
 */
export class MembershipRecompute {
  constructor(
    private readonly catalog: SegmentCatalog,
    private readonly clock: Clock,
  ) {}

  /** Membership and timers, as a definition change and the schedule need. `byKey`: the catalog as the caller is changing it. */
  async all(tx: Queryable, segment: Segment, cause: MembershipCause, byKey?: Map<string, Segment>): Promise<RecomputeResult> {
    const result = await this.membership(tx, segment, cause, byKey);
    await this.timers(tx, segment, byKey);
    return result;
  }

  /** Full recompute, diffed against current membership in one statement. */
  async membership(tx: Queryable, segment: Segment, cause: MembershipCause, byKey?: Map<string, Segment>): Promise<RecomputeResult> {
    const started = Date.now();
    await tx.query(LOCK_SEGMENT, [segment.id]);
    const catalog = await this.catalogWith(tx, segment, byKey);
    const params = new SqlParams();
    const at = this.clock.now();
    const now = params.add(at);
    const predicates = SegmentCatalog.predicates([segment], catalog, params, now, { allProfiles: true });
    // Grouped event leaves are hashed once: let the hash of a whole population's ids stay in memory (a spilled one is scanned per profile).
    await tx.query(RECOMPUTE_WORK_MEM);
    const { rows } = await tx.query<{ entered: number; exited: number; size: number }>(membershipDiffSql(predicates, { params, now, cause }), params.values);
    await tx.query(MARK_COMPUTED, [[segment.id], at]);
    return {
      segment: { ...segment, lastComputedAt: at },
      entered: rows[0].entered,
      exited: rows[0].exited,
      size: rows[0].size,
      durationMs: Date.now() - started,
    };
  }

  /**
   * Writes the segment's timers afresh: every live profile's next change by time alone, when
   * the definition is timed (none otherwise). Real-time checks and the expiry worker keep them
   * from then on; a definition change, or the safety net, calls this again.
   */
  async timers(tx: Queryable, segment: Segment, byKey?: Map<string, Segment>): Promise<number> {
    await tx.query(DELETE_SEGMENT_TIMERS, [segment.id]);
    if (!segment.timeSensitive) return 0;
    const catalog = await this.catalogWith(tx, segment, byKey);
    const params = new SqlParams();
    const now = params.add(this.clock.now());
    const [compiled] = SegmentCatalog.predicates([segment], catalog, params, now, { expiries: 'grouped' });
    if (!compiled.nextChanges) return 0;
    const { rowCount } = await tx.query(seedTimersSql(params.add(segment.id), now, compiled), params.values);
    return rowCount ?? 0;
  }

  /** The catalog with `segment` as it is being written (read in the caller's transaction). */
  private async catalogWith(tx: Queryable, segment: Segment, byKey?: Map<string, Segment>): Promise<Map<string, Segment>> {
    const catalog = byKey ?? new Map(await this.catalog.byKey(tx));
    catalog.set(segment.key, segment);
    return catalog;
  }
}
