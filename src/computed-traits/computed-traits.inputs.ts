import { Field, InputType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

const DEFINITION_HELP =
  '{ event, where?, within?, aggregate, property?, limit? }: aggregate one of count, sum, avg, min, max, first, last, most_frequent, unique_count, unique_list; errors name the bad path.';

@InputType()
export class CreateComputedTraitInput {
  @Field({ description: 'a-z, 0-9 and _, starting with a letter; unique' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => GraphQLJSONObject, { description: DEFINITION_HELP }) definition!: Record<string, unknown>;
}

@InputType()
export class UpdateComputedTraitInput {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => GraphQLJSONObject, { nullable: true, description: DEFINITION_HELP }) definition?: Record<string, unknown>;
}
