import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IdentityInput } from '../profiles';
import { ListSize, Scopes } from '../common';

export enum EventTypeEnum {
  TRACK = 'track',
  IDENTIFY = 'identify',
  PAGE = 'page',
  SCREEN = 'screen',
  ALIAS = 'alias',
  GROUP = 'group',
}
registerEnumType(EventTypeEnum, { name: 'EventType' });

/** Fields every message shares (Segment spec names). */
@InputType('MessageFieldsBase')
abstract class MessageFields {
  @Field(() => String, { nullable: true, description: 'Unique per message; a retry with the same id is a no-op.' })
  messageId?: string;
  @Field(() => String, { nullable: true }) userId?: string;
  @Field(() => String, { nullable: true }) anonymousId?: string;
  @Field(() => [IdentityInput], { nullable: true, description: 'Further identifiers (email, phone, device_id).' })
  identities?: IdentityInput[];
  @Field(() => GraphQLJSONObject, { nullable: true }) context?: Record<string, unknown>;
  @Field(() => String, {
    nullable: true,
    description: 'ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event\'s clampedFrom keeps it).',
  })
  timestamp?: string;
}

@InputType()
export class IdentifyInput extends MessageFields {
  @Field(() => GraphQLJSONObject, { nullable: true }) traits?: Record<string, unknown>;
}

@InputType()
export class TrackInput extends MessageFields {
  @Field() event!: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) properties?: Record<string, unknown>;
}

@InputType()
export class PageInput extends MessageFields {
  @Field(() => String, { nullable: true }) name?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) properties?: Record<string, unknown>;
}

@InputType()
export class AliasInput {
  @Field(() => String, { nullable: true }) messageId?: string;
  @Field({ description: 'The identity to keep (usually the new user id).' }) userId!: string;
  @Field({ description: 'The earlier identity (usually an anonymous id) to link to it.' }) previousId!: string;
  @Field(() => String, { nullable: true }) timestamp?: string;
}

@InputType()
export class GroupInput extends MessageFields {
  @Field({ description: 'The account (company, team) the person belongs to.' }) groupId!: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: "The account's traits (name, plan, ...): set on the account, never on the person." })
  traits?: Record<string, unknown>;
}

@InputType({ description: 'Any message, for batches.' })
export class EventInput extends MessageFields {
  @Field(() => EventTypeEnum) type!: EventTypeEnum;
  @Field(() => String, { nullable: true, description: 'Event name (track)' }) event?: string;
  @Field(() => String, { nullable: true, description: 'Page or screen name' }) name?: string;
  @Field(() => String, { nullable: true, description: 'For alias' }) previousId?: string;
  @Field(() => String, { nullable: true, description: 'For group: the account; its traits go to the account, not the person' }) groupId?: string;
  @Field(() => GraphQLJSONObject, { nullable: true }) properties?: Record<string, unknown>;
  @Field(() => GraphQLJSONObject, { nullable: true }) traits?: Record<string, unknown>;
}

@Scopes('ingest')
@ObjectType({ description: 'A message of a partial batch that was not stored, and why; the batch\'s other messages were.' })
export class RejectedEvent {
  @Field(() => Int, { description: 'Its position in the batch, from 0.' }) index!: number;
  @Field(() => String, { nullable: true, description: 'The messageId it was sent with (null when it had none, or not a usable string).' }) messageId!: string | null;
  @Field({ description: 'BAD_USER_INPUT, or FORBIDDEN for what the key may not send.' }) code!: string;
  @Field() message!: string;
  @Field({ description: 'The field at fault, e.g. "events[3].timestamp".' }) path!: string;
}

@Scopes('ingest')
@ObjectType()
export class IngestResult {
  @Scopes('ingest', 'personalize') @Field(() => Int, { description: 'Events stored by this call.' }) accepted!: number;
  @Scopes('ingest', 'personalize') @Field(() => Int, { description: 'Events already stored earlier (same messageId), not stored again.' }) duplicates!: number;
  @Scopes('ingest', 'personalize') @Field(() => Int, {
    description: 'Events refused because of an erasure (replays of erased messages or people, suppressed identities): counted, not stored.',
  })
  suppressed!: number;
  @Field(() => [ID], { description: 'Profile of each accepted event, in input order.' }) profileIds!: string[];
  @Scopes('ingest', 'personalize') @Field(() => [String], {
    description: 'Identity values a personalize key sent (traits or context email, phone, device id, identities, context.groupId) that linked nothing: their paths, e.g. "input.traits.email". They stay as unverified data of the visitor\'s own profile.',
  })
  ignoredIdentities!: string[];
  @ListSize(1000)
  @Field(() => [RejectedEvent], { description: 'With `ingest(partial: true)`: the messages not stored, in input order (the others were). Otherwise always empty: a batch with an invalid message is refused whole.' })
  rejected!: RejectedEvent[];
}
