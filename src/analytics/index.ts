/** Segment statistics for BI tools: sizes, entries and exits, orders and revenue per bucket, overlap, the RFM grid. */
export { AnalyticsResolver } from './analytics.resolver';
export { AnalyticsService } from './analytics.service';
export { StatsInterval, StatsSource } from './analytics.types';
