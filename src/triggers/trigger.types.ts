import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TriggerKind } from './trigger-kind';
import { Scopes } from '../common';

registerEnumType(TriggerKind, {
  name: 'TriggerKind',
  description: 'A customer behaviour worth reacting to.',
  valuesConfig: {
    ABANDONED_CART: { description: 'Products added to the cart and no order within ABANDONED_CART_MINUTES of the last one.' },
    BIRTHDAY: { description: "Today (UTC) is the `birthday` trait's month and day; Feb 29 birthdays fire on Feb 28 in other years." },
    REPURCHASE: { description: "A repeat buyer's next order, expected from their own median gap between order days, is overdue." },
  },
});

@Scopes('subscribe')
@ObjectType({ description: 'One firing of a trigger for one profile. Each fires once (see dedupeKey).' })
export class TriggerOccurrence {
  @Field({ description: 'Pass as `after` to resume.' }) cursor!: string;
  @Field(() => TriggerKind) kind!: TriggerKind;
  @Field(() => ID) profileId!: string;
  @Field({ description: 'What makes this occurrence unique, e.g. `birthday:<profile>:<year>`.' }) dedupeKey!: string;
  @Field(() => GraphQLJSONObject, { description: 'Details for the message: cart products, expected order date, days overdue, ...' })
  payload!: Record<string, unknown>;
  @Field({ description: 'When the scan found it.' }) occurredAt!: Date;
}
