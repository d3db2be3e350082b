import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Scopes } from '../common';

export enum ComputedTraitCause {
  /** Events the batch stored moved it. */
  EVENT = 'EVENT',
  /** Time alone: an event left its window. */
  EXPIRY = 'EXPIRY',
  /** The trait was created or its definition changed. */
  DEFINITION = 'DEFINITION',
  MERGE = 'MERGE',
  /** The periodic full recomputation (the safety net) found it different. */
  SCHEDULE = 'SCHEDULE',
}
registerEnumType(ComputedTraitCause, { name: 'ComputedTraitCause', description: 'What changed a computed trait value.' });

@Scopes('read')
@ObjectType({ description: 'A named per-profile value computed from events, kept current on ingest and as time passes.' })
export class ComputedTrait {
  @Field(() => ID) id!: string;
  @Field({ description: 'What Profile.computed and {"computed": {"key": ...}} segment leaves name it by.' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'event, where, within, aggregate, property, limit: see the README (computed traits).' }) definition!: Record<string, unknown>;
  @Field({ description: 'True when its window ends at now, so values change with time alone (kept by the expiry worker).' }) timeSensitive!: boolean;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@Scopes('subscribe')
@ObjectType({ description: "A change of one profile's computed trait value. `cursor` orders all changes; pass it as `after` to resume." })
export class ComputedTraitChange {
  @Field({ description: 'Opaque, increasing; pass as `after` to replay from here.' }) cursor!: string;
  @Field(() => ID) profileId!: string;
  @Field() key!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'The new value; null when the profile no longer has one.' }) value!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) previous!: unknown;
  @Field(() => ComputedTraitCause) cause!: ComputedTraitCause;
  @Field() at!: Date;
}
