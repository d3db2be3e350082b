import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ListSize, Scopes } from '../common';
import { ConfidenceInterval } from './experiments.types';

@InputType({ description: 'A mean metric: per exposed user, the sum of `property` (or the count) of `event` within `windowDays` after the exposure.' })
export class MeanMetricInput {
  @Field({ description: 'Event name, e.g. "Order Completed"' }) event!: string;
  @Field(() => String, { nullable: true, description: 'A numeric top-level property to sum (e.g. "revenue": revenue per exposed user); absent: count the events' })
  property?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days after the exposure (1–365, default 14)' }) windowDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days before the exposure whose same metric is the CUPED covariate (0–365, default 14; 0: no adjustment)' })
  preWindowDays?: number | null;
}

@Scopes('read')
@ObjectType({ description: "A variant's mean against the control's: Welch's unequal-variance t-test." })
export class MetricComparison {
  @Field(() => Float, { description: 'variant mean − control mean' }) difference!: number;
  @Field(() => Float, { nullable: true, description: 'difference / control mean; null when that is 0' }) lift!: number | null;
  @Field(() => ConfidenceInterval, { description: '95% interval of `difference` (t quantile with the Welch–Satterthwaite degrees of freedom)' })
  confidenceInterval!: ConfidenceInterval;
  @Field(() => Float) tStatistic!: number;
  @Field(() => Float) degreesOfFreedom!: number;
  @Field(() => Float, { description: 'Two-sided' }) pValue!: number;
}

@Scopes('read')
@ObjectType({ description: 'One variant of a mean metric, plain and CUPED-adjusted.' })
export class MetricVariantResult {
  @Field() key!: string;
  @Field() control!: boolean;
  @Field(() => Int, { description: 'Exposed users (those without events count as 0)' }) users!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Float, { description: 'Sample variance' }) variance!: number;
  @Field(() => MetricComparison, { nullable: true, description: 'Null for the control, or with under two users or no variance' }) comparison!: MetricComparison | null;
  @Field(() => Float, { description: 'Mean after CUPED: y − θ(x − x̄), x the same metric before exposure' }) cupedMean!: number;
  @Field(() => Float) cupedVariance!: number;
  @Field(() => MetricComparison, { nullable: true }) cupedComparison!: MetricComparison | null;
}

@Scopes('read')
@ObjectType({ description: 'A mean metric by variant, with and without CUPED variance reduction (Deng, Xu, Kohavi & Walker, 2013).' })
export class MeanMetricResults {
  @Field() event!: string;
  @Field(() => String, { nullable: true }) property!: string | null;
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) preWindowDays!: number;
  @Field(() => Float, { description: 'CUPED θ = cov(x, y) / var(x) over all exposed users; 0 without pre-period variance' }) cupedTheta!: number;
  @ListSize(10) @Field(() => [MetricVariantResult], { description: "In the experiment's variant order" }) variants!: MetricVariantResult[];
}
