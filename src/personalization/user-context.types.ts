import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Recommendation, RecommendationStrategy } from '../recommendations';
import { Decision } from './placement.types';
import { Scopes, ListSize } from '../common';

@InputType({ description: 'Recommendations to include. Without personalization consent only POPULAR items are given, whatever the strategy.' })
export class RecommendationRequest {
  @Field(() => RecommendationStrategy) strategy!: RecommendationStrategy;
  @Field(() => Int, { defaultValue: 10, description: '1 to 100' }) limit!: number;
  @Field(() => String, { nullable: true, description: 'The product being viewed: required for ALSO_BOUGHT' }) product?: string | null;
}

@Scopes('read')
@ObjectType({ description: 'Everything a frontend needs about one user, in one round trip.', simpleResolvers: true })
export class UserContext {
  @Field(() => ID, { nullable: true, description: 'Null for a user never seen' }) profileId!: string | null;
  @Scopes('read', 'personalize') @Field() known!: boolean;
  @Scopes('read', 'personalize') @Field(() => [String], { description: 'Keys of the segments the user is in; empty without personalization consent' }) segments!: string[];
  @Scopes('read', 'personalize') @ListSize(50) @Field(() => [Decision], { description: 'One per placement asked, in order (at most 50)' }) decisions!: Decision[];
  @Scopes('read', 'personalize') @ListSize(100) @Field(() => [Recommendation], { description: 'Empty unless `recommendations` was asked for; excludes what the user bought' })
  recommendations!: Recommendation[];
}
