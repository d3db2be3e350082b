/** The change feed (LISTEN/NOTIFY), change streams and subscription plumbing. */
export { ChangeFeed, type ChangeMessage } from './change-feed';
export { ChangeStream } from './change-stream';
export { ProfileCache, type CacheRead, type CacheStats, type ProfileCacheDeps } from './profile-cache';
export { RealtimeService, parseCursor } from './realtime.service';
export { SharedSubscriptionExecution } from './shared-execution';
export { boundWhenSchemaIsBuilt, type ServesSubscriptions, type SubscriptionSource } from './subscription-sources';
export { SubscriptionsResolver } from './subscriptions.resolver';
