import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ListSize, Scopes } from '../common';

@Scopes('admin')
@ObjectType({ description: "A cluster's mean stat values, in the stats' own units." })
export class ClusterCentroid {
  @Field(() => Float) recencyDays!: number;
  @Field(() => Float) orders!: number;
  @Field(() => Float) revenue!: number;
  @Field(() => Float) tenureDays!: number;
  @Field(() => Float) avgOrderValue!: number;
}

@Scopes('admin')
@ObjectType({ description: "A feature beyond the five stats: a top category's share of the buyer's order lines, or a computed trait." })
export class ClusterFeature {
  @Field({ description: '"share of <category>" or the computed trait key' }) name!: string;
  @Field(() => Float, { description: "Mean over the cluster's sample members" }) mean!: number;
}

@Scopes('admin')
@ObjectType({ description: 'One discovered cluster, explained as a segment definition.' })
export class DiscoveredCluster {
  @Field(() => Int) index!: number;
  @Field(() => Int, { description: 'Buyers nearest to its centroid, over all buyers (not only the sample)' }) size!: number;
  @Field({ description: 'Plain words for its centroid, e.g. "recent, frequent, high spend"' }) description!: string;
  @Field(() => ClusterCentroid) centroid!: ClusterCentroid;
  @ListSize(13) @Field(() => [ClusterFeature], { description: 'The other features clustered on (the rule uses the five stats only)' }) otherFeatures!: ClusterFeature[];
  @Field(() => GraphQLJSONObject, {
    description: 'A segment definition (stat leaves) a depth-3 decision tree learned to separate the cluster from the rest: pass it to createSegment',
  })
  definition!: Record<string, unknown>;
  @Field(() => Float, { description: 'On the sample: share of the buyers the definition selects that are in the cluster' }) precision!: number;
  @Field(() => Float, { description: 'On the sample: share of the cluster the definition selects' }) recall!: number;
}

@Scopes('admin')
@ObjectType()
export class SilhouetteScore {
  @Field(() => Int) k!: number;
  @Field(() => Float) silhouette!: number;
}

@Scopes('admin')
@ObjectType({ description: 'Segments discovered in the buyers by k-means, each explained as a rule.' })
export class SegmentDiscovery {
  @Field(() => Int, { description: 'The k kept (the best silhouette when a range was given)' }) k!: number;
  @Field(() => Float) silhouette!: number;
  @ListSize(11) @Field(() => [SilhouetteScore], { description: 'Every k tried' }) silhouettes!: SilhouetteScore[];
  @Field(() => Int, { description: 'Buyers the clustering was fitted on' }) sampleSize!: number;
  @Field(() => Int, { description: 'All buyers, each assigned to a cluster' }) buyers!: number;
  @ListSize(12) @Field(() => [DiscoveredCluster]) clusters!: DiscoveredCluster[];
}

export enum DiscoveryJobStatus {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}
registerEnumType(DiscoveryJobStatus, { name: 'DiscoveryJobStatus', description: 'RUNNING → DONE (with a result) or FAILED (with an error).' });

@Scopes('admin')
@ObjectType({ description: 'A segment discovery running in the background on the instance that started it.' })
export class DiscoveryJob {
  @Field(() => ID) id!: string;
  @Field(() => DiscoveryJobStatus) status!: DiscoveryJobStatus;
  @Field(() => Float, { description: 'Share done, 0–1: one step per k tried, one for assigning every buyer' }) progress!: number;
  @Field(() => SegmentDiscovery, { nullable: true, description: 'When DONE' }) result!: SegmentDiscovery | null;
  @Field(() => String, { nullable: true, description: 'When FAILED' }) error!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}
