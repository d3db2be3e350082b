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
  @Field(() => Float, { nullable: true, description: 'The buyer\'s 52-week customer lifetime value as of the run (null without a spend model)' }) clv52w!: number | null;
  @Field() at!: Date;
}
