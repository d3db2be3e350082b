import { readEnv, type EnvReader } from './env';

/** Behaviour triggers and their webhooks, read from the environment once at start-up. */
export interface TriggersConfig {
  /** A cart is abandoned when its last `Product Added` is this old with no `Order Completed` after it. */
  abandonedCartMinutes: number;
  /**
   * A condition that became due longer ago than this is not fired: after a long outage, or on the
   * first scan over imported history, nobody wants years of stale reminders. Birthdays fire only on the day.
   */
  lookbackHours: number;
  /** How often the leader scans for new occurrences. */
  scanEveryMs: number;
  /** How often that scan includes repurchase reminders (they change by the day and cost a pass over repeat buyers). */
  repurchaseEveryMs: number;
  webhooks: WebhookConfig;
}

export interface WebhookConfig {
  /** How often the leader looks for due deliveries. */
  deliveryEveryMs: number;
  /** Per request, headers and body included. */
  timeoutMs: number;
  /** The delay after the first failed attempt; it doubles with each further failure (with ±20% jitter). */
  backoffBaseMs: number;
  /** Longest delay between two attempts. */
  backoffMaxMs: number;
  /** After this many failed attempts a delivery is marked failed. */
  maxAttempts: number;
  /** Deliveries claimed, and posted in parallel, per run. */
  batchSize: number;
}

export function loadTriggersConfig(env: NodeJS.ProcessEnv): TriggersConfig {
  return readEnv(env, readTriggersConfig);
}

export function readTriggersConfig(env: EnvReader): TriggersConfig {
  const every = (name: string, fallback: number) => env.duration(name, fallback, { min: 1 });
  return {
    abandonedCartMinutes: env.duration('ABANDONED_CART_MINUTES', 60, { unit: 'm', fractions: true, min: 1, max: 365 * 24 * 60 }),
    lookbackHours: env.duration('TRIGGER_LOOKBACK_HOURS', 48, { unit: 'h', fractions: true, min: 1, max: 365 * 24 }),
    scanEveryMs: every('TRIGGER_SCAN_INTERVAL_MS', 60_000),
    repurchaseEveryMs: every('REPURCHASE_SCAN_INTERVAL_MS', 3_600_000),
    webhooks: {
      deliveryEveryMs: every('WEBHOOK_DELIVERY_INTERVAL_MS', 2_000),
      timeoutMs: every('WEBHOOK_TIMEOUT_MS', 5_000),
      backoffBaseMs: env.duration('WEBHOOK_BACKOFF_BASE_MS', 30_000, {}),
      backoffMaxMs: env.duration('WEBHOOK_BACKOFF_MAX_MS', 6 * 3_600_000, {}),
      maxAttempts: env.integer('WEBHOOK_MAX_ATTEMPTS', 8, { min: 1, max: 100 }),
      batchSize: env.integer('WEBHOOK_BATCH_SIZE', 20, { min: 1, max: 1000 }),
    },
  };
}
