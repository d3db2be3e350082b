import { ConfigError } from './env';
import { loadConfig, type Config } from './config';

/** SCORING_AS_OF as comparable text. */
const scoringAsOfText = ({ scoring: { asOf } }: Config) => (asOf.kind === 'fixed' ? asOf.at.toISOString() : asOf.kind);

/** Reads one value out of a loaded Config. */
type Pick = (config: Config) => unknown;

/**
 * Every setting: where it lands, its default, a value in its accepted form and what that
 * becomes, and a value that must stop the server with the accepted form named.
 */
const SETTINGS: [name: string, pick: Pick, fallback: unknown, good: string, parsed: unknown, bad: string, form: RegExp][] = [
  ['DATABASE_URL', (c) => c.databaseUrl, undefined, 'postgres://db/app', 'postgres://db/app', 'db:5432', /URL starting with postgres:\/\//],
  ['PORT', (c) => c.port, 4000, '8080', 8080, '80800', /integer from 0 to 65535/],
  ['HOST', (c) => c.host, '127.0.0.1', '0.0.0.0', '0.0.0.0', '0.0.0.0:4000', /IP address/],
  ['ADMIN_API_KEY', (c) => c.adminApiKey, undefined, 'sk_0123456789abcdef', 'sk_0123456789abcdef', 'admin', /at least 16 characters/],
  ['EMBEDDED_PG_PORT', (c) => c.embeddedPostgresPort, 54329, '5433', 5433, '0', /integer from 1 to 65535/],
  ['DATABASE_POOL_SIZE', (c) => c.databasePoolSize, 10, '24', 24, '2.5', /integer from 1 to 1000/],
  ['DEMO_DATA', (c) => c.demoData, 'auto', 'false', false, 'maybe', /one of true, false, auto/],
  ['LOG_LEVEL', (c) => c.logLevel, 'info', 'debug', 'debug', 'verbose', /one of fatal, error, warn, info, debug, trace, silent/],
  ['INGEST_MAX_BATCH', (c) => c.ingest.maxBatchEvents, 1000, '500', 500, '0', /integer from 1 to 100000/],
  ['INGEST_MAX_BODY_BYTES', (c) => c.ingest.maxBodyBytes, 1_048_576, '64kb', 65_536, '1 megabyte', /size such as 64kb/],
  ['INGEST_MAX_FUTURE_SKEW_MS', (c) => c.ingest.maxFutureSkewMs, 86_400_000, '5m', 300_000, '-1', /duration such as/],
  ['SCHEDULER_ENABLED', (c) => c.scheduler.enabled, true, 'false', false, '0', /true or false/],
  ['SEGMENT_REFRESH_INTERVAL_MS', (c) => c.scheduler.segmentsEveryMs, 60_000, '30s', 30_000, 'NaN', /duration such as/],
  ['SEGMENT_EXPIRY_INTERVAL_MS', (c) => c.scheduler.expiryEveryMs, 1_000, '250ms', 250, '5', /from 10ms to 1m/],
  ['SEGMENT_SAFETY_NET_INTERVAL_MS', (c) => c.scheduler.safetyNetEveryMs, 3_600_000, '6h', 21_600_000, 'soon', /duration such as/],
  ['SCORING_INTERVAL_MS', (c) => c.scheduler.scoringEveryMs, 3_600_000, '2h', 7_200_000, '0', /from 1ms to 24d/],
  ['LIFECYCLE_NEW_DAYS', (c) => c.scoring.lifecycle.newDays, 30, '14', 14, '2.5', /whole number of days/],
  ['LIFECYCLE_ACTIVE_DAYS', (c) => c.scoring.lifecycle.activeDays, 90, '60d', 60, 'x', /whole number of days/],
  ['LIFECYCLE_CHURN_DAYS', (c) => c.scoring.lifecycle.churnDays, 180, '4320h', 180, '0', /from 1d to 3650d/],
  ['SCORING_POTENTIAL_MIN_EXPECTED_ORDERS', (c) => c.scoring.potentialMinExpectedOrders, 1, '0.5', 0.5, '-1', /number from 0 to 1000/],
  ['SCORING_CLV_DISCOUNT_RATE', (c) => c.scoring.clvDiscountRate, 0.1, '0.08', 0.08, '2', /number from 0 to 1/],
  ['SCORING_AS_OF', (c) => scoringAsOfText(c), 'now', '2011-12-10', '2011-12-10T00:00:00.000Z', '10/12/2011', /now, latest-event or an ISO date/],
  ['SCORING_AS_OF', (c) => scoringAsOfText(c), 'now', 'latest-event', 'latest-event', 'latest', /now, latest-event or an ISO date/],
  ['CONSENT_DEFAULT_PERSONALIZATION', (c) => c.consent.defaultPersonalization, true, 'false', false, 'no', /true or false/],
  ['PERSONALIZATION_CACHE_PROFILES', (c) => c.personalization.cachedProfiles, 100_000, '0', 0, '-1', /integer from 0 to 10000000/],
  ['EVENT_RETENTION_MONTHS', (c) => c.events.retentionMonths, null, '13', 13, '0', /integer from 1 to 1200/],
  ['DATABASE_READ_URL', (c) => c.readReplicas.urls.join(' '), '', 'postgres://r1/app, postgresql://r2/app', 'postgres://r1/app postgresql://r2/app', 'postgres://r1/app,r2:5432', /comma-separated URLs starting with postgres:\/\//],
  ['DATABASE_READ_WAIT_MS', (c) => c.readReplicas.waitMs, 250, '1s', 1000, '-1', /duration/],
  ['DATABASE_READ_YOUR_WRITES_MS', (c) => c.readReplicas.readYourWritesMs, 5000, '10s', 10_000, 'soon', /duration/],
  ['DATABASE_READ_MAX_LAG_MS', (c) => c.readReplicas.maxLagMs, 30_000, '2m', 120_000, 'far', /duration/],
  ['DATABASE_READ_POLL_MS', (c) => c.readReplicas.pollMs, 1000, '250ms', 250, '5', /duration/],
  ['DATABASE_READ_POOL_SIZE', (c) => c.readReplicas.poolSize, 10, '4', 4, '0', /integer from 1 to 1000/],
  ['EVENT_PARTITIONS_INTERVAL_MS', (c) => c.events.partitionsEveryMs, 3_600_000, '10m', 600_000, 'often', /duration/],
  ['IDENTITY_LIMITS', (c) => c.identity.limits.anonymous_id, 5, 'anonymous_id=1', 1, 'emial=3', /kind=N pairs with kind one of user_id, anonymous_id, email, phone, device_id/],
  ['GRAPHQL_MAX_DEPTH', (c) => c.ops.queryLimits.maxDepth, 12, '8', 8, '0', /integer from 1 to 1000/],
  ['GRAPHQL_MAX_COST', (c) => c.ops.queryLimits.maxCost, 50_000, '100', 100, '1e4', /integer from 1/],
  ['GRAPHQL_MAX_ALIASES', (c) => c.ops.queryLimits.maxAliases, 15, '0', 0, '-1', /integer from 0/],
  ['GRAPHQL_MAX_TOKENS', (c) => c.ops.queryLimits.maxTokens, 2000, '500', 500, 'many', /integer from 1/],
  ['GRAPHQL_MAX_DIRECTIVES', (c) => c.ops.queryLimits.maxDirectives, 50, '5', 5, '5.5', /integer from 0/],
  ['RATE_LIMIT_PER_SECOND', (c) => c.ops.rateLimits.default.perSecond, 100, '0.5', 0.5, 'lots', /number from 0/],
  ['RATE_LIMIT_BURST', (c) => c.ops.rateLimits.default.burst, 200, '20', 20, '-2', /number from 0/],
  ['RATE_LIMIT_INGEST_PER_SECOND', (c) => c.ops.rateLimits.byScope.ingest?.perSecond, undefined, '50', 50, 'fast', /number from 0/],
  ['RATE_LIMIT_PERSONALIZE_BURST', (c) => c.ops.rateLimits.byScope.personalize?.burst, 2000, '10', 10, 'x', /number from 0/],
  ['SHUTDOWN_TIMEOUT_MS', (c) => c.ops.shutdownTimeoutMs, 10_000, '30s', 30_000, '30 seconds', /duration such as 250ms, 30s, 5m, 1h or 2d/],
  ['SHUTDOWN_DELAY_MS', (c) => c.ops.shutdownDelayMs, 0, '1500', 1500, '1.5', /whole number of milliseconds/],
  ['HTTP_KEEP_ALIVE_TIMEOUT_MS', (c) => c.ops.keepAliveTimeoutMs, 65_000, '75s', 75_000, 'soon', /duration such as/],
  ['ABANDONED_CART_MINUTES', (c) => c.triggers.abandonedCartMinutes, 60, '2h', 120, '30s', /from 1m to 365d/],
  ['TRIGGER_LOOKBACK_HOURS', (c) => c.triggers.lookbackHours, 48, '3d', 72, '0', /plain number of hours, from 1h to 365d/],
  ['TRIGGER_SCAN_INTERVAL_MS', (c) => c.triggers.scanEveryMs, 60_000, '10s', 10_000, 'often', /duration such as/],
  ['REPURCHASE_SCAN_INTERVAL_MS', (c) => c.triggers.repurchaseEveryMs, 3_600_000, '1d', 86_400_000, '30d', /from 1ms to 24d/],
  ['WEBHOOK_DELIVERY_INTERVAL_MS', (c) => c.triggers.webhooks.deliveryEveryMs, 2_000, '500ms', 500, '0', /from 1ms/],
  ['WEBHOOK_TIMEOUT_MS', (c) => c.triggers.webhooks.timeoutMs, 5_000, '10s', 10_000, '1.5s.', /duration such as/],
  ['WEBHOOK_BACKOFF_BASE_MS', (c) => c.triggers.webhooks.backoffBaseMs, 30_000, '20', 20, 'x', /duration such as/],
  ['WEBHOOK_BACKOFF_MAX_MS', (c) => c.triggers.webhooks.backoffMaxMs, 21_600_000, '12h', 43_200_000, '12 hours', /duration such as/],
  ['WEBHOOK_MAX_ATTEMPTS', (c) => c.triggers.webhooks.maxAttempts, 8, '3', 3, '0', /integer from 1 to 100/],
  ['WEBHOOK_BATCH_SIZE', (c) => c.triggers.webhooks.batchSize, 20, '50', 50, '2.5', /integer from 1 to 1000/],
  ['SIMILARITY_REFRESH_INTERVAL_MS', (c) => c.recommendations.refreshEveryMs, 3_600_000, '15m', 900_000, '500ms', /from 1s to 24d/],
  ['RECS_SIMILARITY_BASIS', (c) => c.recommendations.similarity.basis, 'buyer', 'order', 'order', 'basket', /one of buyer, order/],
  ['RECS_HALF_LIFE_DAYS', (c) => c.recommendations.similarity.halfLifeDays, 30, '7.5', 7.5, '0', /plain number of days, from 1d/],
  ['RECS_SMOOTHING', (c) => c.recommendations.similarity.smoothing, 20, '2.5', 2.5, '-1', /number from 0/],
  ['RECS_MAX_ITEMS_PER_BUYER', (c) => c.recommendations.similarity.maxItemsPerBuyer, 100, '50', 50, '1', /integer from 2/],
  ['RECS_HISTORY_DAYS', (c) => c.recommendations.similarity.historyDays, 365, '730', 730, '1y', /whole number of days/],
  ['RECS_TOP_K', (c) => c.recommendations.similarity.topK, 50, '10', 10, '0', /integer from 1/],
  ['RECS_POPULAR_WINDOW_DAYS', (c) => c.recommendations.popularity.windowDays, 90, '30d', 30, '-30', /whole number of days/],
  ['RECS_TRENDING_RECENT_DAYS', (c) => c.recommendations.popularity.recentDays, 7, '14', 14, '0.5', /whole number of days/],
  ['RECS_TRENDING_PRIOR_DAYS', (c) => c.recommendations.popularity.priorDays, 28, '56', 56, 'month', /whole number of days/],
  ['RECS_FOR_YOU_SEED_ITEMS', (c) => c.recommendations.forYou.seedItems, 20, '5', 5, '0', /integer from 1/],
  ['RECS_VIEW_WEIGHT', (c) => c.recommendations.forYou.viewWeight, 0.5, '0.25', 0.25, 'half', /number from 0 to 1000/],
  ['RECS_FOR_YOU_KEPT_ITEMS', (c) => c.recommendations.forYou.keptItems, 20, '0', 0, '101', /integer from 0 to 100/],
  ['RECS_INGEST_REFRESH_DELAY_MS', (c) => c.recommendations.ingestRefreshDelayMs, 60_000, '30s', 30_000, 'soon', /duration/],
  ['RECS_CACHED_LISTS', (c) => c.recommendations.cachedLists, 20_000, '0', 0, '-1', /integer from 0 to 10000000/],
];

/** The problems loadConfig refuses `env` with (none when it loads). */
function refusals(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('loadConfig', () => {
  it.each(SETTINGS)('%s: unset gives the default', (_name, pick, fallback) => {
    expect(pick(loadConfig({}))).toBe(fallback);
  });

  it.each(SETTINGS)('%s: an empty value gives the default', (name, pick, fallback) => {
    expect(pick(loadConfig({ [name]: '' }))).toBe(fallback);
  });

  it.each(SETTINGS)('%s=%#: a value in the accepted form is read', (name, pick, _fallback, good, parsed) => {
    expect(pick(loadConfig({ [name]: good }))).toBe(parsed);
  });

  it.each(SETTINGS)('%s: a malformed value stops start-up, naming the variable and the accepted form', (name, _pick, _fallback, _good, _parsed, bad, form) => {
    const problems = refusals({ [name]: bad });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: expected .*${form.source}`));
    expect(problems[0]).toContain(`; got ${JSON.stringify(bad)}`);
  });

  it('DEMO_DATA: true and false as written, auto when unset', () => {
    expect(loadConfig({ DEMO_DATA: 'true' }).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'auto' }).demoData).toBe('auto');
  });

  it('refuses a rate limit for a scope that does not exist', () => {
    expect(() => loadConfig({ RATE_LIMIT_INGESTT_PER_SECOND: '5' })).toThrow(/RATE_LIMIT_INGESTT_PER_SECOND: expected a scope in the name: RATE_LIMIT_<INGEST\|READ\|ADMIN\|SUBSCRIBE\|PERSONALIZE>_PER_SECOND/);
  });

  it.each(['email', 'email=0', 'email=1=2', 'email=two', '=3', 'phone=1001'])('IDENTITY_LIMITS: refuses the entry %j', (entry) => {
    expect(refusals({ IDENTITY_LIMITS: `user_id=1,${entry}` })).toEqual([expect.stringMatching(new RegExp(`^IDENTITY_LIMITS: expected comma-separated kind=N pairs.*; got "${entry}"$`))]);
  });

  it('IDENTITY_BLOCKED_VALUES: a comma-separated list, trimmed and lower-cased', () => {
    expect(loadConfig({ IDENTITY_BLOCKED_VALUES: 'N/A, Guest' }).identity.blockedValues).toEqual(['n/a', 'guest']);
    expect(loadConfig({}).identity.blockedValues).toContain('anonymous');
  });

  it('names every malformed variable in one error', () => {
    const problems = refusals({ DEMO_DATA: 'maybe', PORT: 'http', SHUTDOWN_TIMEOUT_MS: 'soon' });
    expect(problems.map((line) => line.split(':')[0]).sort()).toEqual(['DEMO_DATA', 'PORT', 'SHUTDOWN_TIMEOUT_MS']);
  });

  it('ignores variables it does not know', () => {
    expect(() => loadConfig({ SEGMENTARY_FUTURE_FLAG: 'on', NODE_ENV: 'production' })).not.toThrow();
  });
});
