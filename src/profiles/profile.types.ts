import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Connection, Scopes } from '../common';
import type { IdentityKind } from './identity';

/** GraphQL enum values are the upper-case form of the stored kinds. */
export enum IdentityKindEnum {
  USER_ID = 'user_id',
  ANONYMOUS_ID = 'anonymous_id',
  EMAIL = 'email',
  PHONE = 'phone',
  DEVICE_ID = 'device_id',
}
registerEnumType(IdentityKindEnum, { name: 'IdentityKind', description: 'Kinds of identifier that resolve to a profile.' });

@Scopes('read')
@ObjectType({ description: 'Counters kept current on ingest, and scores written by the scoring job.' })
export class ProfileStats {
  @Field(() => Int, { description: 'Orders placed (by order_id: a repeated Order Completed updates its order), less cancelled ones; kept by ingest' }) orders!: number;
  @Field(() => Float, { description: 'Net revenue: grossRevenue − refunds; kept by ingest' }) revenue!: number;
  @Field(() => Float, { description: 'Revenue of the orders placed (each order its latest amount), before refunds; kept by ingest' }) grossRevenue!: number;
  @Field(() => Float, { description: 'Order Refunded and Order Cancelled amounts, including refunds of orders placed before the history began; kept by ingest' })
  refunds!: number;
  @Field(() => Float, { nullable: true, description: 'Average order value: net revenue / orders' }) avgOrderValue!: number | null;
  @Field(() => Int) events!: number;
  @Field(() => Date, { nullable: true }) firstOrderAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastOrderAt!: Date | null;
  @Field(() => Date, { nullable: true }) firstSeenAt!: Date | null;
  @Field(() => Date, { nullable: true }) lastSeenAt!: Date | null;
  @Field(() => Int, { nullable: true, description: 'RFM recency quintile, 5 = most recent; a batch job (the scoring schedule or runScoring), not moved by ingest' }) rfmR!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM frequency quintile, 5 = most orders; batch job, not moved by ingest' }) rfmF!: number | null;
  @Field(() => Int, { nullable: true, description: 'RFM monetary quintile on net revenue, 5 = most; batch job, not moved by ingest' }) rfmM!: number | null;
  @Field(() => String, { nullable: true, description: 'Named RFM cell, e.g. Champions; batch job (quintiles are relative to every buyer), not moved by ingest' }) rfmSegment!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'prospect (registered, never ordered), new, active, reactivated, silent or churned. Ingest moves it when an order arrives (a first order makes it new, an order after a lapse of churnDays reactivated) or a registered person appears (prospect); the scoring job moves it as time passes',
  })
  lifecycle!: string | null;
  @Field(() => String, { nullable: true, description: 'high_value (top net-revenue quintile) or potential; batch job' }) valueTier!: string | null;
  @Field(() => Float, { nullable: true }) pAlive!: number | null;
  @Field(() => Float, { nullable: true, description: '1 − P(alive) under the fitted BG/NBD model' }) churnRisk!: number | null;
  @Field(() => Float, { nullable: true }) expectedOrders90d!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: "Gamma-Gamma's expected average order value (net): the buyer's repeat-day average pulled toward the population mean; the population mean for buyers without repeats; batch job",
  })
  expectedAvgOrderValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'P(at least one order in the next 30 days) under BG/NBD; batch job' }) purchaseProbability30d!: number | null;
  @Field(() => Float, { nullable: true, description: 'Expected orders in the next 52 weeks under BG/NBD; batch job' }) expectedOrders52w!: number | null;
  @Field(() => Float, { nullable: true, description: 'Customer lifetime value over 52 weeks, undiscounted: expectedOrders52w × expectedAvgOrderValue; batch job' })
  clv52w!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'clv52w with each quarter\'s expected spend discounted from the quarter\'s end at SCORING_CLV_DISCOUNT_RATE a year; batch job',
  })
  clv52wDiscounted!: number | null;
  @Field(() => Date, { nullable: true, description: 'When the scoring job wrote the scores' }) scoredAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'The instant the scores describe: orders after it were ignored (see lastScoringRun)' })
  scoresAsOf!: Date | null;
}

@Scopes('read')
@ObjectType()
export class Identity {
  @Field(() => IdentityKindEnum) kind!: IdentityKind;
  @Field() value!: string;
  @Field() createdAt!: Date;
}

@Scopes('read')
@ObjectType({ description: 'A record that another profile was folded into this one.' })
export class ProfileMerge {
  @Field(() => ID) mergedProfileId!: string;
  @Field(() => IdentityKindEnum, { description: 'Kind of the identity that linked the two' }) identityKind!: IdentityKind;
  @Field({ description: 'The identity value that linked the two' }) identityValue!: string;
  @Field(() => String, { nullable: true }) messageId!: string | null;
  @Field() mergedAt!: Date;
}

@Scopes('read')
@ObjectType({ description: 'One unified customer: identities, traits, stats and events from every source.' })
export class Profile {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLJSONObject) traits!: Record<string, unknown>;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastSeenAt!: Date | null;
  @Field(() => ProfileStats) stats!: ProfileStats;
}

@Scopes('read')
@ObjectType()
export class ProfileEvent {
  @Field(() => ID) id!: string;
  @Field() messageId!: string;
  @Field() type!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => GraphQLJSONObject) properties!: Record<string, unknown>;
  @Field(() => GraphQLJSONObject) context!: Record<string, unknown>;
  @Field() occurredAt!: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'The time the sender claimed, when it was still more than INGEST_MAX_FUTURE_SKEW_MS ahead of receipt after clock-skew correction: occurredAt is then the receipt time. Null otherwise.',
  })
  clampedFrom!: Date | null;
  @Field() receivedAt!: Date;
  @Field() source!: string;
}

@Scopes('read')
@ObjectType()
export class ProfileConnection extends Connection('Profile', Profile, ['read']) {}

@Scopes('read')
@ObjectType()
export class ProfileEventConnection extends Connection('ProfileEvent', ProfileEvent, ['read']) {}

@InputType()
export class IdentityInput {
  @Field(() => IdentityKindEnum) kind!: IdentityKind;
  @Field() value!: string;
}

@InputType({ description: 'A trait at a dot path equals a JSON value.' })
export class TraitEquals {
  @Field({ description: 'Dot path, e.g. "address.country"' }) path!: string;
  @Field(() => GraphQLJSON) value!: unknown;
}

@InputType()
export class ProfileFilter {
  @Field(() => [TraitEquals], { nullable: true }) traits?: TraitEquals[];
  @Field(() => IdentityInput, { nullable: true }) identity?: IdentityInput;
  @Field(() => Date, { nullable: true }) lastSeenFrom?: Date;
  @Field(() => Date, { nullable: true }) lastSeenTo?: Date;
}
