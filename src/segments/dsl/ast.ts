/**
 * The segment definition language, as data.
 *
 * A definition is a tree of single-key nodes: `all` / `any` / `not` combine
 * leaves; `trait`, `stat`, `computed`, `event`, `sequence`, `account` and `segment` are the leaves. The constant
 * arrays below are the single source of truth for node kinds, operators and
 * stat names: the validator, the JSON Schema and the SQL compiler all read
 * them, so they cannot drift apart.
 */
import { assertUnreachable } from '../../common';

export const NODE_KINDS = ['all', 'any', 'not', 'trait', 'stat', 'computed', 'event', 'sequence', 'account', 'segment'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const COMPARE_OPS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export type CompareOp = (typeof COMPARE_OPS)[number];

/** Comparisons that need an ordering (numbers, text, timestamps); booleans only support eq/neq. */
export const ORDER_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export type OrderOp = (typeof ORDER_OPS)[number];

export const LIST_OPS = ['in', 'not_in'] as const;
export type ListOp = (typeof LIST_OPS)[number];

export const PRESENCE_OPS = ['exists', 'not_exists'] as const;
export type PresenceOp = (typeof PRESENCE_OPS)[number];

/** String tests on a JSON string (`contains` / `not_contains` also test an array's elements). */
export const STRING_OPS = ['contains', 'not_contains', 'starts_with', 'ends_with', 'matches'] as const;
/** The same, ignoring case (PostgreSQL's `lower`, `~*`); `ieq` / `ineq` compare whole strings. */
export const CASE_INSENSITIVE_OPS = ['ieq', 'ineq', 'icontains', 'istarts_with', 'iends_with', 'imatches'] as const;
/** Tests on a JSON array against a list of values: any, all or none of them are elements. */
export const ARRAY_LIST_OPS = ['contains_any', 'contains_all', 'contains_none'] as const;
export type ArrayListOp = (typeof ARRAY_LIST_OPS)[number];
/** The number of elements of a JSON array, compared with an integer. */
export const SIZE_OPS = ['size_eq', 'size_neq', 'size_gt', 'size_gte', 'size_lt', 'size_lte'] as const;
export type SizeOp = (typeof SIZE_OPS)[number];
export type CaseInsensitiveOp = (typeof CASE_INSENSITIVE_OPS)[number];

/**
 * A date relative to now: within the last / next span, more than a span ago, further than a
 * span ahead. On ISO date strings (traits, properties) and timestamp stats.
 */
export const RELATIVE_DATE_OPS = ['within_last', 'within_next', 'before_last', 'after_next'] as const;
export type RelativeDateOp = (typeof RELATIVE_DATE_OPS)[number];
/** The next anniversary (month and day, in the person's `timezone` trait, else UTC) is at most N days away; 0 is today. */
export const ANNIVERSARY_OP = 'anniversary_within_next';
/** Operators whose answer changes with time alone. */
export const TIME_RELATIVE_OPS = [...RELATIVE_DATE_OPS, ANNIVERSARY_OP] as const;
export type TimeRelativeOp = (typeof TIME_RELATIVE_OPS)[number];

/** A span for the relative date operators: one of minutes, hours or days (make_interval's units). */
export const SPAN_UNITS = {
  minutes: { sql: 'mins', minutes: 1, max: 3650 * 24 * 60 },
  hours: { sql: 'hours', minutes: 60, max: 3650 * 24 },
  days: { sql: 'days', minutes: 24 * 60, max: 3650 },
} as const;
export type SpanUnit = keyof typeof SPAN_UNITS;
export type RelativeSpan = { minutes: number } | { hours: number } | { days: number };
export const MAX_ANNIVERSARY_DAYS = 366;

/** Operators on JSON data: profile traits, event properties and account traits. */
export const TRAIT_OPS = [
  ...COMPARE_OPS, ...LIST_OPS, ...STRING_OPS, ...CASE_INSENSITIVE_OPS, ...ARRAY_LIST_OPS, ...SIZE_OPS,
  ...PRESENCE_OPS, 'between', 'within_km', ...TIME_RELATIVE_OPS,
] as const;
export type TraitOp = (typeof TRAIT_OPS)[number];

export const NUMERIC_STATS = [
  'orders', 'revenue', 'avg_order_value', 'events',
  'recency_days', 'days_since_last_seen', 'tenure_days',
  'rfm_r', 'rfm_f', 'rfm_m', 'p_alive', 'churn_risk', 'expected_orders_90d',
  'expected_avg_order_value', 'purchase_probability_30d', 'expected_orders_52w', 'clv_52w', 'clv_52w_discounted',
] as const;
export const TEXT_STATS = ['rfm_segment', 'lifecycle', 'value_tier'] as const;
export const TIMESTAMP_STATS = ['first_order_at', 'last_order_at', 'first_seen_at', 'last_seen_at'] as const;
export const STAT_NAMES = [...NUMERIC_STATS, ...TEXT_STATS, ...TIMESTAMP_STATS] as const;
/** Stats whose value changes with the passage of time alone (relative to `now`). */
export const TIME_RELATIVE_STATS = ['recency_days', 'days_since_last_seen', 'tenure_days'] as const;

export type NumericStatName = (typeof NUMERIC_STATS)[number];
export type TextStatName = (typeof TEXT_STATS)[number];
export type TimestampStatName = (typeof TIMESTAMP_STATS)[number];
export type StatName = (typeof STAT_NAMES)[number];

/** Operators allowed per stat type: text has no ordering; `in` on instants is never useful. */
export const NUMERIC_STAT_OPS = [...COMPARE_OPS, ...LIST_OPS, 'between', 'exists'] as const;
export const TEXT_STAT_OPS = ['eq', 'neq', ...LIST_OPS, 'exists'] as const;
export const TIMESTAMP_STAT_OPS = [...COMPARE_OPS, 'between', 'exists', ...TIME_RELATIVE_OPS] as const;
export const STAT_OPS = [...NUMERIC_STAT_OPS, ...TIME_RELATIVE_OPS] as const;
export type StatOp = (typeof STAT_OPS)[number];

export const EVENT_AGGREGATES = ['count', 'sum', 'avg'] as const;
export type EventAggregate = (typeof EVENT_AGGREGATES)[number];
/** Windows that end at `now`: the last N minutes, hours or days (PostgreSQL's make_interval unit, and the largest N: ten years). */
export const RELATIVE_WINDOWS = { lastMinutes: SPAN_UNITS.minutes, lastHours: SPAN_UNITS.hours, lastDays: SPAN_UNITS.days } as const;
export type RelativeWindowKind = keyof typeof RELATIVE_WINDOWS;
export const RELATIVE_WINDOW_KINDS = Object.keys(RELATIVE_WINDOWS) as RelativeWindowKind[];
export const EVENT_WINDOW_KINDS = [...RELATIVE_WINDOW_KINDS, 'since', 'between'] as const;

export const LIMITS = {
  maxDepth: 20,
  maxLeaves: 200,
  maxLastDays: RELATIVE_WINDOWS.lastDays.max,
  maxListItems: 1000,
  maxStringLength: 1000,
  maxEventFilters: 50,
  /** `matches` patterns: short, and PostgreSQL refuses repetition bounds above 255. */
  maxPatternLength: 200,
  maxSequenceSteps: 10,
  maxRepetition: 255,
  /** Computed traits per workspace: each is kept current on every ingest that touches its event. */
  maxComputedTraits: 100,
  /** The most distinct values a `unique_list` computed trait keeps (the most recent ones). */
  maxUniqueList: 100,
  defaultUniqueList: 10,
} as const;

/** One segment of a dot path (`address.country`): an identifier, never an array index. */
const PATH_SEGMENT = '[A-Za-z_][A-Za-z0-9_\\-]*';
export const PATH_SEGMENT_PATTERN = `^${PATH_SEGMENT}$`;
export const DOT_PATH_PATTERN = `^${PATH_SEGMENT}(\\.${PATH_SEGMENT})*$`;
/**
 * ISO 8601 date (`2024-05-01`, read as UTC midnight) or date-time with an explicit
 * offset. A date-time without offset is rejected: its meaning would depend on the
 * server's time zone.
 */
export const ISO_INSTANT_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' +
  '(T([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-](0\\d|1[0-5]):[0-5]\\d))?$';

export type Scalar = string | number | boolean;

/** A point and a radius for `within_km`: the value at the path holds `lat` / `latitude` and `lon` / `lng` / `longitude`. */
export interface GeoRadius {
  lat: number;
  lon: number;
  km: number;
}

/**
 * A condition on a JSON document (profile traits, event properties) at a dot path. Ordering
 * (`gt` … `between`) with a number also reads numeric strings ("42"); with an ISO date it
 * compares ISO date strings as instants; equality and lists stay type-strict.
 */
export type PropertyCondition =
  | { path: string; op: 'eq' | 'neq' | 'contains' | 'not_contains'; value: Scalar }
  | { path: string; op: OrderOp; value: number | string }
  | { path: string; op: ListOp | ArrayListOp; value: Scalar[] }
  | { path: string; op: 'starts_with' | 'ends_with' | 'matches' | CaseInsensitiveOp; value: string }
  | { path: string; op: SizeOp; value: number }
  | { path: string; op: PresenceOp }
  | { path: string; op: 'between'; value: [number, number] | [string, string] }
  | { path: string; op: 'within_km'; value: GeoRadius }
  | { path: string; op: RelativeDateOp; value: RelativeSpan }
  | { path: string; op: typeof ANNIVERSARY_OP; value: number };
export type TraitCondition = PropertyCondition;

export type NumericStatCondition =
  | { name: NumericStatName; op: CompareOp; value: number }
  | { name: NumericStatName; op: ListOp; value: number[] }
  | { name: NumericStatName; op: 'between'; value: [number, number] }
  | { name: NumericStatName; op: 'exists' };
export type TextStatCondition =
  | { name: TextStatName; op: 'eq' | 'neq'; value: string }
  | { name: TextStatName; op: ListOp; value: string[] }
  | { name: TextStatName; op: 'exists' };
/** Timestamps are ISO strings matching ISO_INSTANT_PATTERN. */
export type TimestampStatCondition =
  | { name: TimestampStatName; op: CompareOp; value: string }
  | { name: TimestampStatName; op: 'between'; value: [string, string] }
  | { name: TimestampStatName; op: 'exists' }
  | { name: TimestampStatName; op: RelativeDateOp; value: RelativeSpan }
  | { name: TimestampStatName; op: typeof ANNIVERSARY_OP; value: number };
export type StatCondition = NumericStatCondition | TextStatCondition | TimestampStatCondition;

/** `between` is inclusive at both ends, like SQL BETWEEN and the `between` operator. */
export type EventWindow = { lastMinutes: number } | { lastHours: number } | { lastDays: number } | { since: string } | { between: [string, string] };

/** The kind and length of a window that ends at `now`, or undefined for `since` / `between`. */
export function relativeWindow(window: EventWindow): { kind: RelativeWindowKind; n: number; minutes: number } | undefined {
  for (const kind of RELATIVE_WINDOW_KINDS) {
    if (kind in window) {
      const n = (window as Record<RelativeWindowKind, number>)[kind];
      return { kind, n, minutes: n * RELATIVE_WINDOWS[kind].minutes };
    }
  }
  return undefined;
}

interface EventConditionBase {
  name: string;
  where?: PropertyCondition[];
  within?: EventWindow;
  op: CompareOp;
  value: number;
}
/** count (the default) needs no property; sum/avg aggregate a numeric event property. */
export type EventCondition =
  | (EventConditionBase & { aggregate?: 'count' })
  | (EventConditionBase & { aggregate: 'sum' | 'avg'; property: string });

/** One step of a sequence: an event by name and property filters, at most `within` after the previous step (any time after, if absent). */
export interface SequenceStep {
  name: string;
  where?: PropertyCondition[];
  within?: RelativeSpan;
}

/**
 * Events in order: each step strictly later than the previous one (and within its span), the
 * first within `within` (a window, as an event leaf's) when given. `thenNot`: and after the
 * last step, no such event within its span, once that span is over (the abandonment pattern:
 * Product Added, then no Order Completed within 2 hours).
 */
export interface SequenceCondition {
  steps: SequenceStep[];
  thenNot?: { name: string; where?: PropertyCondition[]; within: RelativeSpan };
  within?: EventWindow;
}

/**
 * A computed trait (issue 15 §1): a named per-profile value computed from the person's events
 * of one name passing the property filters, within a window (all time when absent). `count`
 * needs no property; `sum` / `avg` / `min` / `max` read a numeric one; `first` / `last` are
 * the value of the earliest / latest event that has the property; `most_frequent` the value
 * seen most often (ties: the most recently seen); `unique_count` / `unique_list` the distinct
 * values (the list: the `limit` most recently seen, newest first).
 */
export const COMPUTED_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max', 'first', 'last', 'most_frequent', 'unique_count', 'unique_list'] as const;
export type ComputedAggregate = (typeof COMPUTED_AGGREGATES)[number];
/** A computed trait's key: what `Profile.computed` and `{computed: {key}}` leaves name it by. */
export const COMPUTED_KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

export interface ComputedTraitDefinition {
  event: string;
  where?: PropertyCondition[];
  within?: EventWindow;
  aggregate: ComputedAggregate;
  property?: string;
  /** `unique_list` only: how many values it keeps (default LIMITS.defaultUniqueList). */
  limit?: number;
}

type WithoutPath<T> = T extends unknown ? Omit<T, 'path'> : never;
/** A condition on a computed trait's value, with the operators of a trait condition: `{ key, op, value }`. */
export type ComputedCondition = WithoutPath<PropertyCondition> & { key: string };

/** A trait condition on any of the person's accounts (Segment groups): true when at least one account matches. */
export interface AccountCondition {
  trait: TraitCondition;
}

export interface AllNode { all: SegmentNode[] }
export interface AnyNode { any: SegmentNode[] }
export interface NotNode { not: SegmentNode }
export interface TraitNode { trait: TraitCondition }
export interface StatNode { stat: StatCondition }
export interface ComputedNode { computed: ComputedCondition }
export interface EventNode { event: EventCondition }
export interface SequenceNode { sequence: SequenceCondition }
export interface AccountNode { account: AccountCondition }
export interface SegmentRefNode { segment: { key: string } }

export type SegmentNode = AllNode | AnyNode | NotNode | TraitNode | StatNode | ComputedNode | EventNode | SequenceNode | AccountNode | SegmentRefNode;
export type SegmentDefinition = SegmentNode;

/** A node with an explicit tag, so interpreters can `switch` exhaustively. */
export type TaggedNode =
  | { kind: 'all'; nodes: SegmentNode[] }
  | { kind: 'any'; nodes: SegmentNode[] }
  | { kind: 'not'; node: SegmentNode }
  | { kind: 'trait'; condition: TraitCondition }
  | { kind: 'stat'; condition: StatCondition }
  | { kind: 'computed'; condition: ComputedCondition }
  | { kind: 'event'; condition: EventCondition }
  | { kind: 'sequence'; condition: SequenceCondition }
  | { kind: 'account'; condition: AccountCondition }
  | { kind: 'segment'; key: string };

export function tagNode(node: SegmentNode): TaggedNode {
  if ('all' in node) return { kind: 'all', nodes: node.all };
  if ('any' in node) return { kind: 'any', nodes: node.any };
  if ('not' in node) return { kind: 'not', node: node.not };
  if ('trait' in node) return { kind: 'trait', condition: node.trait };
  if ('stat' in node) return { kind: 'stat', condition: node.stat };
  if ('computed' in node) return { kind: 'computed', condition: node.computed };
  if ('event' in node) return { kind: 'event', condition: node.event };
  if ('sequence' in node) return { kind: 'sequence', condition: node.sequence };
  if ('account' in node) return { kind: 'account', condition: node.account };
  if ('segment' in node) return { kind: 'segment', key: node.segment.key };
  return assertUnreachable(node, 'segment node');
}

export function isNumericStatCondition(c: StatCondition): c is NumericStatCondition {
  return (NUMERIC_STATS as readonly string[]).includes(c.name);
}

export function isTextStatCondition(c: StatCondition): c is TextStatCondition {
  return (TEXT_STATS as readonly string[]).includes(c.name);
}

export function isTimestampStatCondition(c: StatCondition): c is TimestampStatCondition {
  return (TIMESTAMP_STATS as readonly string[]).includes(c.name);
}

/** Splits a validated dot path into its segments. */
export function splitPath(path: string): string[] {
  return path.split('.');
}

export function isTimeRelativeOp(op: string): op is TimeRelativeOp {
  return (TIME_RELATIVE_OPS as readonly string[]).includes(op);
}
