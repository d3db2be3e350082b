import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Connection, Scopes, ListSize } from '../common';
import { Profile } from '../profiles';

export enum SegmentPurpose {
  GENERAL = 'GENERAL',
  MARKETING = 'MARKETING',
  PERSONALIZATION = 'PERSONALIZATION',
  ANALYTICS = 'ANALYTICS',
}
registerEnumType(SegmentPurpose, { name: 'SegmentPurpose', description: 'MARKETING segments only ever contain profiles that consented to marketing.' });

export enum MembershipChangeKind {
  ENTERED = 'ENTERED',
  EXITED = 'EXITED',
}
registerEnumType(MembershipChangeKind, { name: 'MembershipChangeKind' });

export enum MembershipCause {
  EVENT = 'EVENT',
  SCHEDULE = 'SCHEDULE',
  /** Time alone changed the answer at the instant a timer said: a window lapsed, a wait ended, a date came near. */
  EXPIRY = 'EXPIRY',
  DEFINITION = 'DEFINITION',
  ERASURE = 'ERASURE',
  MERGE = 'MERGE',
  SCORING = 'SCORING',
  /** Marketing consent was granted or withdrawn (MARKETING segments only). */
  CONSENT = 'CONSENT',
}
registerEnumType(MembershipCause, { name: 'MembershipCause', description: 'What made a profile enter or leave a segment.' });

@Scopes('read')
@ObjectType({ description: 'A rule over profiles whose membership stays current as events arrive and time passes.' })
export class Segment {
  @Field(() => ID) id!: string;
  @Scopes('read', 'personalize') @Field({ description: 'Stable identifier used by clients and in definitions ({"segment": {"key": ...}})' }) key!: string;
  @Scopes('read', 'personalize') @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => GraphQLJSONObject, { description: 'The rule tree; see schema/segment-definition.schema.json' }) definition!: Record<string, unknown>;
  @Field(() => SegmentPurpose) purpose!: SegmentPurpose;
  @Field({ description: 'True when membership can change with time alone; re-run by the scheduler.' }) timeSensitive!: boolean;
  @Field({ description: 'Built-in segments (RFM cells, lifecycle stages) are maintained by the server.' }) builtIn!: boolean;
  @Field(() => Int) version!: number;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
  @Field(() => Date, { nullable: true }) lastComputedAt!: Date | null;
  dependencies!: SegmentDependenciesRecord;
}

export interface SegmentDependenciesRecord {
  eventNames: string[];
  traitPaths: string[];
  /** Absent in definitions stored before `account` leaves existed. */
  accountTraitPaths?: string[];
  stats: string[];
  /** Absent in definitions stored before computed traits existed. */
  computedKeys?: string[];
  segmentKeys: string[];
  timeSensitive: boolean;
}

@Scopes('read')
@ObjectType()
export class SegmentMember {
  @Field(() => Profile) profile!: Profile;
  @Field() enteredAt!: Date;
}

@Scopes('read')
@ObjectType()
export class SegmentMemberConnection extends Connection('SegmentMember', SegmentMember, ['read']) {}

@Scopes('read')
@ObjectType({ description: 'A segment a profile belongs to, and since when.' })
export class ProfileSegment {
  @Scopes('read', 'personalize') @Field(() => Segment) segment!: Segment;
  @Scopes('read', 'personalize') @Field() enteredAt!: Date;
}

@Scopes('subscribe')
@ObjectType({ description: 'One entry or exit. `cursor` orders all changes; pass it as `after` to resume.' })
export class MembershipChange {
  @Field({ description: 'Opaque, increasing; pass as `after` to replay from here.' }) cursor!: string;
  @Field(() => ID) segmentId!: string;
  @Field() segmentKey!: string;
  @Field(() => ID) profileId!: string;
  @Field(() => MembershipChangeKind) kind!: MembershipChangeKind;
  @Field(() => MembershipCause) cause!: MembershipCause;
  @Field(() => Int) segmentVersion!: number;
  @Field() at!: Date;
}

@Scopes('read')
@ObjectType()
export class SegmentPreview {
  @Field(() => Int) size!: number;
  @ListSize('page') @Field(() => [Profile], { description: 'Up to `sampleSize` matching profiles.' }) sample!: Profile[];
  @Field({ description: 'Whether membership would change with time alone.' }) timeSensitive!: boolean;
}

@Scopes('admin')
@ObjectType()
export class RecomputeResult {
  @Field(() => Segment) segment!: Segment;
  @Field(() => Int) entered!: number;
  @Field(() => Int) exited!: number;
  @Field(() => Int) size!: number;
  @Field(() => Int) durationMs!: number;
}
