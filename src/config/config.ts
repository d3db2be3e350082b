import path from 'node:path';
import { numberFromEnv } from './env';
import { loadCorsConfig, type CorsConfig } from './cors.config';
import { loadOpsConfig, type OpsConfig } from './ops.config';
import { loadTriggersConfig, type TriggersConfig } from './triggers.config';
import { loadRecommendationsConfig, type RecommendationsConfig } from './recommendations.config';

/** Everything the server reads from the environment, parsed once at start-up. */
export interface Config {
  databaseUrl?: string;
  port: number;
  adminApiKey?: string;
  dataDir: string;
  embeddedPostgresPort: number;
  /** Connections of the server's PostgreSQL pool (set-based SQL; MikroORM keeps 4 more). */
  databasePoolSize: number;
  demoData: boolean | 'auto';
  logLevel: string;
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
}

/** Whole days that place a buyer in a lifecycle stage (see src/scoring/lifecycle.ts). */
export interface LifecycleRules {
  newDays: number;
  activeDays: number;
  churnDays: number;
}

export interface ScoringConfig {
  lifecycle: LifecycleRules;
  /** BG/NBD expected orders in the next 90 days that make a buyer "potential". */
  potentialMinExpectedOrders: number;
}

export interface SchedulerConfig {
  enabled: boolean;
  /** How often time-sensitive segments are recomputed. */
  segmentsEveryMs: number;
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

function parseLimits(raw: string | undefined): Record<string, number> {
  const limits: Record<string, number> = { user_id: 1, anonymous_id: 5, email: 5, phone: 5, device_id: 5 };
  for (const pair of (raw ?? '').split(',').filter(Boolean)) {
    const [kind, n] = pair.split('=');
    const value = Number(n);
    if (!kind || !Number.isInteger(value) || value < 1) throw new Error(`IDENTITY_LIMITS: bad entry "${pair}" (expected kind=N)`);
    limits[kind.trim()] = value;
  }
  return limits;
}

function parseBoolean(raw: string | undefined): boolean | undefined {
  if (raw === undefined || raw === '') return undefined;
  return !['false', '0', 'no', 'off'].includes(raw.toLowerCase());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    port: Number(env.PORT ?? 4000),
    adminApiKey: env.ADMIN_API_KEY || undefined,
    dataDir,
    embeddedPostgresPort: Number(env.EMBEDDED_PG_PORT ?? 54329),
    databasePoolSize: numberFromEnv(env, 'DATABASE_POOL_SIZE', 10),
    demoData: parseBoolean(env.DEMO_DATA) ?? 'auto',
    logLevel: env.LOG_LEVEL ?? 'info',
    ingest: {
      maxBatchEvents: Number(env.INGEST_MAX_BATCH ?? 1000),
      maxBodyBytes: Number(env.INGEST_MAX_BODY_BYTES ?? 1024 * 1024),
      maxFutureSkewMs: Number(env.INGEST_MAX_FUTURE_SKEW_MS ?? 24 * 3600 * 1000),
    },
    privacy: { erasureSalt: env.ERASURE_SALT || undefined },
    scheduler: {
      enabled: parseBoolean(env.SCHEDULER_ENABLED) ?? true,
      segmentsEveryMs: Number(env.SEGMENT_REFRESH_INTERVAL_MS ?? 60_000),
      scoringEveryMs: Number(env.SCORING_INTERVAL_MS ?? 3_600_000),
    },
    ops: loadOpsConfig(env),
    cors: loadCorsConfig(env),
    triggers: loadTriggersConfig(env),
    recommendations: loadRecommendationsConfig(env),
    scoring: {
      lifecycle: {
        newDays: Number(env.LIFECYCLE_NEW_DAYS ?? 30),
        activeDays: Number(env.LIFECYCLE_ACTIVE_DAYS ?? 90),
        churnDays: Number(env.LIFECYCLE_CHURN_DAYS ?? 180),
      },
      potentialMinExpectedOrders: Number(env.SCORING_POTENTIAL_MIN_EXPECTED_ORDERS ?? 1),
    },
    consent: { defaultPersonalization: parseBoolean(env.CONSENT_DEFAULT_PERSONALIZATION) ?? true },
    personalization: { cachedProfiles: numberFromEnv(env, 'PERSONALIZATION_CACHE_PROFILES', 100_000, { min: 0 }) },
    identity: {
      blockedValues: env.IDENTITY_BLOCKED_VALUES
        ? env.IDENTITY_BLOCKED_VALUES.split(',').map((v) => v.trim().toLowerCase())
        : DEFAULT_BLOCKED_VALUES,
      limits: parseLimits(env.IDENTITY_LIMITS),
    },
  };
}
