import { Arg, Query, Resolver } from 'type-graphql';
import { Scopes, ListSize } from '../common';
import type { AnalyticsService } from './analytics.service';
import { RfmCell, SegmentOverlap, SegmentStatsPoint, StatsInterval, StatsSource, ValueCell } from './analytics.types';

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly service: AnalyticsService) {}

  @Scopes('read')
  @ListSize(1000)
  @Query(() => [SegmentStatsPoint], { description: 'Size, entries, exits, orders, revenue, conversion and AOV of a segment per time bucket.' })
  segmentStats(
    @Arg('segment', { description: 'id or key' }) segment: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('interval', () => StatsInterval, { defaultValue: StatsInterval.DAY }) interval: StatsInterval,
    @Arg('source', () => StatsSource, { defaultValue: StatsSource.RECORDED }) source: StatsSource,
  ): Promise<SegmentStatsPoint[]> {
    return this.service.segmentStats(segment, from, to, interval, source);
  }

  @Scopes('read')
  @ListSize(400)
  @Query(() => [SegmentOverlap], { description: 'Pairwise member counts (including each segment with itself).' })
  segmentOverlap(@Arg('segments', () => [String], { description: 'ids or keys' }) segments: string[]): Promise<SegmentOverlap[]> {
    return this.service.segmentOverlap(segments);
  }

  @Scopes('read')
  @ListSize(25)
  @Query(() => [RfmCell], { description: 'Buyers and revenue per recency × frequency score, as of the last scoring run.' })
  rfmGrid(): Promise<RfmCell[]> {
    return this.service.rfmGrid();
  }

  @Scopes('read')
  @ListSize(80)
  @Query(() => [ValueCell], { description: 'Buyers, 52-week CLV and net revenue per lifecycle stage × CLV decile, as of the last scoring run.' })
  valueGrid(): Promise<ValueCell[]> {
    return this.service.valueGrid();
  }
}
