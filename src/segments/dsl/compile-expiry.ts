/**
 * When a definition's answer can next change with time alone (issue 15 §2: exits at the exact
 * instant). Each time-relative leaf yields the first instant after `now` at which its answer
 * may flip: a timestamptz SQL expression over `p` and `s` (the profile and its stats, as the
 * predicate reads them), NULL when time alone will never change it. A segment's next change
 * is the least of its leaves' (compile-sql.ts `nextChangeAt`), kept per (segment, profile) in
 * `segment_timers` and processed by the expiry worker (membership-expiry.ts).
 *
 * Every instant is conservative: the answer may turn out unchanged then (another leaf still
 * holds it, a count was 5 and is 4), and the worker simply finds the next one; it never
 * changes before. Instants where an inclusive bound stops holding are one microsecond past it
 * (timestamptz's resolution), so the evaluation at that instant sees the change.
 */
import { assertUnreachable } from '../../common';
import type { SqlParams } from '../../db';
import { RELATIVE_WINDOWS, relativeWindow, type EventWindow, type RelativeDateOp, type RelativeSpan, type SequenceCondition } from './ast';
import { eventFilters, type EventFilterTest } from './compile-event';
import { spanInterval } from './compile-relative-date';

const JUST_AFTER = `interval '1 microsecond'`;

/** `at` when it is later than now, else NULL (LEAST ignores NULLs). */
const later = (at: string, now: string) => `case when ${at} > (${now})::timestamptz then ${at} end`;

/** The least of instants that may be NULL; NULL when all are. */
export function earliest(instants: string[]): string {
  return instants.length === 1 ? instants[0] : `least(${instants.join(', ')})`;
}

/**
 * `instant` against now ± the span (compile-relative-date.ts): `within_last` starts holding
 * when now reaches the instant and stops just after instant + span; `within_next` starts at
 * instant − span and stops just after the instant; the other two flip once.
 */
export function relativeDateChange(instant: string, op: RelativeDateOp, span: RelativeSpan, params: SqlParams, now: string): string {
  const x = `(${instant})`;
  const d = spanInterval(span, params);
  switch (op) {
    case 'within_last':
      return earliest([later(x, now), later(`${x} + ${d} + ${JUST_AFTER}`, now)]);
    case 'within_next':
      return earliest([later(`${x} - ${d}`, now), later(`${x} + ${JUST_AFTER}`, now)]);
    case 'before_last':
      return later(`${x} + ${d} + ${JUST_AFTER}`, now);
    case 'after_next':
      return later(`${x} - ${d}`, now);
    default:
      return assertUnreachable(op, 'relative date op');
  }
}

/**
 * `anniversary_within_next N`: with D days to the next anniversary (segmentary_days_to_anniversary),
 * the answer starts holding at the local midnight N days before it (D > N), and stops at
 * the midnight after the day itself (D ≤ N), in the person's zone as the condition reads it.
 */
export function anniversaryChange(dateText: string, zoneText: string, days: number, params: SqlParams, now: string): string {
  const zone = `coalesce((select z.name from segmentary_time_zones z where z.name = ${zoneText}), 'UTC')`;
  const today = `segmentary_local_date((${now})::timestamptz, ${zoneText})`;
  const toGo = `segmentary_days_to_anniversary(${dateText}, ${today})`;
  const n = `${params.add(days)}::int`;
  const nextDay = `case when ${toGo} > ${n} then ${toGo} - ${n} else ${toGo} + 1 end`;
  return `((${today} + ${nextDay})::timestamp at time zone ${zone})`;
}

/** Whole days since `column` (recency_days, tenure_days, …) go up by one each day after it. */
export function wholeDaysChange(column: string, now: string): string {
  return `(${column} + (floor(extract(epoch from ((${now})::timestamptz - ${column})) / 86400) + 1) * interval '1 day')`;
}

/**
 * How a statement reads next changes: `scoped`, an expression per profile `p` (the real-time
 * check of a few pairs); `grouped`, a query of (profile_id, at) over every profile at once
 * (writing a whole segment's timers), one grouped scan of the events instead of a probe per profile.
 */
export type ExpiryShape = 'scoped' | 'grouped';

/**
 * The relation events are read from: the `events` table, or a batch's own events (a relation
 * with its columns profile_id, name, properties, occurred_at), for incremental computed traits.
 */
export type EventSource = 'events' | 'batch_events';

/** The earliest of `at` over the events of `test` passing `condition`: per profile, or grouped by profile. */
function eventsMin(test: EventFilterTest, condition: string, at: string, params: SqlParams, now: string, shape: ExpiryShape, source: EventSource = 'events'): string {
  const filters = eventFilters(test, params, now, { upToNow: false, grouped: shape === 'grouped' });
  const where = `${filters.join(' and ')} and ${condition}`;
  return shape === 'scoped'
    ? `(select min(${at}) from ${source} e where ${where})`
    : `select e.profile_id, min(${at}) as at from ${source} e where ${where} group by e.profile_id`;
}

/** A window ending at now loses its oldest event just after that event is the window's length old. */
export function windowLapse(
  window: EventWindow, test: EventFilterTest, params: SqlParams, now: string, shape: ExpiryShape = 'scoped', source: EventSource = 'events',
): string | undefined {
  const relative = relativeWindow(window);
  if (!relative) return undefined;
  const length = `make_interval(${RELATIVE_WINDOWS[relative.kind].sql} => ${params.add(relative.n)}::int)`;
  return eventsMin(test, `e.occurred_at >= (${now})::timestamptz - ${length}`, `e.occurred_at + ${length} + ${JUST_AFTER}`, params, now, shape, source);
}

/** An event leaf: only a window ending at now moves by itself. */
export function eventWindowChange(test: EventFilterTest & { within?: EventWindow }, params: SqlParams, now: string, shape: ExpiryShape): string | undefined {
  return test.within ? windowLapse(test.within, test, params, now, shape) : undefined;
}

/**
 * A sequence: its first step's events leave a window ending at now, and a "then not" wait
 * after an event of the last step ends (the abandonment is then decided, whatever came before).
 */
export function sequenceChanges(condition: SequenceCondition, params: SqlParams, now: string, shape: ExpiryShape): string[] {
  const changes: string[] = [];
  const first = condition.steps[0];
  const lapse = condition.within && windowLapse(condition.within, first, params, now, shape);
  if (lapse) changes.push(lapse);
  if (condition.thenNot) {
    const last = condition.steps[condition.steps.length - 1];
    const wait = spanInterval(condition.thenNot.within, params);
    changes.push(eventsMin(last, `e.occurred_at > (${now})::timestamptz - ${wait}`, `e.occurred_at + ${wait}`, params, now, shape));
  }
  return changes;
}
