import { Field, Float, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ExperimentMetricInput } from './experiment-metrics.types';
import { ExperimentHashing, HashingUnit } from './experiments.types';

@InputType()
export class ExperimentVariantInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique within the experiment' }) key!: string;
  @Field(() => Float, { defaultValue: 1, description: 'Positive; weights are normalized to sum to 1' }) weight!: number;
  @Field(() => Boolean, { nullable: true, description: 'Marks the control; by default the first variant is' }) control?: boolean | null;
}

const VARIANTS_HELP = '2 to 10 variants, in bucketing order';
const TARGETING_HELP = 'Segment id or key; only its members are in the experiment. Null: everyone.';
const CONDITION_HELP = 'Inline condition in the segment language (instead of a segment), evaluated for the profile when served; a first visit meets none';
const GUARDRAILS_HELP = 'Up to 10 metrics that must not get worse';

@InputType()
export class CreateExperimentInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ExperimentVariantInput], { description: VARIANTS_HELP }) variants!: ExperimentVariantInput[];
  @Field(() => String, { nullable: true, description: TARGETING_HELP }) targetingSegment?: string | null;
  @Field({ description: 'Event name (e.g. "Order Completed") that counts as a conversion' }) goalEvent!: string;
  @Field(() => ExperimentHashing, { nullable: true, description: 'SHA256 unless set' }) hashing?: ExperimentHashing | null;
  @Field(() => HashingUnit, { nullable: true, description: 'ANONYMOUS_ID unless set' }) hashingUnit?: HashingUnit | null;
  @Field(() => String, { nullable: true, description: '1–200 characters; the key unless set' }) seed?: string | null;
  @Field(() => Float, { nullable: true, description: 'In (0, 1]; 1 unless set' }) coverage?: number | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: CONDITION_HELP }) targetingCondition?: Record<string, unknown> | null;
  @Field(() => ExperimentMetricInput, { nullable: true, description: 'The decision metric' }) primaryMetric?: ExperimentMetricInput | null;
  @Field(() => [ExperimentMetricInput], { nullable: true, description: GUARDRAILS_HELP }) guardrailMetrics?: ExperimentMetricInput[] | null;
}

@InputType({
  description:
    'Fields to change. A DRAFT experiment may change anything; a RUNNING one only its name, description, the ' +
    'weights of its existing variants and its coverage (ramping up) and its metrics; a STOPPED one nothing.',
})
export class UpdateExperimentInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ExperimentVariantInput], { nullable: true, description: VARIANTS_HELP }) variants?: ExperimentVariantInput[];
  @Field(() => String, { nullable: true, description: TARGETING_HELP }) targetingSegment?: string | null;
  @Field(() => String, { nullable: true }) goalEvent?: string;
  @Field(() => ExperimentHashing, { nullable: true }) hashing?: ExperimentHashing;
  @Field(() => HashingUnit, { nullable: true }) hashingUnit?: HashingUnit;
  @Field(() => String, { nullable: true }) seed?: string | null;
  @Field(() => Float, { nullable: true, description: 'May change while RUNNING (ramping up); recorded assignments stay' }) coverage?: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: CONDITION_HELP }) targetingCondition?: Record<string, unknown> | null;
  @Field(() => ExperimentMetricInput, { nullable: true, description: 'May change while RUNNING: metrics only read the data' }) primaryMetric?: ExperimentMetricInput | null;
  @Field(() => [ExperimentMetricInput], { nullable: true, description: GUARDRAILS_HELP }) guardrailMetrics?: ExperimentMetricInput[] | null;
}
