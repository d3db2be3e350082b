import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ListSize, Scopes } from '../common';
import { MetricKind } from './experiment-metric-definition';
import { ConfidenceInterval, VariantResult } from './experiments.types';

registerEnumType(MetricKind, {
  name: 'MetricKind',
  description:
    'CONVERSION: did the event (with its filters) happen within the window after exposure; compared as proportions (two-proportion z-test). ' +
    'REVENUE: net revenue of the orders completed in the window (refunds and cancellations deducted). MEAN: the count of the event, or the sum ' +
    "of a numeric property. REVENUE and MEAN are compared as means (Welch's t-test), with CUPED over the pre-exposure window.",
});

export enum MetricRole {
  PRIMARY = 'PRIMARY',
  GUARDRAIL = 'GUARDRAIL',
}
registerEnumType(MetricRole, { name: 'MetricRole', description: 'PRIMARY: the decision metric. GUARDRAIL: must not get worse.' });

const WHERE_HELP = 'Property filters on the event, as a segment event leaf\'s `where` (e.g. [{"path": "category", "op": "eq", "value": "shoes"}])';

@InputType({ description: 'A mean metric: per exposed user, the sum of `property` (or the count) of `event` within `windowDays` after the exposure.' })
export class MeanMetricInput {
  @Field({ description: 'Event name, e.g. "Order Completed"' }) event!: string;
  @Field(() => String, { nullable: true, description: 'A numeric property path to sum (e.g. "revenue": revenue per exposed user); absent: count the events' })
  property?: string | null;
  @Field(() => Int, { nullable: true, description: 'Days after the exposure (1–365, default 14)' }) windowDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'Days before the exposure whose same metric is the CUPED covariate (0–365, default 14; 0: no adjustment)' })
  preWindowDays?: number | null;
}

@InputType({ description: 'A metric an experiment stores and reports with its results.' })
export class ExperimentMetricInput {
  @Field(() => MetricKind) kind!: MetricKind;
  @Field(() => String, { nullable: true, description: 'The event (CONVERSION, MEAN); none for REVENUE' }) event?: string | null;
  @Field(() => String, { nullable: true, description: 'MEAN: a numeric property path to sum; absent: count the events' }) property?: string | null;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: WHERE_HELP }) where?: Record<string, unknown>[] | null;
  @Field(() => Int, { nullable: true, description: 'Days after the exposure that count (1–365, default 14)' }) windowDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'REVENUE and MEAN: days before the exposure for CUPED (0–365, default 14)' }) preWindowDays?: number | null;
}

@Scopes('read')
@ObjectType({ description: 'A metric an experiment reports.' })
export class MetricDefinition {
  @Field(() => MetricKind) kind!: MetricKind;
  @Field(() => String, { nullable: true }) event!: string | null;
  @Field(() => String, { nullable: true }) property!: string | null;
  @ListSize(10) @Field(() => [GraphQLJSONObject], { description: WHERE_HELP }) where!: Record<string, unknown>[];
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) preWindowDays!: number;
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
  @Field(() => String, { nullable: true, description: 'Null for REVENUE (net revenue of orders)' }) event!: string | null;
  @Field(() => String, { nullable: true }) property!: string | null;
  @Field(() => Int) windowDays!: number;
  @Field(() => Int) preWindowDays!: number;
  @Field(() => Float, { description: 'CUPED θ = cov(x, y) / var(x) over all exposed users; 0 without pre-period variance' }) cupedTheta!: number;
  @ListSize(10) @Field(() => [MetricVariantResult], { description: "In the experiment's variant order" }) variants!: MetricVariantResult[];
}

@Scopes('read')
@ObjectType({
  description:
    'The held-out users (the global holdout, who never see an experiment and are served the control) against everyone in the arms, pooled: ' +
    'what running the experiment changed. Not part of the arms, the SRM check or the variant comparisons.',
})
export class HoldoutResult {
  @Field(() => Int, { description: 'Held-out users who reached the experiment' }) users!: number;
  @Field(() => Int, { description: 'Users in the arms, pooled' }) experimentedUsers!: number;
  @Field(() => Float, { nullable: true, description: 'Their conversion rate or mean' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'The same over all arms together' }) experimentedValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'experimentedValue − value' }) difference!: number | null;
  @Field(() => Float, { nullable: true, description: 'difference / value' }) lift!: number | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: '95% interval of `difference` (Wald for rates, Welch for means)' })
  confidenceInterval!: ConfidenceInterval | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided (z-test for rates, Welch for means)' }) pValue!: number | null;
}

@Scopes('read')
@ObjectType({ description: "One of the experiment's stored metrics, by variant." })
export class MetricResult {
  @Field(() => MetricRole) role!: MetricRole;
  @Field(() => MetricDefinition) metric!: MetricDefinition;
  @ListSize(10) @Field(() => [VariantResult], { nullable: true, description: 'CONVERSION: users, conversions, rate, z-test against the control' })
  conversion!: VariantResult[] | null;
  @Field(() => MeanMetricResults, { nullable: true, description: 'REVENUE and MEAN: means, Welch and CUPED against the control' }) mean!: MeanMetricResults | null;
  @Field(() => HoldoutResult, { nullable: true, description: 'Null when nobody was held out' }) holdout!: HoldoutResult | null;
}
