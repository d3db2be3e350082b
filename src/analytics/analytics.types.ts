import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Scopes } from '../common';

export enum StatsInterval {
  DAY = 'day',
  WEEK = 'week',
  MONTH = 'month',
}
registerEnumType(StatsInterval, { name: 'StatsInterval' });

export enum StatsSource {
  RECORDED = 'recorded',
  HISTORY = 'history',
}
registerEnumType(StatsSource, {
  name: 'StatsSource',
  description: 'Where segment statistics come from.',
  valuesConfig: {
    RECORDED: {
      description: 'The membership changes the server recorded as they happened (since the segment was created); entered / exited count every change.',
    },
    HISTORY: {
      description: 'Membership rebuilt from the event history at each bucket\'s start and end, as the definition reads now (events up to each ' +
        'instant, traits as they were then): right for imported history. entered / exited are net changes between start and end; members ' +
        'are those at the start or the end; orders count while in that set. Score stats (RFM, lifecycle, churn risk) have no history and are refused.',
    },
  },
});

@Scopes('read')
@ObjectType({ description: 'One time bucket of a segment. Orders and revenue count while the buyer was a member.' })
export class SegmentStatsPoint {
  @Field({ description: 'Start of the bucket (UTC).' }) start!: Date;
  @Field(() => Int, { description: 'Members at the end of the bucket.' }) size!: number;
  @Field(() => Int) entered!: number;
  @Field(() => Int) exited!: number;
  @Field(() => Int, { description: 'Profiles that were members at some point in the bucket.' }) members!: number;
  @Field(() => Int, { description: 'Order Completed events by members during their membership.' }) orders!: number;
  @Field(() => Float) revenue!: number;
  @Field(() => Int, { description: 'Members who ordered in the bucket.' }) buyers!: number;
  @Field(() => Float, { description: 'buyers / members' }) conversionRate!: number;
  @Field(() => Float, { nullable: true, description: 'revenue / orders' }) averageOrderValue!: number | null;
}

@Scopes('read')
@ObjectType()
export class SegmentOverlap {
  @Field(() => ID) segmentA!: string;
  @Field(() => ID) segmentB!: string;
  @Field() keyA!: string;
  @Field() keyB!: string;
  @Field(() => Int, { description: 'Profiles in both (for A = B: the size).' }) count!: number;
}

@Scopes('read')
@ObjectType({ description: 'One recency × frequency cell of the RFM grid (5 = best).' })
export class RfmCell {
  @Field(() => Int) recency!: number;
  @Field(() => Int) frequency!: number;
  @Field(() => String, { nullable: true, description: 'Most common named RFM segment in the cell.' }) segment!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Float) revenue!: number;
}

@Scopes('read')
@ObjectType({ description: 'Buyers of one lifecycle stage in one CLV decile.' })
export class ValueCell {
  @Field({ description: 'prospect, new, active, reactivated, silent, churned' }) lifecycle!: string;
  @Field(() => Int, { description: '1–10 over all buyers with a CLV; 10 = the highest 52-week CLV' }) decile!: number;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'Sum of clv_52w' }) clv!: number;
  @Field(() => Float) minClv!: number;
  @Field(() => Float) maxClv!: number;
  @Field(() => Float, { description: 'Net revenue to date' }) revenue!: number;
}
