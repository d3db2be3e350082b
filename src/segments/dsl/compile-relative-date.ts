/**
 * Dates relative to `now` (issue 15 §2): `within_last` / `within_next` / `before_last` /
 * `after_next` a span, and `anniversary_within_next` N days. Shared by trait, event
 * property and account conditions (on ISO date strings) and by timestamp stats (on
 * their column), so both read time the same way.
 */
import { assertUnreachable } from '../../common';
import type { SqlParams } from '../../db';
import { SPAN_UNITS, type RelativeDateOp, type RelativeSpan, type SpanUnit } from './ast';

/** The span as a bound interval (make_interval's unit, the count as a parameter). */
export function spanInterval(span: RelativeSpan, params: SqlParams): string {
  const unit = Object.keys(span)[0] as SpanUnit;
  return `make_interval(${SPAN_UNITS[unit].sql} => ${params.add((span as Record<SpanUnit, number>)[unit])}::int)`;
}

/** `instant` (a timestamptz expression, NULL when there is none) against now ± the span; never NULL. */
export function compileRelativeDate(instant: string, op: RelativeDateOp, span: RelativeSpan, params: SqlParams, now: string): string {
  const at = `(${now})::timestamptz`;
  const interval = spanInterval(span, params);
  switch (op) {
    case 'within_last':
      return `coalesce(${instant} between ${at} - ${interval} and ${at}, false)`;
    case 'within_next':
      return `coalesce(${instant} between ${at} and ${at} + ${interval}, false)`;
    case 'before_last':
      return `coalesce(${instant} < ${at} - ${interval}, false)`;
    case 'after_next':
      return `coalesce(${instant} > ${at} + ${interval}, false)`;
    default:
      return assertUnreachable(op, 'relative date op');
  }
}

/**
 * The next anniversary of `dateText` (text holding `YYYY-MM-DD`, `MM-DD` or an ISO
 * date-time) is at most `days` days after today, today being the date now in the zone
 * `zoneText` names (UTC when it names none the server knows): migration 20261209200001.
 */
export function compileAnniversary(dateText: string, zoneText: string, days: number, params: SqlParams, now: string): string {
  const today = `segmentary_local_date((${now})::timestamptz, ${zoneText})`;
  return `coalesce(segmentary_days_to_anniversary(${dateText}, ${today}) <= ${params.add(days)}::int, false)`;
}
