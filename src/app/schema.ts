import 'reflect-metadata';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { ProfilesResolver } from '../profiles/profiles.resolver';
import { IngestResolver } from '../ingest/ingest.resolver';
import { ApiKeysResolver } from '../auth/api-keys.resolver';
import { SubscriptionsResolver } from '../realtime/subscriptions.resolver';
import { AnalyticsResolver } from '../analytics/analytics.resolver';
import { ErasureResolver } from '../privacy/erasure.resolver';
import { ProfileSegmentsResolver, SegmentsForResolver, SegmentsResolver } from '../segments/segments.resolver';
import { ScoringResolver } from '../scoring/scoring.resolver';
import { ConsentResolver, ProfileConsentResolver } from '../privacy/consent.resolver';
import { ContentItemsResolver } from '../personalization/content.resolver';
import { DecisionsResolver, PlacementsResolver } from '../personalization/personalization.resolver';
import { TriggersResolver } from '../triggers/triggers.resolver';
import { WebhooksResolver } from '../webhooks/webhooks.resolver';
import { ExperimentsResolver } from '../experiments/experiments.resolver';
import { RecommendationsResolver } from '../recommendations/recommendations.resolver';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  ProfilesResolver,
  IngestResolver,
  ApiKeysResolver,
  SegmentsResolver,
  ProfileSegmentsResolver,
  SegmentsForResolver,
  ScoringResolver,
  ConsentResolver,
  ProfileConsentResolver,
  ContentItemsResolver,
  PlacementsResolver,
  DecisionsResolver,
  TriggersResolver,
  WebhooksResolver,
  ExperimentsResolver,
  RecommendationsResolver,
  SubscriptionsResolver,
  AnalyticsResolver,
  ErasureResolver,
];

let built: Promise<GraphQLSchema> | undefined;

/**
 * Subscriptions here use the `subscribe` option backed by PostgreSQL LISTEN/NOTIFY
 * (src/realtime); type-graphql still insists on a PubSub, so it gets one that refuses use.
 */
const unusedPubSub = {
  publish(): never {
    throw new Error('publish through PostgreSQL NOTIFY (src/realtime), not the type-graphql PubSub');
  },
  subscribe(): never {
    throw new Error('subscriptions use the `subscribe` option (src/realtime)');
  },
};

/** The schema is the same for every instance and request: build it once. */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, validate: false, pubSub: unusedPubSub });
  return built;
}
