/**
 * Readers for the primitive parts of a definition. Each reader narrows an
 * `unknown`, records a problem under a precise path when it cannot, and
 * returns `undefined` so the caller can keep going and report everything at once.
 */
import { ISO_INSTANT_PATTERN, LIMITS, MAX_ANNIVERSARY_DAYS, PATH_SEGMENT_PATTERN, SPAN_UNITS, type GeoRadius, type RelativeSpan, type Scalar, type SpanUnit } from './ast';
import { patternProblem } from './validate-pattern';

export interface Problem {
  path: string;
  message: string;
}

export class ProblemList {
  readonly items: Problem[] = [];

  /** Records a problem; returns undefined so readers can `return problems.add(...)`. */
  add(path: string, message: string): undefined {
    this.items.push({ path, message });
    return undefined;
  }
}

export type ItemReader<T> = (value: unknown, path: string, problems: ProblemList) => T | undefined;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const pathSegment = new RegExp(PATH_SEGMENT_PATTERN);
const isoInstant = new RegExp(ISO_INSTANT_PATTERN);

/** `definition.trait` + `op` → `definition.trait.op`; odd keys are quoted so the path stays readable. */
export function childPath(path: string, key: string): string {
  return IDENTIFIER.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return 'non-finite number';
  return typeof value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Reads an object with a closed set of fields, reporting unknown ones. Missing
 * required fields are reported by the reader of each field ("is required").
 */
export function readFields(
  value: unknown,
  path: string,
  problems: ProblemList,
  allowed: readonly string[],
): Record<string, unknown> | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  if (!isPlainObject(value)) return problems.add(path, `must be an object, got ${describeType(value)}`);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.add(childPath(path, key), `unknown field; allowed: ${allowed.join(', ')}`);
  }
  return value;
}

export function readEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  problems: ProblemList,
): T | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const got = typeof value === 'string' ? JSON.stringify(value) : describeType(value);
  return problems.add(path, `must be one of: ${allowed.join(', ')}; got ${got}`);
}

export const readString: ItemReader<string> = (value, path, problems) => {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value !== 'string') return problems.add(path, `must be a string, got ${describeType(value)}`);
  if (value.length > LIMITS.maxStringLength) {
    return problems.add(path, `must be at most ${LIMITS.maxStringLength} characters`);
  }
  return value;
};

export const readNonEmptyString: ItemReader<string> = (value, path, problems) => {
  const text = readString(value, path, problems);
  if (text !== undefined && text.trim() === '') return problems.add(path, 'must not be empty');
  return text;
};

export const readNumber: ItemReader<number> = (value, path, problems) => {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return problems.add(path, `must be a finite number, got ${describeType(value)}`);
};

export const readScalar: ItemReader<Scalar> = (value, path, problems) => {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' || typeof value === 'string') {
    return typeof value === 'number' ? readNumber(value, path, problems) : readString(value, path, problems);
  }
  const hint = value === null ? ' (use exists / not_exists to test presence)' : '';
  return problems.add(path, `must be a string, number or boolean, got ${describeType(value)}${hint}`);
};

/** A string the compiler compares as an instant (ordering operators on JSON data). */
export const isIsoInstant = (value: unknown): value is string => typeof value === 'string' && isoInstant.test(value);

/**
 * Ordering comparisons work on numbers and on text, never on booleans. A string in ISO
 * 8601 form is compared as an instant, so it must name a real calendar day.
 */
export const readOrderedScalar: ItemReader<number | string> = (value, path, problems) => {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value === 'number') return readNumber(value, path, problems);
  if (isIsoInstant(value)) return readIsoInstant(value, path, problems);
  if (typeof value === 'string') return readString(value, path, problems);
  return problems.add(path, `must be a number or a string, got ${describeType(value)}`);
};

/** A `matches` pattern: a PostgreSQL regular expression in the portable subset (validate-pattern.ts). */
export const readPattern: ItemReader<string> = (value, path, problems) => {
  const text = readString(value, path, problems);
  if (text === undefined) return undefined;
  const problem = patternProblem(text);
  return problem ? problems.add(path, problem) : text;
};

/** An array size to compare with: an integer from 0. */
export const readCount: ItemReader<number> = (value, path, problems) => {
  const n = readNumber(value, path, problems);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 0) return problems.add(path, `must be an integer from 0, got ${n}`);
  return n;
};

