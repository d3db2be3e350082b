import { type Queryable, SqlParams } from '../db';
import { ValidationError } from '../common';
import type { SegmentsService } from '../segments';
import { HISTORY_INSTANTS, RFM_GRID, SEGMENT_OVERLAP, SEGMENT_STATS_RECORDED, segmentStatsFromHistorySql, VALUE_GRID } from './analytics.sql';
import { StatsSource, type RfmCell, type SegmentOverlap, type SegmentStatsPoint, type StatsInterval, type ValueCell } from './analytics.types';

const MAX_BUCKETS = 1000;
const BUCKET_DAYS: Record<StatsInterval, number> = { day: 1, week: 7, month: 28 };

/** Statistics for BI tools, each answered by one SQL statement. */
export class AnalyticsService {
  /** `db`: where the statistics are read (a replica when configured). */
  constructor(private readonly db: Queryable, private readonly segments: SegmentsService) {}

  /** Per bucket: from the membership changes the server recorded, or rebuilt from the event history. */
  async segmentStats(segment: string, from: Date, to: Date, interval: StatsInterval, source = StatsSource.RECORDED): Promise<SegmentStatsPoint[]> {
    if (!(from < to)) throw new ValidationError('must be before `to`', 'from');
    if ((to.getTime() - from.getTime()) / 86400_000 / BUCKET_DAYS[interval] > MAX_BUCKETS) {
      throw new ValidationError(`asks for more than ${MAX_BUCKETS} buckets; use a longer interval or a shorter range`, 'interval');
    }
    const rows = source === StatsSource.HISTORY ? await this.fromHistory(segment, from, to, interval) : await this.fromRecorded(segment, from, to, interval);
    return rows.map((r) => ({
      start: r.start,
      size: r.size,
      entered: r.entered,
      exited: r.exited,
      members: r.members,
      orders: r.orders,
      revenue: r.revenue,
      buyers: r.buyers,
      conversionRate: r.members ? r.buyers / r.members : 0,
      averageOrderValue: r.orders ? Math.round((r.revenue / r.orders) * 100) / 100 : null,
    }));
  }

  private async fromRecorded(segment: string, from: Date, to: Date, interval: StatsInterval) {
    const { id } = await this.segments.get(segment);
    return (await this.db.query(SEGMENT_STATS_RECORDED, [id, from, to, interval])).rows;
  }

  private async fromHistory(segment: string, from: Date, to: Date, interval: StatsInterval) {
    const params = new SqlParams();
    const values = { from: params.add(from), to: params.add(to), interval: params.add(interval) };
    const members = await this.segments.membersAtInstantsSql(segment, params, HISTORY_INSTANTS);
    return (await this.db.query(segmentStatsFromHistorySql(values, members), params.values)).rows;
  }

  async segmentOverlap(segmentRefs: string[]): Promise<SegmentOverlap[]> {
    if (segmentRefs.length < 1 || segmentRefs.length > 20) throw new ValidationError('give 1 to 20 segments', 'segments');
    const segments = await Promise.all(segmentRefs.map((s) => this.segments.get(s)));
    const { rows } = await this.db.query(SEGMENT_OVERLAP, [segments.map((s) => s.id)]);
    const key = new Map(segments.map((s) => [s.id, s.key]));
    const counts = new Map(rows.map((r) => [`${r.segment_a}|${r.segment_b}`, r.count as number]));
    const pairs: SegmentOverlap[] = [];
    const ids = [...new Set(segments.map((s) => s.id))].sort();
    for (const [i, a] of ids.entries()) {
      for (const b of ids.slice(i)) {
        pairs.push({ segmentA: a, segmentB: b, keyA: key.get(a)!, keyB: key.get(b)!, count: counts.get(`${a}|${b}`) ?? 0 });
      }
    }
    return pairs;
  }

  async rfmGrid(): Promise<RfmCell[]> {
    const { rows } = await this.db.query(RFM_GRID);
    return rows.map((r) => ({ recency: r.recency, frequency: r.frequency, segment: r.segment, count: r.count, revenue: r.revenue }));
  }

  async valueGrid(): Promise<ValueCell[]> {
    const { rows } = await this.db.query(VALUE_GRID);
    return rows.map((r) => ({ lifecycle: r.lifecycle, decile: r.decile, count: r.count, clv: r.clv, minClv: r.min_clv, maxClv: r.max_clv, revenue: r.revenue }));
  }
}
