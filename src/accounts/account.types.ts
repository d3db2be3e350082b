import { Field, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes } from '../common';

@Scopes('read')
@ObjectType({ description: 'A company or team (a Segment `group`): its own traits, and the people seen in it.' })
export class Account {
  /** Internal key; clients name an account by its group id. */
  id!: string;
  @Field({ description: 'The groupId its group calls (or context.groupId) carry.' }) groupId!: string;
  @Field(() => GraphQLJSONObject, { description: "Shallow-merged from its group calls' traits; the later call wins key by key." })
  traits!: Record<string, unknown>;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}
