/**
 * Compiles an event condition to a correlated subquery on `events e`, shaped
 * for the (profile_id, name, occurred_at) index.
 */
import { assertUnreachable } from '../../common';
import { RELATIVE_WINDOWS, relativeWindow, splitPath, type EventCondition, type EventWindow } from './ast';
import { compilePropertyCondition } from './compile-property';
import type { SqlParams } from '../../db';
import { SQL_COMPARISON } from './sql-placeholders';

export function isRelativeWindow(window: EventWindow | undefined): boolean {
  return window !== undefined && relativeWindow(window) !== undefined;
}

function compileWindow(window: EventWindow, params: SqlParams, now: string): string {
  const relative = relativeWindow(window);
  if (relative) {
    return `e.occurred_at >= (${now})::timestamptz - make_interval(${RELATIVE_WINDOWS[relative.kind].unit} => ${params.add(relative.n)}::int)`;
  }
  if ('since' in window) return `e.occurred_at >= ${params.add(new Date(window.since).toISOString())}::timestamptz`;
  if ('between' in window) {
    const [from, to] = window.between.map((instant) => params.add(new Date(instant).toISOString()));
    return `e.occurred_at between ${from}::timestamptz and ${to}::timestamptz`;
  }
  throw new Error(`Unexpected event window: ${JSON.stringify(window)}`);
}

/** `upToNow`: only events at or before `now` count (point-in-time evaluation; live, none are later that matter). */
export interface EventScope {
  upToNow: boolean;
}

function compileEventFilters(condition: EventCondition, params: SqlParams, now: string, scope: EventScope): string[] {
  return [
    'e.profile_id = p.id',
    `e.name = ${params.add(condition.name)}::text`,
    ...(scope.upToNow ? [`e.occurred_at <= (${now})::timestamptz`] : []),
    ...(condition.within ? [compileWindow(condition.within, params, now)] : []),
    ...(condition.where ?? []).map((filter) => compilePropertyCondition('e.properties', filter, params, now)),
  ];
}

/** A numeric event property, or NULL when it is absent or not a number (ignored by sum/avg). */
function numericProperty(property: string, params: SqlParams): string {
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

export function compileEventCondition(condition: EventCondition, params: SqlParams, now: string, scope: EventScope): string {
  const countTest = classifyCountTest(condition);
  const from = `from events e where ${compileEventFilters(condition, params, now, scope).join(' and ')}`;
  if (countTest === 'none') return `(not exists (select 1 ${from}))`;
  if (countTest === 'some') return `(exists (select 1 ${from}))`;
  const aggregate = compileAggregate(condition, params);
  const comparison = `${SQL_COMPARISON[condition.op]} ${params.add(condition.value)}::numeric`;
  return `coalesce((select ${aggregate} ${from}) ${comparison}, false)`;
}
