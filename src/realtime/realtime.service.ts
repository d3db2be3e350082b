import type { Database } from '../db';
import { ValidationError } from '../common';
import { ChangeStream } from './change-stream';
import type { ChangeFeed } from './change-feed';
import type { MembershipChange } from '../segments';
import type { ChurnRiskAlert } from './realtime.types';

interface MembershipChangeRecord extends MembershipChange {
  id: number;
}
interface ChurnChangeRecord extends ChurnRiskAlert {
  id: number;
}

const MEMBERSHIP_COLUMNS = `c.id, c.segment_id, s.key as segment_key, c.profile_id, c.kind, c.cause, c.segment_version, c.at
  from membership_changes c join segments s on s.id = c.segment_id`;
const CHURN_COLUMNS = `id, profile_id, previous_risk, risk, revenue, clv_52w, at from churn_risk_changes`;

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const toMembershipChange = (r: Row): MembershipChangeRecord => ({
  id: Number(r.id),
  cursor: String(r.id),
  segmentId: r.segment_id,
  segmentKey: r.segment_key,
  profileId: r.profile_id,
  kind: r.kind,
  cause: r.cause,
  segmentVersion: r.segment_version,
  at: r.at,
});

const toChurnAlert = (r: Row): ChurnChangeRecord => ({
  id: Number(r.id),
  cursor: String(r.id),
  profileId: r.profile_id,
  previousRisk: r.previous_risk,
  risk: r.risk,
  revenue: Number(r.revenue),
  clv52w: r.clv_52w,
  at: r.at,
});

export function parseCursor(after: string | null | undefined): number | null {
  if (after === null || after === undefined) return null;
  if (!/^\d{1,15}$/.test(after)) throw new ValidationError('is not a cursor this API issued', 'after');
  return Number(after);
}

/** Streams for subscriptions: membership changes and churn-risk alerts, with replay from a cursor. */
export class RealtimeService {
  private readonly membership: ChangeStream<MembershipChangeRecord>;
  private readonly churn: ChangeStream<ChurnChangeRecord>;

  constructor(private readonly db: Database, feed: ChangeFeed) {
    this.membership = new ChangeStream(db, feed, {
      channel: 'membership',
      rangeSql: `select ${MEMBERSHIP_COLUMNS} where c.id between $1 and $2 order by c.id`,
      map: toMembershipChange,
    });
    this.churn = new ChangeStream(db, feed, {
      channel: 'churn',
      rangeSql: `select ${CHURN_COLUMNS} where id between $1 and $2 order by id`,
      map: toChurnAlert,
    });
  }

  get subscribers(): number {
    return this.membership.size + this.churn.size;
  }

  segmentMembership(segmentId: string, after?: string | null): AsyncIterableIterator<MembershipChange> {
    const cursor = parseCursor(after);
    return this.membership.subscribe(
      (c) => c.segmentId === segmentId,
      cursor === null ? undefined : () => this.replay(`select ${MEMBERSHIP_COLUMNS} where c.segment_id = $1 and c.id > $2 order by c.id`, [segmentId, cursor], toMembershipChange),
    );
  }

  profileSegments(profileId: string, after?: string | null): AsyncIterableIterator<MembershipChange> {
    const cursor = parseCursor(after);
    return this.membership.subscribe(
      (c) => c.profileId === profileId,
      cursor === null ? undefined : () => this.replay(`select ${MEMBERSHIP_COLUMNS} where c.profile_id = $1 and c.id > $2 order by c.id`, [profileId, cursor], toMembershipChange),
    );
  }

  /** Fires when a buyer's risk crosses `threshold` upward (from below, or from unknown). */
  churnAlerts(threshold: number, minRevenue: number, after?: string | null): AsyncIterableIterator<ChurnRiskAlert> {
    if (!(threshold > 0 && threshold <= 1)) throw new ValidationError('must be in (0, 1]', 'threshold');
    const cursor = parseCursor(after);
    const crosses = (c: ChurnChangeRecord) => (c.previousRisk === null || c.previousRisk < threshold) && c.risk >= threshold && c.revenue >= minRevenue;
    return this.churn.subscribe(
      crosses,
      cursor === null
        ? undefined
        : () =>
            this.replay(
              `select ${CHURN_COLUMNS} where id > $1 and (previous_risk is null or previous_risk < $2) and risk >= $2 and revenue >= $3 order by id`,
              [cursor, threshold, minRevenue],
              toChurnAlert,
            ),
    );
  }

  private async replay<T>(sql: string, params: unknown[], map: (r: Row) => T): Promise<T[]> {
    return (await this.db.query(sql, params)).rows.map(map);
  }
}
