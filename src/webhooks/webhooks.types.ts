import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection, Scopes } from '../common';
import { TriggerKind, TriggerOccurrence } from '../triggers';

export enum WebhookDeliveryStatus {
  PENDING = 'pending',
  DELIVERED = 'delivered',
  FAILED = 'failed',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  valuesConfig: {
    PENDING: { description: 'Not yet answered with 2xx; retried with exponential backoff.' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every attempt failed (WEBHOOK_MAX_ATTEMPTS); no more retries.' },
  },
});

@Scopes('admin')
@ObjectType({ description: 'An HTTP endpoint that receives trigger occurrences as signed POST requests.' })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field() url!: string;
  @Field(() => [TriggerKind]) kinds!: TriggerKind[];
  @Field() active!: boolean;
  @Field() createdAt!: Date;
}

@Scopes('admin')
@ObjectType()
export class CreatedWebhook {
  @Field(() => Webhook) webhook!: Webhook;
  @Field({ description: 'HMAC-SHA256 key for X-Segmentary-Signature. Shown once: it cannot be read back.' }) secret!: string;
}

@Scopes('admin')
@ObjectType({ description: 'One occurrence sent to one webhook: its attempts so far and their outcome.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Also sent as X-Segmentary-Delivery.' }) id!: string;
  @Field(() => TriggerOccurrence) occurrence!: TriggerOccurrence;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int, { description: 'Attempts made so far.' }) attempt!: number;
  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt (null when no answer came).' }) responseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) error!: string | null;
  @Field() createdAt!: Date;
  @Field(() => Date, { nullable: true }) lastAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due (pending only).' }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
}

@Scopes('admin')
@ObjectType()
export class WebhookDeliveryConnection extends Connection('WebhookDelivery', WebhookDelivery, ['admin']) {}
