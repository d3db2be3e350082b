import { Field, Float, InputType } from 'type-graphql';

@InputType()
export class ExperimentVariantInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique within the experiment' }) key!: string;
  @Field(() => Float, { defaultValue: 1, description: 'Positive; weights are normalized to sum to 1' }) weight!: number;
  @Field(() => Boolean, { nullable: true, description: 'Marks the control; by default the first variant is' }) control?: boolean | null;
}

const VARIANTS_HELP = '2 to 10 variants, in bucketing order';
const TARGETING_HELP = 'Segment id or key; only its members are in the experiment. Null: everyone.';

@InputType()
export class CreateExperimentInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ExperimentVariantInput], { description: VARIANTS_HELP }) variants!: ExperimentVariantInput[];
  @Field(() => String, { nullable: true, description: TARGETING_HELP }) targetingSegment?: string | null;
  @Field({ description: 'Event name (e.g. "Order Completed") that counts as a conversion' }) goalEvent!: string;
}

@InputType({
  description:
    'Fields to change. A DRAFT experiment may change anything; a RUNNING one only its name, description and the ' +
    'weights of its existing variants (ramping up); a STOPPED one nothing.',
})
export class UpdateExperimentInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ExperimentVariantInput], { nullable: true, description: VARIANTS_HELP }) variants?: ExperimentVariantInput[];
  @Field(() => String, { nullable: true, description: TARGETING_HELP }) targetingSegment?: string | null;
  @Field(() => String, { nullable: true }) goalEvent?: string;
}