/** `{ lat, lon, km }`: a point in degrees and a radius in kilometres (at most half the Earth's circumference). */
export function readGeoRadius(value: unknown, path: string, problems: ProblemList): GeoRadius | undefined {
  const before = problems.items.length;
  const fields = readFields(value, path, problems, ['lat', 'lon', 'km']);
  if (!fields) return undefined;
  const inRange = (key: 'lat' | 'lon' | 'km', lo: number, hi: number, exclusiveLo = false) => {
    const at = childPath(path, key);
    const n = readNumber(fields[key], at, problems);
    if (n !== undefined && (n < lo || n > hi || (exclusiveLo && n === lo))) problems.add(at, `must be ${exclusiveLo ? 'above' : 'at least'} ${lo} and at most ${hi}`);
    return n;
  };
  const lat = inRange('lat', -90, 90);
  const lon = inRange('lon', -180, 180);
  const km = inRange('km', 0, 20_038, true);
  return problems.items.length > before ? undefined : { lat: lat!, lon: lon!, km: km! };
}

/** A date (`2024-05-01`) or a date-time with offset, that names a real calendar day. */
export const readIsoInstant: ItemReader<string> = (value, path, problems) => {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value !== 'string' || !isoInstant.test(value)) {
    return problems.add(path, 'must be an ISO 8601 date (2024-05-01) or date-time with offset (2024-05-01T12:00:00Z)');
  }
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || Number.isNaN(Date.parse(value))) {
    return problems.add(path, `is not a real calendar date: ${JSON.stringify(value)}`);
  }
  return value;
};

/** A dot path such as `address.country`; each segment is an identifier. */
export const readDotPath: ItemReader<string> = (value, path, problems) => {
  const text = readString(value, path, problems);
  if (text === undefined) return undefined;
  const bad = text.split('.').filter((segment) => !pathSegment.test(segment));
  if (bad.length === 0) return text;
  const shown = bad.map((segment) => JSON.stringify(segment)).join(', ');
  return problems.add(path, `each dot-separated segment must match ${PATH_SEGMENT_PATTERN}; bad: ${shown}`);
};

/** A non-empty list of items, bounded so a definition cannot carry a huge parameter. */
export function readList<T>(value: unknown, path: string, problems: ProblemList, readItem: ItemReader<T>): T[] | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  if (!Array.isArray(value)) return problems.add(path, `must be an array, got ${describeType(value)}`);
  if (value.length === 0) return problems.add(path, 'must not be empty');
  if (value.length > LIMITS.maxListItems) return problems.add(path, `must have at most ${LIMITS.maxListItems} items`);
  const items = value.map((item, i) => readItem(item, `${path}[${i}]`, problems));
  return items.every((item) => item !== undefined) ? (items as T[]) : undefined;
}

/**
 * A `[lo, hi]` range with lo ≤ hi. Both ends must have the same type; strings
 * compare by code point (the compiler uses COLLATE "C" to match).
 */
export function readRange<T extends number | string>(
  value: unknown,
  path: string,
  problems: ProblemList,
  readItem: ItemReader<T>,
  orderKey: (item: T) => number | string = (item) => item,
): [T, T] | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  if (!Array.isArray(value) || value.length !== 2) {
    return problems.add(path, `must be a [lo, hi] pair, got ${describeType(value)}`);
  }
  const lo = readItem(value[0], `${path}[0]`, problems);
  const hi = readItem(value[1], `${path}[1]`, problems);
  if (lo === undefined || hi === undefined) return undefined;
  if (typeof lo !== typeof hi) return problems.add(path, 'lo and hi must have the same type');
  if (orderKey(lo) > orderKey(hi)) return problems.add(path, 'lo must be less than or equal to hi');
  return [lo, hi];
}

export const instantOrder = (value: string): number => Date.parse(value);

const SPAN_KEYS = Object.keys(SPAN_UNITS) as SpanUnit[];

/** `{ days: 14 }`, `{ hours: 3 }` or `{ minutes: 30 }`: exactly one unit, a positive integer up to ten years. */
export function readRelativeSpan(value: unknown, path: string, problems: ProblemList): RelativeSpan | undefined {
  const keys = isPlainObject(value) ? Object.keys(value) : [];
  if (!isPlainObject(value) || keys.length !== 1 || !(SPAN_KEYS as string[]).includes(keys[0])) {
    const got = isPlainObject(value) ? keys.join(', ') || 'none' : describeType(value);
    return problems.add(path, `must be an object with exactly one of: ${SPAN_KEYS.join(', ')}; got ${got}`);
  }
  const unit = keys[0] as SpanUnit;
  const n = value[unit];
  const { max } = SPAN_UNITS[unit];
  if (typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= max) return { [unit]: n } as RelativeSpan;
  return problems.add(childPath(path, unit), `must be a positive integer at most ${max}, got ${JSON.stringify(n) ?? 'undefined'}`);
}

/** Days ahead for `anniversary_within_next`: 0 (today) to a year. */
export const readAnniversaryDays: ItemReader<number> = (value, path, problems) => {
  const n = readNumber(value, path, problems);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 0 || n > MAX_ANNIVERSARY_DAYS) return problems.add(path, `must be an integer from 0 to ${MAX_ANNIVERSARY_DAYS}, got ${n}`);
  return n;
};
