import { Arg, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { requireScope } from '../auth/principal';
import { TriggerKind } from './trigger-kind';
import { TriggerOccurrence } from './trigger.types';

type SubscribeData = { args: Record<string, any>; context: RequestContext }; // eslint-disable-line @typescript-eslint/no-explicit-any

@Resolver()
export class TriggersResolver {
  @Subscription(() => TriggerOccurrence, {
    description: 'Behaviour triggers (abandoned cart, birthday, repurchase reminder) as the scheduled scan finds them; each occurrence once.',
    subscribe: ({ args, context }: SubscribeData) => {
      requireScope(context.principal, 'subscribe');
      return context.services.triggers.occurrences(args.kinds, args.after);
    },
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
