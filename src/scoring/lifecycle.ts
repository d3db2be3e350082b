/**
 * Lifecycle stages and value tiers of buyers. Pure module: these functions state the
 * rules; the scoring SQL applies the same rules set-based (scoring.sql.ts), and the
 * scoring tests check the two agree profile by profile.
 *
 * Buyers (at least one order counting at the as-of date) get a stage and maybe a tier;
 * registered people (a userId) who never ordered are `prospect`; anonymous visitors have
 * no stage. The SQL function `lifecycle_stage` (migration 20261207800001) is the same
 * rule for ingest and the scoring job.
 */
import { ValidationError } from '../common';
import type { LifecycleRules } from '../config';

export type { LifecycleRules } from '../config';

export const LIFECYCLE_STAGES = ['prospect', 'new', 'active', 'reactivated', 'silent', 'churned'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const VALUE_TIERS = ['high_value', 'potential'] as const;
export type ValueTier = (typeof VALUE_TIERS)[number];

const MAX_DAYS = 36_500;

/** Throws unless 1 ≤ newDays ≤ activeDays < churnDays ≤ 36500, all whole days. */
export function validateLifecycleRules(rules: LifecycleRules, path = 'lifecycle'): LifecycleRules {
  for (const key of ['newDays', 'activeDays', 'churnDays'] as const) {
    const value = rules[key];
    if (!(Number.isInteger(value) && value >= 1 && value <= MAX_DAYS)) {
      throw new ValidationError(`must be a whole number of days from 1 to ${MAX_DAYS}, got ${value}`, `${path}.${key}`);
    }
  }
  if (rules.newDays > rules.activeDays) throw new ValidationError('must not exceed activeDays', `${path}.newDays`);
  if (rules.activeDays >= rules.churnDays) throw new ValidationError('must be less than churnDays', `${path}.activeDays`);
  return rules;
}

/**
 * The stage of a buyer from whole days elapsed (floor) since their first and last
 * order, as of the scoring date, and the whole days between their last order and the
 * one before it (null for a single order). First matching rule wins:
 *   new          first order less than newDays ago;
 *   reactivated  last order less than activeDays ago, after a gap of churnDays or more;
 *   active       last order less than activeDays ago;
 *   silent       last order less than churnDays ago;
 *   churned      otherwise.
 */
export function lifecycleStage(daysSinceFirstOrder: number, daysSinceLastOrder: number, rules: LifecycleRules, daysBeforeLastOrder: number | null = null): LifecycleStage {
  if (daysSinceFirstOrder < rules.newDays) return 'new';
  if (daysSinceLastOrder < rules.activeDays) return daysBeforeLastOrder !== null && daysBeforeLastOrder >= rules.churnDays ? 'reactivated' : 'active';
  if (daysSinceLastOrder < rules.churnDays) return 'silent';
  return 'churned';
}

export interface ValueTierInput {
  /** RFM quintiles, 1–5, 5 = best. */
  r: number;
  f: number;
  m: number;
  /** BG/NBD expected orders in the next 90 days; null when no model could be fitted. */
  expectedOrders90d: number | null;
}

/**
 * high_value  the top monetary quintile (M = 5, i.e. the top 20% of buyers by revenue);
 * potential   not high_value, and either expected to order at least
 *             `potentialMinExpectedOrders` times in the next 90 days, or recent (R ≥ 4)
 *             with few orders so far (F ≤ 2);
 * null        everyone else.
 */
export function valueTier(input: ValueTierInput, potentialMinExpectedOrders: number): ValueTier | null {
  if (input.m === 5) return 'high_value';
  if (input.expectedOrders90d !== null && input.expectedOrders90d >= potentialMinExpectedOrders) return 'potential';
  if (input.r >= 4 && input.f <= 2) return 'potential';
  return null;
}
