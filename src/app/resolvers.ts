import type { ClassType } from 'type-graphql';
import type { Services } from './services';
import { ProfilesResolver } from '../profiles';
import { AccountsResolver, ProfileAccountsResolver } from '../accounts';
import { IngestResolver } from '../ingest';
import { ApiKeysResolver } from '../auth';
import { SubscriptionsResolver } from '../realtime';
import { AnalyticsResolver } from '../analytics';
import { DiscoveryResolver } from '../discovery';
import { ErasureResolver, ConsentResolver, ProfileConsentResolver } from '../privacy';
import { ProfileSegmentsResolver, SegmentsForResolver, SegmentsResolver } from '../segments';
import { ScoringResolver } from '../scoring';
import { ComputedTraitsResolver, ProfileComputedResolver } from '../computed-traits';
import { ContentItemsResolver, DecisionsResolver, PlacementsResolver } from '../personalization';
import { TriggersResolver } from '../triggers';
import { WebhooksResolver } from '../webhooks';
import { ExperimentResultsResolver, ExperimentsResolver } from '../experiments';
import { RecommendationsResolver } from '../recommendations';

/** A resolver class and how to construct it from the services it needs. */
export interface ResolverWiring<T extends object = object> {
  type: ClassType<T>;
  create(services: Services): T;
}

const wire = <T extends object>(type: ClassType<T>, create: (services: Services) => T): ResolverWiring => ({ type, create });

/** Every resolver of the schema, each given exactly the services it uses. */
export const RESOLVERS: readonly ResolverWiring[] = [
  wire(ProfilesResolver, (s) => new ProfilesResolver(s.profiles)),
  wire(AccountsResolver, (s) => new AccountsResolver(s.accounts)),
  wire(ProfileAccountsResolver, () => new ProfileAccountsResolver()),
  wire(IngestResolver, (s) => new IngestResolver(s.ingest)),
  wire(ApiKeysResolver, (s) => new ApiKeysResolver(s.apiKeys)),
  wire(SegmentsResolver, (s) => new SegmentsResolver(s.segments)),
  wire(ProfileSegmentsResolver, () => new ProfileSegmentsResolver()),
  wire(SegmentsForResolver, (s) => new SegmentsForResolver(s.profiles)),
  wire(ComputedTraitsResolver, (s) => new ComputedTraitsResolver(s.computedTraits)),
  wire(ProfileComputedResolver, () => new ProfileComputedResolver()),
  wire(ScoringResolver, (s) => new ScoringResolver(s.scoring)),
  wire(ConsentResolver, (s) => new ConsentResolver(s.consent)),
  wire(ProfileConsentResolver, () => new ProfileConsentResolver()),
  wire(ContentItemsResolver, (s) => new ContentItemsResolver(s.content)),
  wire(PlacementsResolver, (s) => new PlacementsResolver(s.placements)),
  wire(DecisionsResolver, (s) => new DecisionsResolver(s.personalization)),
  wire(TriggersResolver, (s) => new TriggersResolver(s.triggers)),
  wire(WebhooksResolver, (s) => new WebhooksResolver(s.webhooks)),
  wire(ExperimentsResolver, (s) => new ExperimentsResolver(s.experiments, s.segments)),
  wire(ExperimentResultsResolver, (s) => new ExperimentResultsResolver(s.experiments)),
  wire(RecommendationsResolver, (s) => new RecommendationsResolver(s.recommendations, (visitor) => s.personalization.personalProfileOf(visitor))),
  wire(SubscriptionsResolver, (s) => new SubscriptionsResolver(s.realtime, s.segments, s.profiles)),
  wire(AnalyticsResolver, (s) => new AnalyticsResolver(s.analytics)),
  wire(DiscoveryResolver, (s) => new DiscoveryResolver(s.discovery, s.segments)),
  wire(ErasureResolver, (s) => new ErasureResolver(s.erasure, s.profiles, s.replays)),
];
