import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import { Scopes } from '../common';

import { boundWhenSchemaIsBuilt, type ServesSubscriptions, type SubscriptionSource } from '../realtime';
import { TriggerKind } from './trigger-kind';
import { TriggerOccurrence } from './trigger.types';
import type { TriggersService } from './triggers.service';

@Resolver()
export class TriggersResolver implements ServesSubscriptions {
  constructor(private readonly triggers: TriggersService) {}

  readonly subscriptionSources: Record<string, SubscriptionSource> = {
    triggerFired: (args) => {
      return this.triggers.occurrences(args.kinds as TriggerKind[] | undefined, args.after as string | undefined);
    },
  };

  @Scopes('subscribe')
  @Subscription(() => TriggerOccurrence, {
    description: 'Behaviour triggers (abandoned cart, birthday, repurchase reminder) as the scheduled scan finds them; each occurrence once.',
    subscribe: boundWhenSchemaIsBuilt,
  })
  triggerFired(
    @Root() occurrence: TriggerOccurrence,
    @Arg('kinds', () => [TriggerKind], { nullable: true, description: 'Only these kinds (default: all).' }) _kinds?: TriggerKind[],
    @Arg('after', () => String, {
      nullable: true,
      description: 'Cursor of the last occurrence received: everything after it is replayed first, then live ones follow. "0" replays all.',
    })
    _after?: string,
  ): TriggerOccurrence {
    return occurrence;
  }
}
