/**
 * Compiles a sequence (issue 15 §3) to nested EXISTS over `events`: each step's event is
 * found strictly after the previous one's (and within its span), through an index probe on
 * (profile_id, name, occurred_at). Each level reads its step as `e`, the one name property
 * filters know, and hands its time and profile to the next as `s<i>`. The `thenNot` tail
 * holds only once its span after the last step is over, with no such event in it.
 * `grouped`: evaluated for every profile at once (`p.id in (…)`), as event leaves are.
 */
import type { SqlParams } from '../../db';
import type { SequenceCondition } from './ast';
import { compileEventWindow, eventFilters, type EventFilterTest, type EventScope, type GroupedCondition } from './compile-event';
import { spanInterval } from './compile-relative-date';

/** The conditions on one level's `e` beyond its place in the sequence (its profile comes from the level before). */
function eventTests(test: EventFilterTest, params: SqlParams, now: string, scope: EventScope): string[] {
  return eventFilters(test, params, now, { ...scope, grouped: true });
}

export function compileSequenceCondition(condition: SequenceCondition, params: SqlParams, now: string, scope: EventScope): string {
  return compileSequence(condition, params, now, scope).predicate;
}

/** With `scope.grouped`, the predicate and its member set (the profiles that went through the sequence). */
export function compileSequence(condition: SequenceCondition, params: SqlParams, now: string, scope: EventScope): GroupedCondition {
  const { steps, thenNot } = condition;
  const level = (i: number): string => {
    const step = steps[i];
    const previous = `s${i - 1}`;
    const placed =
      i === 0
        ? [...(scope.grouped ? [] : ['e.profile_id = p.id']), ...(condition.within ? [compileEventWindow(condition.within, params, now)] : [])]
        : [
            `e.profile_id = ${previous}.profile_id`,
            `e.occurred_at > ${previous}.at`,
            ...(step.within ? [`e.occurred_at <= ${previous}.at + ${spanInterval(step.within, params)}`] : []),
          ];
    const tests = [...placed, ...eventTests(step, params, now, scope)];
    const next = i + 1 < steps.length ? level(i + 1) : tail(`s${i}`);
    if (next) tests.push(next);
    const from = `from events e cross join lateral (select e.profile_id, e.occurred_at as at) s${i} where ${tests.join(' and ')}`;
    return i === 0 ? from : `exists (select 1 ${from})`;
  };
  const tail = (last: string): string | undefined => {
    if (!thenNot) return undefined;
    const wait = spanInterval(thenNot.within, params);
    const absent = [`e.profile_id = ${last}.profile_id`, `e.occurred_at > ${last}.at`, `e.occurred_at <= ${last}.at + ${wait}`, ...eventTests(thenNot, params, now, scope)];
    return `${last}.at + ${wait} <= (${now})::timestamptz and not exists (select 1 from events e where ${absent.join(' and ')})`;
  };
  const outer = level(0);
  if (!scope.grouped) return { predicate: `(exists (select 1 ${outer}))` };
  const memberSet = `select e.profile_id ${outer}`;
  return { predicate: `(p.id in (${memberSet}))`, memberSet };
}
