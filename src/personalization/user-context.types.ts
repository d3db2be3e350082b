import { Field, ID, ObjectType } from 'type-graphql';
import { Decision } from './placement.types';

@ObjectType({ description: 'Everything a frontend needs about one user, in one round trip.' })
export class UserContext {
  @Field(() => ID, { nullable: true, description: 'Null for a user never seen' }) profileId!: string | null;
  @Field() known!: boolean;
  @Field(() => [String], { description: 'Keys of the segments the user is in; empty without personalization consent' }) segments!: string[];
  @Field(() => [Decision], { description: 'One per placement asked, in order' }) decisions!: Decision[];
  // INTEGRATION(recommendations): `recommendations: [Recommendation!]!` joins here once src/recommendations lands.
}
