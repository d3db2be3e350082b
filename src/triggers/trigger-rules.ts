/**
 * The date rules behind the birthday and repurchase triggers, as plain functions.
 * The scan itself is SQL (triggers.sql.ts): it takes `birthdayMonthDays` as a
 * parameter, and its repurchase arithmetic must agree with `nextExpectedOrderDate`
 * (test/triggers/repurchase.test.ts checks that it does). All dates are UTC.
 */

const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `YYYY-MM-DD` of a moment, in UTC. */
export function utcDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The `MM-DD` birthdays celebrated on the UTC day of `now`. A Feb 29 birthday is
 * celebrated on Feb 28 in years without a Feb 29 (the common convention, and it
 * keeps the celebration in February).
 */
export function birthdayMonthDays(now: Date): string[] {
  const monthDay = utcDate(now).slice(5);
  return monthDay === '02-28' && !isLeapYear(now.getUTCFullYear()) ? ['02-28', '02-29'] : [monthDay];
}

export interface Birthday {
  year: number | null;
  monthDay: string;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * `YYYY-MM-DD` or `MM-DD` (the only accepted shapes of the `birthday` trait), else null.
 * Like the scan's SQL, it checks the month-day only: `1990-02-29` counts as a Feb 29 birthday.
 */
export function parseBirthday(raw: unknown): Birthday | null {
  if (typeof raw !== 'string') return null;
  const match = /^(?:([0-9]{4})-)?([0-9]{2})-([0-9]{2})$/.exec(raw);
  if (!match) return null;
  const [, year, month, day] = match;
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > DAYS_IN_MONTH[m - 1]) return null;
  return { year: year ? Number(year) : null, monthDay: `${month}-${day}` };
}

export function isBirthdayToday(raw: unknown, now: Date): boolean {
  const birthday = parseBirthday(raw);
  return !!birthday && birthdayMonthDays(now).includes(birthday.monthDay);
}

export interface ExpectedOrder {
  /** `YYYY-MM-DD`: the last order day plus the median gap between order days, rounded to whole days. */
  expectedDate: string;
  lastOrderDate: string;
  medianGapDays: number;
  orderDays: number;
}

/**
 * When a buyer would order next if they kept their own rhythm: the median of the gaps
 * between their distinct (UTC) order days, added to the last order day. The median
 * keeps one long pause from pushing the date out. Needs orders on two different days.
 */
export function nextExpectedOrderDate(orders: readonly Date[]): ExpectedOrder | null {
  const days = [...new Set(orders.map((o) => Math.floor(o.getTime() / DAY_MS)))].sort((a, b) => a - b);
  if (days.length < 2) return null;
  const gaps = days.slice(1).map((day, i) => day - days[i]).sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  const last = days[days.length - 1];
  return {
    expectedDate: utcDate(new Date((last + Math.round(median)) * DAY_MS)),
    lastOrderDate: utcDate(new Date(last * DAY_MS)),
    medianGapDays: median,
    orderDays: days.length,
  };
}

/** Whole days from `expectedDate` to the UTC day of `now` (positive once it has passed). */
export function daysOverdue(expectedDate: string, now: Date): number {
  return Math.round((Date.parse(`${utcDate(now)}T00:00:00Z`) - Date.parse(`${expectedDate}T00:00:00Z`)) / DAY_MS);
}
