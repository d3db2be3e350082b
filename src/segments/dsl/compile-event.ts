/**
 * Compiles an event condition over `events e` in one of two shapes with the same answer:
 * - for a few profiles (real time, decisions, point in time): a correlated subquery per
 *   profile, shaped for the (profile_id, name, occurred_at) index;
 * - for every profile (`grouped`: full recompute, preview): one grouped scan of the events
 *   that qualify, evaluated once as `p.id in (…)` (or `not in`, when a profile with no such
 *   events matches, e.g. "did not order in 30 days"), as a hand-written query would.
 */
import { assertUnreachable } from '../../common';
import { RELATIVE_WINDOWS, relativeWindow, splitPath, type EventCondition, type EventWindow, type PropertyCondition } from './ast';
import { compilePropertyCondition } from './compile-property';
import type { SqlParams } from '../../db';
import { SQL_COMPARISON } from './sql-placeholders';

export function isRelativeWindow(window: EventWindow | undefined): boolean {
  return window !== undefined && relativeWindow(window) !== undefined;
}

/** `e.occurred_at` within the window (relative to `now`, or fixed). */
export function compileEventWindow(window: EventWindow, params: SqlParams, now: string): string {
  const relative = relativeWindow(window);
  if (relative) {
    return `e.occurred_at >= (${now})::timestamptz - make_interval(${RELATIVE_WINDOWS[relative.kind].sql} => ${params.add(relative.n)}::int)`;
  }
  if ('since' in window) return `e.occurred_at >= ${params.add(new Date(window.since).toISOString())}::timestamptz`;
  if ('between' in window) {
    const [from, to] = window.between.map((instant) => params.add(new Date(instant).toISOString()));
    return `e.occurred_at between ${from}::timestamptz and ${to}::timestamptz`;
  }
  throw new Error(`Unexpected event window: ${JSON.stringify(window)}`);
}

/**
 * `upToNow`: only events at or before `now` count (point-in-time evaluation; live, none are later that matter).
 * `grouped`: the condition is evaluated for every profile at once (see the file's comment).
 */
export interface EventScope {
  upToNow: boolean;
  grouped?: boolean;
}

/** An event by name and property filters: what an event leaf, a sequence step and a "then not" test look for. */
export interface EventFilterTest {
  name: string;
  where?: PropertyCondition[];
}

/**
 * The conditions on `e` for one profile's events (all profiles' when grouped) of this name
 * passing these filters; `window`: a condition on the time, bound before the property filters.
 */
export function eventFilters(test: EventFilterTest, params: SqlParams, now: string, scope: EventScope, window?: () => string): string[] {
  return [
    ...(scope.grouped ? [] : ['e.profile_id = p.id']),
    `e.name = ${params.add(test.name)}::text`,
    ...(scope.upToNow ? [`e.occurred_at <= (${now})::timestamptz`] : []),
    ...(window ? [window()] : []),
    ...(test.where ?? []).map((filter) => compilePropertyCondition('e.properties', filter, params, now)),
  ];
}

function compileEventFilters(condition: EventCondition, params: SqlParams, now: string, scope: EventScope): string[] {
  const { within } = condition;
  return eventFilters(condition, params, now, scope, within && (() => compileEventWindow(within, params, now)));
}

/** A numeric event property, or NULL when it is absent or not a number (ignored by sum/avg). */
export function numericProperty(property: string, params: SqlParams): string {
  const json = `(e.properties #> ${params.add(splitPath(property))}::text[])`;
  return `case when jsonb_typeof(${json}) = 'number' then ${json}::numeric end`;
}

/** sum over no events is 0 (so "spent < 100" holds for non-buyers); avg over none stays NULL (false). */
function compileAggregate(condition: EventCondition, params: SqlParams): string {
  switch (condition.aggregate) {
    case undefined:
    case 'count':
      return 'count(*)';
    case 'sum':
      return `coalesce(sum(${numericProperty(condition.property, params)}), 0)`;
    case 'avg':
      return `avg(${numericProperty(condition.property, params)})`;
    default:
      return assertUnreachable(condition, 'event aggregate');
  }
}

type CountTest = 'none' | 'some' | 'other';

/** "did X zero times" / "did X at least once" need no count: EXISTS stops at the first row. */
function classifyCountTest(condition: EventCondition): CountTest {
  if (condition.aggregate !== undefined && condition.aggregate !== 'count') return 'other';
  const { op, value } = condition;
  if ((op === 'eq' && value === 0) || (op === 'lte' && value === 0) || (op === 'lt' && value === 1)) return 'none';
  if ((op === 'neq' && value === 0) || (op === 'gt' && value === 0) || (op === 'gte' && value === 1)) return 'some';
  return 'other';
}

/** Whether a profile with no qualifying event matches: count 0 and sum 0 compared with the value; avg of nothing is NULL (false). */
function matchesWithoutEvents(condition: EventCondition): boolean {
  if (condition.aggregate === 'avg') return false;
  const zero = 0;
  const { op, value } = condition;
  switch (op) {
    case 'eq': return zero === value;
    case 'neq': return zero !== value;
    case 'gt': return zero > value;
    case 'gte': return zero >= value;
    case 'lt': return zero < value;
    case 'lte': return zero <= value;
    default: return assertUnreachable(op, 'comparison');
  }
}

/**
 * The grouped shape: the profiles whose qualifying events pass (or, when no events pass,
 * fail) the test, found once. `memberSet`: when the condition holds exactly for the profiles
 * of that set (not for profiles without events), the set's query alone.
 */
function compileGroupedEventCondition(condition: EventCondition, params: SqlParams, from: string, countTest: CountTest): GroupedCondition {
  const positive = (set: string) => ({ predicate: `(p.id in (${set}))`, memberSet: set });
  if (countTest === 'none') return { predicate: `(p.id not in (select e.profile_id ${from}))` };
  if (countTest === 'some') return positive(`select e.profile_id ${from}`);
  const test = `coalesce(${compileAggregate(condition, params)} ${SQL_COMPARISON[condition.op]} ${params.add(condition.value)}::numeric, false)`;
  return matchesWithoutEvents(condition)
    ? { predicate: `(p.id not in (select e.profile_id ${from} group by e.profile_id having not ${test}))` }
    : positive(`select e.profile_id ${from} group by e.profile_id having ${test}`);
}

/** A condition compiled for every profile at once, and the query of its members when it has one (see compile-sql.ts `memberSet`). */
export interface GroupedCondition {
  predicate: string;
  memberSet?: string;
}

/** The grouped shape with its member set (`scope.grouped` must be set). */
export function compileGroupedEvent(condition: EventCondition, params: SqlParams, now: string, scope: EventScope): GroupedCondition {
  const from = `from events e where ${compileEventFilters(condition, params, now, scope).join(' and ')}`;
  return compileGroupedEventCondition(condition, params, from, classifyCountTest(condition));
}

export function compileEventCondition(condition: EventCondition, params: SqlParams, now: string, scope: EventScope): string {
  if (scope.grouped) return compileGroupedEvent(condition, params, now, scope).predicate;
  const countTest = classifyCountTest(condition);
  const from = `from events e where ${compileEventFilters(condition, params, now, scope).join(' and ')}`;
  if (countTest === 'none') return `(not exists (select 1 ${from}))`;
  if (countTest === 'some') return `(exists (select 1 ${from}))`;
  const aggregate = compileAggregate(condition, params);
  const comparison = `${SQL_COMPARISON[condition.op]} ${params.add(condition.value)}::numeric`;
  return `coalesce((select ${aggregate} ${from}) ${comparison}, false)`;
}
