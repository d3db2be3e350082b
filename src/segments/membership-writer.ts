import { wallClock, type Clock } from '../common';
import { type Queryable, SqlParams } from '../db';
import { membershipDiffSql, removeMembershipsSql } from './membership.sql';
import { SegmentCatalog } from './segment-catalog';
import type { MembershipCause } from './segment.types';

export interface MembershipWrite {
  entered: number;
  exited: number;
}

/**
 * The one way other features change memberships: inside their transaction, with the
 * cause recorded on every entry and exit, and with the same compiled SQL as the full
 * recompute and the real-time path. Privacy uses it on consent changes and erasure;
 * nobody outside segments composes membership SQL.
 */
export class MembershipWriter {
  constructor(
    private readonly catalog: SegmentCatalog,
    private readonly clock: Clock = wallClock,
  ) {}

  /**
   * Re-evaluates these (segment, profile) pairs: each profile enters or leaves as its segment's
   * definition says at `at` (now), and each pair's timer moves to its next change by time alone.
   */
  async reevaluate(tx: Queryable, pairs: readonly { segmentId: string; profileId: string }[], cause: MembershipCause, at = this.clock.now()): Promise<MembershipWrite> {
    if (!pairs.length) return { entered: 0, exited: 0 };
    const byKey = await this.catalog.byKey(tx);
    const ids = new Set(pairs.map((p) => p.segmentId));
    const segments = [...byKey.values()].filter((s) => ids.has(s.id));
    if (!segments.length) return { entered: 0, exited: 0 };
    const params = new SqlParams();
    const now = params.add(at);
    const predicates = SegmentCatalog.predicates(segments, byKey, params, now, { expiries: 'scoped' });
    const scope = { segmentIds: params.add(pairs.map((p) => p.segmentId)), profileIds: params.add(pairs.map((p) => p.profileId)) };
    const { rows } = await tx.query<MembershipWrite>(membershipDiffSql(predicates, { params, now, cause, scope }), params.values);
    return { entered: rows[0]?.entered ?? 0, exited: rows[0]?.exited ?? 0 };
  }

  /** Re-evaluates the segments reading each changed computed trait, for the profile whose value changed. */
  async reevaluateReading(tx: Queryable, changes: readonly { profileId: string; key: string }[], cause: MembershipCause, at = this.clock.now()): Promise<MembershipWrite> {
    if (!changes.length) return { entered: 0, exited: 0 };
    const segments = [...(await this.catalog.byKey(tx)).values()];
    const pairs = changes.flatMap((c) => segments.filter((s) => s.dependencies.computedKeys?.includes(c.key)).map((s) => ({ segmentId: s.id, profileId: c.profileId })));
    return this.reevaluate(tx, pairs, cause, at);
  }

  /** Takes these profiles out of every segment (merged-away or erased people), logging each exit. */
  async removeProfiles(tx: Queryable, profileIds: readonly string[], cause: MembershipCause, at = this.clock.now()): Promise<number> {
    if (!profileIds.length) return 0;
    const params = new SqlParams();
    const sql = removeMembershipsSql({ profileIds: params.add(profileIds), cause: params.add(cause), now: params.add(at) });
    const { rows } = await tx.query<{ exited: number }>(sql, params.values);
    return rows[0]?.exited ?? 0;
  }

  /** Segments whose membership depends on marketing consent (MARKETING ones, and any referring to one). */
  async dependingOnMarketingConsent(tx: Queryable): Promise<string[]> {
    const byKey = await this.catalog.byKey(tx);
    return [...byKey.values()].filter((s) => SegmentCatalog.dependsOnMarketingConsent(s, byKey)).map((s) => s.id);
  }
}
