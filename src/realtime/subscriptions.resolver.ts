import { Arg, Float, ID, Resolver, Root, Subscription } from 'type-graphql';
import { Scopes } from '../common';

import type { ProfilesService } from '../profiles';
import { type SegmentsService, MembershipChange } from '../segments';
import { ChurnRiskAlert } from './realtime.types';
import type { RealtimeService } from './realtime.service';
import { boundWhenSchemaIsBuilt, type ServesSubscriptions, type SubscriptionSource } from './subscription-sources';

const CURSOR_HELP = 'Cursor of the last change received: everything after it is replayed first, then live changes follow.';

/** graphql-ws subscriptions; each needs a key with the `subscribe` (or `admin`) scope. */
@Resolver()
export class SubscriptionsResolver implements ServesSubscriptions {
  constructor(
    private readonly realtime: RealtimeService,
    private readonly segments: SegmentsService,
    private readonly profiles: ProfilesService,
  ) {}

  readonly subscriptionSources: Record<string, SubscriptionSource> = {
    segmentMembershipChanged: async (args) => {
      const segment = await this.segments.get(args.segment as string);
      return this.realtime.segmentMembership(segment.id, args.after as string | undefined);
    },
    profileSegmentsChanged: async (args) => {
      const profile = await this.profiles.byIdOrFail(args.profile as string);
      return this.realtime.profileSegments(profile.id, args.after as string | undefined);
    },
    churnRiskAlert: (args) => {
      return this.realtime.churnAlerts(args.threshold as number, (args.minRevenue as number | undefined) ?? 0, args.after as string | undefined);
    },
  };

  @Scopes('subscribe')
  @Subscription(() => MembershipChange, { description: 'Entries into and exits from one segment (by id or key).', subscribe: boundWhenSchemaIsBuilt })
  segmentMembershipChanged(
    @Root() change: MembershipChange,
    @Arg('segment', { description: 'id or key' }) _segment: string,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): MembershipChange {
    return change;
  }

  @Scopes('subscribe')
  @Subscription(() => MembershipChange, { description: "Changes to one profile's segments.", subscribe: boundWhenSchemaIsBuilt })
  profileSegmentsChanged(
    @Root() change: MembershipChange,
    @Arg('profile', () => ID) _profile: string,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): MembershipChange {
    return change;
  }

  @Scopes('subscribe')
  @Subscription(() => ChurnRiskAlert, {
    description: "Fires when a buyer's churn risk crosses `threshold` upward and their revenue is at least `minRevenue`.",
    subscribe: boundWhenSchemaIsBuilt,
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
