import { Arg, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError, Scopes, ValidationError } from '../common';
import { Segment, type SegmentsService } from '../segments';
import type { DiscoveryJobs, DiscoveryJob as StoredJob } from './discovery-jobs';
import type { Discovery } from './discovery.service';
import { DiscoveryJob, DiscoveryJobStatus, type SegmentDiscovery } from './discovery.types';

@Resolver()
export class DiscoveryResolver {
  constructor(private readonly jobs: DiscoveryJobs, private readonly segments: Pick<SegmentsService, 'create'>) {}

  @Scopes('admin')
  @Mutation(() => DiscoveryJob, {
    description:
      'Starts discovering segments in the buyers: k-means (k-means++ seeding, 5 restarts, a fixed seed) over the standardized log recency, log ' +
      'frequency, log net revenue, tenure and average order value of a sample; k by silhouette when kMin..kMax is given; every buyer assigned ' +
      'to its nearest centroid; each cluster explained as a segment definition by a depth-3 decision tree on those five stats. The shares of the ' +
      "buyer's order lines in the three most ordered categories, and the computed traits named, are clustered on too. Follow it with segmentDiscovery(id).",
  })
  startSegmentDiscovery(
    @Arg('k', () => Int, { nullable: true, description: '2–12' }) k: number | null,
    @Arg('kMin', () => Int, { nullable: true }) kMin: number | null,
    @Arg('kMax', () => Int, { nullable: true }) kMax: number | null,
    @Arg('sample', () => Int, { nullable: true, description: 'Buyers to fit on, 50–20,000 (default 5,000); every buyer is assigned' }) sample: number | null,
    @Arg('seed', () => Int, { nullable: true, description: 'Fixes the sample and the seeding (default 42)' }) seed: number | null,
    @Arg('computedTraits', () => [String], { nullable: true, description: 'Up to 10 numeric computed traits to cluster on as well (missing values count as 0)' })
    computedTraits: string[] | null,
  ): Promise<DiscoveryJob> {
    return this.jobs.start({ k, kMin, kMax, sampleSize: sample, seed, computedTraits }).then(toJobView);
  }

  @Scopes('admin')
  @Query(() => DiscoveryJob, { description: 'A discovery job: its progress, then its clusters (or its error).' })
  async segmentDiscovery(@Arg('id', () => ID) id: string): Promise<DiscoveryJob> {
    return toJobView(await this.jobs.get(id));
  }

  @Scopes('admin')
  @Mutation(() => Segment, { description: "Creates a real-time segment from a finished discovery's cluster: its rule is the segment's definition." })
  async saveDiscoveredSegment(
    @Arg('job', () => ID) jobId: string,
    @Arg('cluster', () => Int, { description: 'The cluster index' }) cluster: number,
    @Arg('key') key: string,
    @Arg('name', () => String, { nullable: true, description: "The cluster's description unless given" }) name: string | null,
  ): Promise<Segment> {
    const job = await this.jobs.get(jobId);
    if (job.status !== 'DONE' || !job.result) throw new ValidationError(`the job is ${job.status}: only a finished discovery's clusters can be saved`, 'job');
    const found = job.result.clusters.find((c) => c.index === cluster);
    if (!found) throw new NotFoundError(`No cluster ${cluster} in discovery ${jobId}`, { cluster });
    const definition = found.definition;
    return (await this.segments.create({ key, name: name ?? found.description, description: `Discovered (job ${jobId}, cluster ${cluster})`, definition })).segment;
  }
}

function toJobView(job: StoredJob): DiscoveryJob {
  return { ...job, status: job.status as DiscoveryJobStatus, result: job.result && toDiscoveryView(job.result) };
}

function toDiscoveryView(discovery: Discovery): SegmentDiscovery {
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
