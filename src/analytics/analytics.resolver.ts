import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth';
import { requireScope } from '../auth';
import type { AnalyticsService } from './analytics.service';
import { RfmCell, SegmentOverlap, SegmentStatsPoint, StatsInterval } from './analytics.types';

@Resolver()
export class AnalyticsResolver {
  constructor(private readonly service: AnalyticsService) {}

  @Query(() => [SegmentStatsPoint], { description: 'Size, entries, exits, orders, revenue, conversion and AOV of a segment per time bucket.' })
  segmentStats(
    @Arg('segment', { description: 'id or key' }) segment: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('interval', () => StatsInterval, { defaultValue: StatsInterval.DAY }) interval: StatsInterval,
    @Ctx() ctx: RequestContext,
  ): Promise<SegmentStatsPoint[]> {
    requireScope(ctx.principal, 'read');
    return this.service.segmentStats(segment, from, to, interval);
  }

  @Query(() => [SegmentOverlap], { description: 'Pairwise member counts (including each segment with itself).' })
  segmentOverlap(@Arg('segments', () => [String], { description: 'ids or keys' }) segments: string[], @Ctx() ctx: RequestContext): Promise<SegmentOverlap[]> {
    requireScope(ctx.principal, 'read');
    return this.service.segmentOverlap(segments);
  }

  @Query(() => [RfmCell], { description: 'Buyers and revenue per recency × frequency score, as of the last scoring run.' })
  rfmGrid(@Ctx() ctx: RequestContext): Promise<RfmCell[]> {
    requireScope(ctx.principal, 'read');
    return this.service.rfmGrid();
  }
}
