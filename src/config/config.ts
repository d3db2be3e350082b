import path from 'node:path';
// Type-only: config is loaded by tools that never touch entities or decorators.
import type { IdentityKind } from '../profiles';
import type { ReadReplicaSettings } from '../db';
import { readEnv, type EnvReader } from './env';
import { readCorsConfig, type CorsConfig } from './cors.config';
import { readOpsConfig, type OpsConfig } from './ops.config';
import { readTriggersConfig, type TriggersConfig } from './triggers.config';
import { readRecommendationsConfig, type RecommendationsConfig } from './recommendations.config';

/** Everything the server reads from the environment, parsed once at start-up. */
export interface Config {
  databaseUrl?: string;
  port: number;
  /** Interface to listen on (HOST): 127.0.0.1 unless set; the Docker image sets 0.0.0.0. */
  host: string;
  adminApiKey?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Connections of the server's PostgreSQL pool (set-based SQL; MikroORM keeps 4 more). */
  databasePoolSize: number;
  demoData: boolean | 'auto';
  logLevel: (typeof LOG_LEVELS)[number];
  ingest: IngestLimits;
  identity: IdentityRules;
  scheduler: SchedulerConfig;
  privacy: { erasureSalt?: string };
  scoring: ScoringConfig;
  /** Abuse limits, metrics and shutdown (ops.config.ts). */
  ops: OpsConfig;
  /** Browser origins allowed on /graphql and /v1/* (cors.config.ts). */
  cors: CorsConfig;
  /** Behaviour triggers and webhooks (triggers.config.ts). */
  triggers: TriggersConfig;
  /** Refresh interval and tuning of recommendations (recommendations.config.ts). */
  recommendations: RecommendationsConfig;
  /** Consent assumed when a profile has recorded no choice (see src/privacy/consent.service.ts). */
  consent: { defaultPersonalization: boolean };
  /** Profiles whose decision facts each instance keeps in memory; 0 turns the cache off (src/personalization/profile-facts-cache.ts). */
  personalization: { cachedProfiles: number };
  /** Monthly event partitions: retention and upkeep (src/event-partitions). */
  events: { retentionMonths: number | null; partitionsEveryMs: number };
  /** Streaming replicas that take read-only work, and how reads wait for them (src/db/read-replicas.ts). */
  readReplicas: { urls: string[] } & ReadReplicaSettings;
}

/** Whole days that place a buyer in a lifecycle stage (see src/scoring/lifecycle.ts). */
export interface LifecycleRules {
  newDays: number;
  activeDays: number;
  churnDays: number;
}

/**
 * The instant the scheduled scoring job scores as of: the clock's now (default), a fixed
 * instant, or the latest event's time (for analysing an imported history).
 */
export type ScoringAsOf = { kind: 'now' } | { kind: 'fixed'; at: Date } | { kind: 'latest-event' };

export interface ScoringConfig {
  lifecycle: LifecycleRules;
  /** SCORING_AS_OF. */
  asOf: ScoringAsOf;
  /** BG/NBD expected orders in the next 90 days that make a buyer "potential". */
  potentialMinExpectedOrders: number;
  /** Annual rate `clv_52w_discounted` discounts future spend by (0.1: 10% a year). */
  clvDiscountRate: number;
}

export interface SchedulerConfig {
  enabled: boolean;
  /** How often time-sensitive segments no timer keeps (SegmentCatalog.isTimed) are recomputed. */
  segmentsEveryMs: number;
  /** How often the expiry worker looks for due segment timers (people leave within this of a window's lapse). */
  expiryEveryMs: number;
  /** How often timed segments are recomputed in full (their timers rewritten) and every computed trait computed afresh, as a safety net. */
  safetyNetEveryMs: number;
  /** How often the scoring job (RFM, lifecycle, BG/NBD) runs. */
  scoringEveryMs: number;
}

export interface IngestLimits {
  maxBatchEvents: number;
  maxBodyBytes: number;
  /** How far in the future a client clock may be before an event is refused. */
  maxFutureSkewMs: number;
}

export interface IdentityRules {
  /** Values that never link two profiles (compared case-insensitively, trimmed). */
  blockedValues: string[];
  /** How many identities of one kind a profile may hold; a merge that would exceed it does not happen. */
  limits: Record<string, number>;
}

export const DEFAULT_BLOCKED_VALUES = ['', 'null', 'undefined', '0', 'anonymous', 'nil', 'none', 'n/a', '-1', 'unknown'];

/** Every identity kind, with how many of it a profile may hold unless IDENTITY_LIMITS says otherwise. */
const DEFAULT_IDENTITY_LIMITS: Record<IdentityKind, number> = { user_id: 1, anonymous_id: 5, email: 5, phone: 5, device_id: 5 };

/** The interface `npm start` listens on without HOST: this machine only (the Docker image sets HOST=0.0.0.0). */
const DEFAULT_HOST = '127.0.0.1';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** IDENTITY_LIMITS: `kind=N` pairs over the defaults; unknown kinds and bad counts are refused. */
function identityLimits(env: EnvReader): Record<string, number> {
  const limits: Record<string, number> = { ...DEFAULT_IDENTITY_LIMITS };
  const raw = env.raw('IDENTITY_LIMITS');
  for (const pair of (raw ?? '').split(',').filter(Boolean)) {
    const parts = pair.split('=').map((part) => part.trim());
    const [kind, n] = parts;
    if (parts.length !== 2 || !(kind in DEFAULT_IDENTITY_LIMITS) || !/^\d+$/.test(n) || Number(n) < 1 || Number(n) > 1000) {
      env.refuse('IDENTITY_LIMITS', `comma-separated kind=N pairs with kind one of ${Object.keys(DEFAULT_IDENTITY_LIMITS).join(', ')} and N from 1 to 1000`, pair);
      continue;
    }
    limits[kind] = Number(n);
  }
  return limits;
}

