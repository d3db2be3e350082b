import { Arg, Int, Query, Resolver } from 'type-graphql';
import { Scopes } from '../common';
import type { DiscoveryService } from './discovery.service';
import { SegmentDiscovery } from './discovery.types';

@Resolver()
export class DiscoveryResolver {
  constructor(private readonly service: DiscoveryService) {}

  @Scopes('admin')
  @Query(() => SegmentDiscovery, {
    description:
      'k-means (k-means++ seeding, 5 restarts, a fixed seed) over the standardized log recency, log frequency, log net revenue, tenure and average ' +
      'order value of a sample of buyers; k by silhouette when kMin..kMax is given; every buyer assigned to its nearest centroid; each cluster ' +
      'explained as a segment definition. Runs while the request waits (at most 20,000 sampled buyers).',
  })
  async discoverSegments(
    @Arg('k', () => Int, { nullable: true, description: '2–12' }) k: number | null,
    @Arg('kMin', () => Int, { nullable: true }) kMin: number | null,
    @Arg('kMax', () => Int, { nullable: true }) kMax: number | null,
    @Arg('sample', () => Int, { nullable: true, description: 'Buyers to fit on, 50–20,000 (default 5,000); every buyer is assigned' }) sample: number | null,
    @Arg('seed', () => Int, { nullable: true, description: 'Fixes the sample and the seeding (default 42)' }) seed: number | null,
  ): Promise<SegmentDiscovery> {
    const discovery = await this.service.discover({ k, kMin, kMax, sampleSize: sample, seed });
    return {
      ...discovery,
      clusters: discovery.clusters.map((c) => ({
        ...c,
        centroid: {
          recencyDays: c.centroid.recency_days, orders: c.centroid.orders, revenue: c.centroid.revenue,
          tenureDays: c.centroid.tenure_days, avgOrderValue: c.centroid.avg_order_value,
        },
      })),
    };
  }
}
