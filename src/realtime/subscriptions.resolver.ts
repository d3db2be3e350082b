import { Arg, Float, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { requireScope } from '../auth/principal';
import { MembershipChange } from '../segments/segment.types';
import { ChurnRiskAlert } from './realtime.types';

type SubscribeData = { args: Record<string, any>; context: RequestContext }; // eslint-disable-line @typescript-eslint/no-explicit-any

const CURSOR_HELP = 'Cursor of the last change received: everything after it is replayed first, then live changes follow.';

/** graphql-ws subscriptions; each needs a key with the `subscribe` (or `admin`) scope. */
@Resolver()
export class SubscriptionsResolver {
  @Subscription(() => MembershipChange, {
    description: 'Entries into and exits from one segment (by id or key).',
    subscribe: async ({ args, context }: SubscribeData) => {
      requireScope(context.principal, 'subscribe');
      const segment = await context.services.segments.get(args.segment);
      return context.services.realtime.segmentMembership(segment.id, args.after);
    },
  })
  segmentMembershipChanged(
    @Root() change: MembershipChange,
    @Arg('segment', { description: 'id or key' }) _segment: string,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): MembershipChange {
    return change;
  }

  @Subscription(() => MembershipChange, {
    description: "Changes to one profile's segments.",
    subscribe: async ({ args, context }: SubscribeData) => {
      requireScope(context.principal, 'subscribe');
      const profile = await context.services.profiles.byIdOrFail(args.profile);
      return context.services.realtime.profileSegments(profile.id, args.after);
    },
  })
  profileSegmentsChanged(
    @Root() change: MembershipChange,
    @Arg('profile', () => ID) _profile: string,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): MembershipChange {
    return change;
  }

  @Subscription(() => ChurnRiskAlert, {
    description: "Fires when a buyer's churn risk crosses `threshold` upward and their revenue is at least `minRevenue`.",
    subscribe: ({ args, context }: SubscribeData) => {
      requireScope(context.principal, 'subscribe');
      return context.services.realtime.churnAlerts(args.threshold, args.minRevenue ?? 0, args.after);
    },
  })
  churnRiskAlert(
    @Root() alert: ChurnRiskAlert,
    @Arg('threshold', () => Float) _threshold: number,
    @Arg('minRevenue', () => Float, { defaultValue: 0 }) _minRevenue: number,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): ChurnRiskAlert {
    return alert;
  }
}