function demoData(env: EnvReader): boolean | 'auto' {
  const value = env.oneOf('DEMO_DATA', ['true', 'false', 'auto'], 'auto');
  return value === 'auto' ? value : value === 'true';
}

/** Everything in the environment, checked at once: a ConfigError names every bad variable and the form it accepts. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return readEnv(env, readConfig);
}

function readConfig(env: EnvReader): Config {
  const days = (name: string, fallback: number) => env.duration(name, fallback, { unit: 'd', min: 1, max: 3650 });
  return {
    databaseUrl: env.databaseUrl('DATABASE_URL'),
    port: env.integer('PORT', 4000, { min: 0, max: 65_535 }),
    host: env.host('HOST', DEFAULT_HOST),
    adminApiKey: env.secret('ADMIN_API_KEY', 16),
    dataDir: path.resolve(env.string('DATA_DIR') ?? '.data'),
    embeddedPostgresPort: env.integer('EMBEDDED_PG_PORT', 54329, { min: 1, max: 65_535 }),
    databasePoolSize: env.integer('DATABASE_POOL_SIZE', 10, { min: 1, max: 1000 }),
    demoData: demoData(env),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    ingest: {
      maxBatchEvents: env.integer('INGEST_MAX_BATCH', 1000, { min: 1, max: 100_000 }),
      maxBodyBytes: env.bytes('INGEST_MAX_BODY_BYTES', 1024 * 1024, { min: 1024, max: 256 * 1024 * 1024 }),
      maxFutureSkewMs: env.duration('INGEST_MAX_FUTURE_SKEW_MS', 24 * 3600 * 1000, {}),
    },
    privacy: { erasureSalt: env.string('ERASURE_SALT') },
    scheduler: {
      enabled: env.boolean('SCHEDULER_ENABLED', true),
      segmentsEveryMs: env.duration('SEGMENT_REFRESH_INTERVAL_MS', 60_000, { min: 1 }),
      expiryEveryMs: env.duration('SEGMENT_EXPIRY_INTERVAL_MS', 1_000, { min: 10, max: 60_000 }),
      safetyNetEveryMs: env.duration('SEGMENT_SAFETY_NET_INTERVAL_MS', 3_600_000, { min: 1 }),
      scoringEveryMs: env.duration('SCORING_INTERVAL_MS', 3_600_000, { min: 1 }),
    },
    ops: readOpsConfig(env),
    cors: readCorsConfig(env),
    triggers: readTriggersConfig(env),
    recommendations: readRecommendationsConfig(env),
    scoring: {
      lifecycle: {
        newDays: days('LIFECYCLE_NEW_DAYS', 30),
        activeDays: days('LIFECYCLE_ACTIVE_DAYS', 90),
        churnDays: days('LIFECYCLE_CHURN_DAYS', 180),
      },
      potentialMinExpectedOrders: env.number('SCORING_POTENTIAL_MIN_EXPECTED_ORDERS', 1, { min: 0, max: 1000 }),
      clvDiscountRate: env.number('SCORING_CLV_DISCOUNT_RATE', 0.1, { min: 0, max: 1 }),
      asOf: scoringAsOf(env),
    },
    consent: { defaultPersonalization: env.boolean('CONSENT_DEFAULT_PERSONALIZATION', true) },
    personalization: { cachedProfiles: env.integer('PERSONALIZATION_CACHE_PROFILES', 100_000, { min: 0, max: 10_000_000 }) },
    events: {
      retentionMonths: env.raw('EVENT_RETENTION_MONTHS') === undefined ? null : env.integer('EVENT_RETENTION_MONTHS', 0, { min: 1, max: 1200 }),
      partitionsEveryMs: env.duration('EVENT_PARTITIONS_INTERVAL_MS', 3_600_000, { min: 1000 }),
    },
    readReplicas: {
      urls: env.databaseUrls('DATABASE_READ_URL'),
      waitMs: env.duration('DATABASE_READ_WAIT_MS', 250, { min: 0, max: 60_000 }),
      readYourWritesMs: env.duration('DATABASE_READ_YOUR_WRITES_MS', 5_000, { min: 0, max: 3_600_000 }),
      maxLagMs: env.duration('DATABASE_READ_MAX_LAG_MS', 30_000, { min: 0 }),
      pollMs: env.duration('DATABASE_READ_POLL_MS', 1_000, { min: 10, max: 60_000 }),
      poolSize: env.integer('DATABASE_READ_POOL_SIZE', 10, { min: 1, max: 1000 }),
    },
    identity: {
      blockedValues: env.list('IDENTITY_BLOCKED_VALUES', DEFAULT_BLOCKED_VALUES).map((v) => v.toLowerCase()),
      limits: identityLimits(env),
    },
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** SCORING_AS_OF: unset or `now`, `latest-event`, or an ISO date (a bare date is its UTC midnight). */
function scoringAsOf(env: EnvReader): ScoringAsOf {
  const raw = env.raw('SCORING_AS_OF');
  if (raw === undefined || raw === 'now') return { kind: 'now' };
  if (raw === 'latest-event') return { kind: 'latest-event' };
  const at = ISO_INSTANT.test(raw) ? new Date(raw) : undefined;
  if (at && !Number.isNaN(at.getTime())) return { kind: 'fixed', at };
  env.refuse('SCORING_AS_OF', 'now, latest-event or an ISO date such as 2011-12-10 or 2011-12-09T12:50:00Z', raw);
  return { kind: 'now' };
}
