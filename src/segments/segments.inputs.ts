import { Field, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { SegmentPurpose } from './segment.types';

const DEFINITION_HELP =
  'The rule tree: all / any / not over trait, stat, event and segment leaves. Validated against the published JSON Schema (schema/segment-definition.schema.json); errors name the bad path.';

@InputType()
export class CreateSegmentInput {
  @Field({ description: 'a-z, 0-9, _ . - ; unique' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => GraphQLJSONObject, { description: DEFINITION_HELP }) definition!: Record<string, unknown>;
  @Field(() => SegmentPurpose, { nullable: true, defaultValue: SegmentPurpose.GENERAL }) purpose?: SegmentPurpose;
}

@InputType()
export class UpdateSegmentInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: DEFINITION_HELP }) definition?: Record<string, unknown>;
  @Field(() => SegmentPurpose, { nullable: true }) purpose?: SegmentPurpose;
}
