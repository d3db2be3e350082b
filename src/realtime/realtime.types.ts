import { Field, Float, ID, ObjectType } from 'type-graphql';
import { Scopes } from '../common';

@Scopes('subscribe')
@ObjectType({ description: "A buyer's churn risk rose past the subscriber's threshold." })
export class ChurnRiskAlert {
  @Field({ description: 'Pass as `after` to resume.' }) cursor!: string;
  @Field(() => ID) profileId!: string;
  @Field(() => Float, { nullable: true }) previousRisk!: number | null;
  @Field(() => Float) risk!: number;
  @Field(() => Float) revenue!: number;
  @Field() at!: Date;
}
