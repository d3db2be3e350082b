/** Settings: everything the server reads from the environment, parsed and checked once at start-up. */
export { DEFAULT_BLOCKED_VALUES, loadConfig, type Config, type IdentityRules, type IngestLimits, type LifecycleRules, type SchedulerConfig, type ScoringAsOf, type ScoringConfig } from './config';
export { readCorsConfig, type CorsConfig } from './cors.config';
export { ConfigError, readEnv, type EnvReader } from './env';
export { loadOpsConfig, loadRateLimits, type OpsConfig, type QueryLimits, type RateLimit, type RateLimits } from './ops.config';
export { loadRecommendationsConfig, type RecommendationsConfig, type SimilarityBasis, type ForYouParams } from './recommendations.config';
export { loadTriggersConfig, type TriggersConfig, type WebhookConfig } from './triggers.config';
