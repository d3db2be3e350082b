import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Scopes } from '../common';

/** Stored lower-case; GraphQL shows the upper-case names. */
export enum ConsentPurpose {
  ANALYTICS = 'analytics',
  PERSONALIZATION = 'personalization',
  MARKETING = 'marketing',
}
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What a person agreed (or refused) to have their data used for.',
  valuesConfig: {
    ANALYTICS: { description: 'Measurement. Recorded; ingestion does not depend on it. Default when unrecorded: granted.' },
    PERSONALIZATION: { description: 'Tailored content and recommendations. Default when unrecorded: CONSENT_DEFAULT_PERSONALIZATION (true).' },
    MARKETING: { description: 'Membership of MARKETING segments. Opt-in: never assumed.' },
  },
});

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = Object.values(ConsentPurpose);

@Scopes('read', 'ingest')
@ObjectType({ description: "A profile's current choice for one purpose, or the server default when it made none." })
export class Consent {
  @Field(() => ID) profileId!: string;
  @Field(() => ConsentPurpose) purpose!: ConsentPurpose;
  @Field() granted!: boolean;
  @Field({ description: 'True when no choice is recorded and the server default applies.' }) isDefault!: boolean;
  @Field(() => String, { nullable: true, description: 'Where the recorded choice came from, e.g. "cookie-banner" or "event <messageId>".' })
  source!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the recorded choice was made.' }) updatedAt!: Date | null;
}

@Scopes('read')
@ObjectType({ description: 'One recorded change of consent.' })
export class ConsentChange {
  @Field(() => ID) id!: string;
  @Field(() => ConsentPurpose) purpose!: ConsentPurpose;
  @Field() granted!: boolean;
  @Field() source!: string;
  @Field() at!: Date;
}
