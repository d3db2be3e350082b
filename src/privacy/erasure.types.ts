import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes } from '../common';

@Scopes('admin')
@ObjectType({ description: 'What an erasure removed. Only salted hashes of the identities remain.' })
export class ErasureResult {
  @Field(() => ID) profileId!: string;
  @Field() erasedAt!: Date;
  @Field(() => Int) identities!: number;
  @Field(() => Int, { description: 'Segments the person left (EXITED, cause ERASURE).' }) segmentsExited!: number;
  @Field(() => GraphQLJSONObject, { description: 'Rows deleted per table.' }) rowsDeleted!: Record<string, number>;
  @Field({ description: 'Whether later events bearing the erased identities are refused until lifted (unsuppressIdentities).' }) suppressed!: boolean;
}
