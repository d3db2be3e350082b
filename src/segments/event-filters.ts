import { ValidationErrors } from '../common';
import type { SqlParams } from '../db';
import type { PropertyCondition } from './dsl/ast';
import { eventFilters, numericProperty } from './dsl/compile-event';
import { readWhere } from './dsl/validate-leaves';
import { ProblemList } from './dsl/validate-values';

/**
 * Property filters on events (`[{path, op, value}]`), the same as an event leaf's `where`,
 * for other features that select events (experiment metrics). Opaque outside segments.
 */
export type EventPropertyFilters = readonly PropertyCondition[];

/** Validated as an event leaf's `where`; errors name the path. */
export function validateEventFilters(input: unknown, path: string): EventPropertyFilters {
  const problems = new ProblemList();
  const filters = readWhere(input, path, problems);
  if (problems.items.length || !filters) throw new ValidationErrors(problems.items);
  return filters;
}

/** The conditions on `e` (events) for the event `name` passing `filters`, compiled as event leaves are; `now` for relative dates. */
export function eventFilterSql(name: string, filters: EventPropertyFilters, params: SqlParams, now: string): string {
  return eventFilters({ name, where: [...filters] }, params, now, { upToNow: false, grouped: true }).join(' and ');
}

/** An event's numeric property (a dot path) over `e`, NULL when absent or not a number, as event leaves' sum and avg read it. */
export function eventNumberSql(property: string, params: SqlParams): string {
  return numericProperty(property, params);
}
