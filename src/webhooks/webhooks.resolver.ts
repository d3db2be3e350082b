import { Arg, Args, ArgsType, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Scopes, PageArgs, ListArgs, firstOf } from '../common';
import { TriggerKind } from '../triggers';
import type { WebhooksService } from './webhooks.service';
import { CreatedWebhook, Webhook, WebhookDeliveryConnection, WebhookDeliveryStatus } from './webhooks.types';

@ArgsType()
class DeliveriesArgs extends PageArgs {
  @Field(() => ID) webhook!: string;
  @Field(() => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null;
}

/** Webhook administration; every operation needs the `admin` scope. */
@Resolver()
export class WebhooksResolver {
  constructor(private readonly service: WebhooksService) {}

  @Scopes('admin')
  @Query(() => [Webhook])
  async webhooks(@Args() { first }: ListArgs): Promise<Webhook[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('admin')
  @Query(() => WebhookDeliveryConnection, { description: "A webhook's delivery log, newest first." })
  webhookDeliveries(@Args() { webhook, first, after, status }: DeliveriesArgs): Promise<WebhookDeliveryConnection> {
    return this.service.deliveries(webhook, { first, after, status });
  }

  @Scopes('admin')
  @Mutation(() => CreatedWebhook, {
    description: 'Registers an http(s) endpoint for trigger occurrences from now on. Requests carry X-Segmentary-Signature: sha256=<hex HMAC-SHA256 of the raw body>.',
  })
  createWebhook(
    @Arg('url') url: string,
    @Arg('kinds', () => [TriggerKind]) kinds: TriggerKind[],
    @Arg('secret', () => String, { nullable: true, description: 'Signing key (16-256 characters); generated when omitted.' }) secret: string | null | undefined,
  ): Promise<CreatedWebhook> {
    return this.service.create(url, kinds, secret);
  }

  @Scopes('admin')
  @Mutation(() => Webhook, { description: 'Removes a webhook with its delivery log; pending deliveries are dropped.' })
  deleteWebhook(@Arg('id', () => ID) id: string): Promise<Webhook> {
    return this.service.delete(id);
  }
}
