// Type-only: config is loaded by tools that never touch entities or decorators.
import type { Scope } from '../auth';
import { readEnv, type EnvReader } from './env';

/** Static limits on one GraphQL document, checked before it runs (graphql-armor + graphql-js). */
export interface QueryLimits {
  /** Deepest selection nesting (fragments count as a level). */
  maxDepth: number;
  /** graphql-armor's cost: 2 per object field, 1 per scalar, times 1.5 per level of depth. */
  maxCost: number;
  maxAliases: number;
  /** Lexical tokens in the document; stops huge documents before they are parsed in full. */
  maxTokens: number;
  maxDirectives: number;
}

/** A token bucket: `perSecond` refill, up to `burst` saved. `perSecond: 0` means unlimited. */
export interface RateLimit {
  perSecond: number;
  burst: number;
}

export interface RateLimits {
  /** Applies to a key unless one of its scopes has its own limit. */
  default: RateLimit;
  /** A key gets the most generous limit among its scopes. */
  byScope: Partial<Record<Scope, RateLimit>>;
}

export interface OpsConfig {
  queryLimits: QueryLimits;
  rateLimits: RateLimits;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** How long SIGTERM waits for in-flight requests before cutting them off. */
  shutdownTimeoutMs: number;
  /**
   * How long, after SIGTERM, the instance keeps serving with /readyz at 503 before it stops
   * accepting connections, so a load balancer polling /readyz moves traffic away first.
   */
  shutdownDelayMs: number;
  /**
   * How long an idle keep-alive connection stays open. It must outlast the idle timeout of
   * the load balancer in front (60 s by default on AWS ALB; raise this to match yours), so
   * the server never closes a connection the balancer is about to reuse (the classic
   * sporadic 502), and a client's idle pooled connections are not reopened on every burst.
   */
  keepAliveTimeoutMs: number;
}

/**
 * Scope defaults: `personalize` keys are called by frontends on every page view, so they get
 * far more room; `admin` keys belong to operators (a leaked one can do anything anyway), so
 * they are not throttled unless RATE_LIMIT_ADMIN_PER_SECOND says so.
 */
const SCOPE_DEFAULTS: Partial<Record<Scope, RateLimit>> = {
  personalize: { perSecond: 1000, burst: 2000 },
  admin: { perSecond: 0, burst: 0 },
};

/** Every scope, so a RATE_LIMIT_<SCOPE>_* variable with a misspelt scope is refused (the type keeps this list complete). */
const ALL_SCOPES: Record<Scope, true> = { ingest: true, read: true, admin: true, subscribe: true, personalize: true };

function rateLimitFrom(env: EnvReader, prefix: string, fallback: RateLimit): RateLimit {
  const perSecond = env.number(`${prefix}_PER_SECOND`, fallback.perSecond, { min: 0, max: 1_000_000 });
  // Without an explicit burst, a changed rate keeps the default's ratio (two seconds' worth).
  const burstFallback = env.raw(`${prefix}_PER_SECOND`) ? perSecond * 2 : fallback.burst;
  return { perSecond, burst: Math.max(1, env.number(`${prefix}_BURST`, burstFallback, { min: 0, max: 1_000_000_000 })) };
}

/** RATE_LIMIT_PER_SECOND / RATE_LIMIT_BURST, and RATE_LIMIT_<SCOPE>_PER_SECOND / _BURST per scope. */
export function loadRateLimits(env: NodeJS.ProcessEnv): RateLimits {
  return readEnv(env, readRateLimits);
}

function readRateLimits(env: EnvReader): RateLimits {
  const fallback = rateLimitFrom(env, 'RATE_LIMIT', { perSecond: 100, burst: 200 });
  const scopes = new Set(Object.keys(SCOPE_DEFAULTS) as Scope[]);
  for (const name of env.names()) {
    const match = /^RATE_LIMIT_([A-Z_]+)_(PER_SECOND|BURST)$/.exec(name);
    if (!match || !env.raw(name)) continue;
    const scope = match[1].toLowerCase();
    if (scope in ALL_SCOPES) scopes.add(scope as Scope);
    else env.refuse(name, `a scope in the name: RATE_LIMIT_<${Object.keys(ALL_SCOPES).join('|').toUpperCase()}>_${match[2]}`, name);
  }
  const byScope: Partial<Record<Scope, RateLimit>> = {};
  for (const scope of scopes) byScope[scope] = rateLimitFrom(env, `RATE_LIMIT_${scope.toUpperCase()}`, SCOPE_DEFAULTS[scope] ?? fallback);
  return { default: fallback, byScope };
}

export function loadOpsConfig(env: NodeJS.ProcessEnv): OpsConfig {
  return readEnv(env, readOpsConfig);
}

export function readOpsConfig(env: EnvReader): OpsConfig {
  return {
    queryLimits: {
      maxDepth: env.integer('GRAPHQL_MAX_DEPTH', 12, { min: 1, max: 1000 }),
      maxCost: env.integer('GRAPHQL_MAX_COST', 50_000, { min: 1, max: 1_000_000_000 }),
      maxAliases: env.integer('GRAPHQL_MAX_ALIASES', 15, { min: 0, max: 10_000 }),
      maxTokens: env.integer('GRAPHQL_MAX_TOKENS', 2000, { min: 1, max: 10_000_000 }),
      maxDirectives: env.integer('GRAPHQL_MAX_DIRECTIVES', 50, { min: 0, max: 10_000 }),
    },
    rateLimits: readRateLimits(env),
    metricsToken: env.string('METRICS_TOKEN'),
    shutdownTimeoutMs: env.duration('SHUTDOWN_TIMEOUT_MS', 10_000, {}),
    shutdownDelayMs: env.duration('SHUTDOWN_DELAY_MS', 0, {}),
    keepAliveTimeoutMs: env.duration('HTTP_KEEP_ALIVE_TIMEOUT_MS', 65_000, {}),
  };
}
