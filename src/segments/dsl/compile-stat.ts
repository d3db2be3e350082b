/**
 * Compiles a stat condition to SQL over `profile_stats s` (left joined, so every
 * column may be NULL when a profile has no stats row yet).
 */
import { assertUnreachable } from '../../common';
import {
  isNumericStatCondition, isTimestampStatCondition, TIME_RELATIVE_STATS, type StatCondition, type StatName,
} from './ast';
import type { SqlParams } from '../../db';
import { SQL_COMPARISON } from './sql-placeholders';
import { compileAnniversary, compileRelativeDate } from './compile-relative-date';
import { anniversaryChange, earliest, relativeDateChange, wholeDaysChange } from './compile-expiry';

/** Whole days elapsed from `column` to `now`; epoch-based so the session time zone does not matter. */
const wholeDaysSince = (now: string, column: string) =>
  `floor(extract(epoch from ((${now})::timestamptz - ${column})) / 86400)`;

/**
 * The whitelist of SQL a stat name may become. Counters are 0 when the stats
 * row is missing (the columns default to 0); everything else stays NULL, so a
 * condition on it is false.
 */
const STAT_SQL: Record<StatName, (now: string) => string> = {
  orders: () => 'coalesce(s.orders, 0)',
  revenue: () => 'coalesce(s.revenue, 0)',
  avg_order_value: () => '(s.revenue / nullif(s.orders, 0))',
  events: () => 'coalesce(s.events, 0)',
  first_order_at: () => 's.first_order_at',
  last_order_at: () => 's.last_order_at',
  first_seen_at: () => 's.first_seen_at',
  last_seen_at: () => 's.last_seen_at',
  recency_days: (now) => wholeDaysSince(now, 's.last_order_at'),
  days_since_last_seen: (now) => wholeDaysSince(now, 's.last_seen_at'),
  tenure_days: (now) => wholeDaysSince(now, 's.first_seen_at'),
  rfm_r: () => 's.rfm_r',
  rfm_f: () => 's.rfm_f',
  rfm_m: () => 's.rfm_m',
  rfm_segment: () => 's.rfm_segment',
  lifecycle: () => 's.lifecycle',
  value_tier: () => 's.value_tier',
  p_alive: () => 's.p_alive',
  churn_risk: () => 's.churn_risk',
  expected_orders_90d: () => 's.expected_orders_90d',
  expected_avg_order_value: () => 's.expected_avg_order_value',
  purchase_probability_30d: () => 's.purchase_probability_30d',
  expected_orders_52w: () => 's.expected_orders_52w',
  clv_52w: () => 's.clv_52w',
  clv_52w_discounted: () => 's.clv_52w_discounted',
};

/** Stats the events make (profile_stats counters): the history frame rebuilds them as of any instant. Scores it cannot. */
const EVENT_DERIVED_STATS: readonly StatName[] = [
  'orders', 'revenue', 'avg_order_value', 'events', 'first_order_at', 'last_order_at', 'first_seen_at', 'last_seen_at',
  'recency_days', 'days_since_last_seen', 'tenure_days',
];

type TimeRelativeStat = (typeof TIME_RELATIVE_STATS)[number];
/** The instant each whole-day count is measured from. */
const SINCE_COLUMN: Record<TimeRelativeStat, StatName> = {
  recency_days: 'last_order_at',
  days_since_last_seen: 'last_seen_at',
  tenure_days: 'first_seen_at',
};

/** The value a `stat` leaf on `name` compares, as SQL over `profile_stats s` at `now` (a placeholder): what discovery clusters on. */
export function statValueSql(name: StatName, now: string): string {
  return STAT_SQL[name](now);
}

export function hasHistory(name: StatName): boolean {
  return EVENT_DERIVED_STATS.includes(name);
}

export function isTimeRelativeStat(name: StatName): boolean {
  return (TIME_RELATIVE_STATS as readonly string[]).includes(name);
}

interface StatOperand {
  sqlType: 'numeric' | 'text' | 'timestamptz';
  /** Binds one operand value; timestamps are normalised to UTC ISO so PostgreSQL reads them unambiguously. */
  bind: (value: number | string) => string;
}

function statOperand(condition: StatCondition, params: SqlParams): StatOperand {
  if (isTimestampStatCondition(condition)) {
    return { sqlType: 'timestamptz', bind: (v) => `${params.add(new Date(v).toISOString())}::timestamptz` };
  }
  const sqlType = isNumericStatCondition(condition) ? 'numeric' : 'text';
  return { sqlType, bind: (v) => `${params.add(v)}::${sqlType}` };
}

/** Where the person lives, for anniversaries: their `timezone` trait (UTC when it names no zone the server knows). */
const PERSON_ZONE = "(p.traits ->> 'timezone')";
/** The month and day of an instant where the person lives. */
const localMonthDay = (column: string) =>
  `to_char(${column} at time zone coalesce((select z.name from segmentary_time_zones z where z.name = ${PERSON_ZONE}), 'UTC'), 'MM-DD')`;

/**
 * The next instant after `now` at which the condition may change with time alone
 * (compile-expiry.ts): whole-day counts tick daily, relative dates and anniversaries flip at
 * their bounds; undefined for a condition time never changes.
 */
export function statTimeChange(condition: StatCondition, params: SqlParams, now: string): string | undefined {
  const column = STAT_SQL[condition.name](now);
  const changes: string[] = [];
  if (isTimeRelativeStat(condition.name)) changes.push(wholeDaysChange(STAT_SQL[SINCE_COLUMN[condition.name as TimeRelativeStat]](now), now));
  switch (condition.op) {
    case 'within_last':
    case 'within_next':
    case 'before_last':
    case 'after_next':
      changes.push(relativeDateChange(column, condition.op, condition.value, params, now));
      break;
    case 'anniversary_within_next':
      changes.push(anniversaryChange(localMonthDay(column), PERSON_ZONE, condition.value, params, now));
      break;
    default:
      break;
  }
  return changes.length ? earliest(changes) : undefined;
}

export function compileStatCondition(condition: StatCondition, params: SqlParams, now: string): string {
  const column = STAT_SQL[condition.name](now);
  const operand = statOperand(condition, params);
  switch (condition.op) {
    case 'exists':
      return `(${column} is not null)`;
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `coalesce(${column} ${SQL_COMPARISON[condition.op]} ${operand.bind(condition.value)}, false)`;
    case 'in':
      return `coalesce(${column} = any(${params.add(condition.value)}::${operand.sqlType}[]), false)`;
    case 'not_in':
      return `coalesce(${column} <> all(${params.add(condition.value)}::${operand.sqlType}[]), false)`;
    case 'between': {
      const [lo, hi] = condition.value;
      return `coalesce(${column} between ${operand.bind(lo)} and ${operand.bind(hi)}, false)`;
    }
    case 'within_last':
    case 'within_next':
    case 'before_last':
    case 'after_next':
      return compileRelativeDate(column, condition.op, condition.value, params, now);
    case 'anniversary_within_next':
      return compileAnniversary(localMonthDay(column), PERSON_ZONE, condition.value, params, now);
    default:
      return assertUnreachable(condition, 'stat condition');
  }
}
