/**
 * Compiles a `{ path, op, value }` condition over a JSON document (profile
 * traits, event properties, account traits) to a boolean SQL expression that
 * is never NULL.
 *
 * JSON data is untyped, so every typed comparison is guarded by `jsonb_typeof`
 * inside a CASE (PostgreSQL does not promise to evaluate AND left to right, but
 * it does evaluate CASE branches in order): a trait holding "abc" never makes
 * `::numeric` throw, it just does not match. The rule for types:
 * - equality and lists (`eq`, `in`, `contains_any`, …) are type-strict: "30" is not 30;
 * - ordering (`gt` … `between`) with a number reads JSON numbers and numeric strings
 *   ("42", "-1.5e3"); with an ISO 8601 date it reads ISO date strings as instants
 *   (`segmentary_instant`, migration 20261209100001); with any other string it compares
 *   text in code-point order;
 * - string operators read strings only, array operators arrays only; a negative one
 *   (`not_contains`, `contains_none`, `ineq`) is false for a value of another type or an
 *   absent one, like `neq` and `not_in`.
 */
import { assertUnreachable } from '../../common';
import { splitPath, type ArrayListOp, type GeoRadius, type OrderOp, type PropertyCondition, type Scalar, type SizeOp } from './ast';
import type { SqlParams } from '../../db';
import { SQL_COMPARISON } from './sql-placeholders';
import { isIsoInstant } from './validate-values';
import { compileAnniversary, compileRelativeDate } from './compile-relative-date';
import { anniversaryChange, relativeDateChange } from './compile-expiry';

/**
 * The JSON columns a condition may read; fixed text, never user input (`s.traits`: traits as
 * of a history frame's instant), or a document a compiler built from fixed text and
 * placeholders (a computed trait's value, compile-computed.ts).
 */
export type JsonDocument = 'p.traits' | 's.traits' | 'e.properties' | 'a.traits' | BuiltDocument;
/** A JSON document expression made of fixed text and placeholders only, over the profile `p`. */
export type BuiltDocument = string & { readonly built: unique symbol };

interface JsonTarget {
  /** The jsonb value at the path, or NULL when the path is absent. */
  json: string;
  /** The same value as text (unquoted for JSON strings). */
  text: string;
}

function jsonTarget(document: JsonDocument, path: string, params: SqlParams): JsonTarget {
  const pathParam = params.add(splitPath(path));
  return { json: `(${document} #> ${pathParam}::text[])`, text: `(${document} #>> ${pathParam}::text[])` };
}

/** A scalar bound with an explicit SQL type, so PostgreSQL never has to guess. */
function typedScalar(value: Scalar, params: SqlParams): string {
  if (typeof value === 'number') return `${params.add(value)}::numeric`;
  if (typeof value === 'boolean') return `${params.add(value)}::boolean`;
  return `${params.add(value)}::text`;
}

/** `{ "address": { "country": "FR" } }` for path address.country: containment at a nested path is exact equality. */
function nestAtPath(path: string, value: Scalar): unknown {
  return splitPath(path).reduceRight<unknown>((inner, segment) => ({ [segment]: inner }), value);
}

const notFalse = (sql: string) => `coalesce(${sql}, false)`;
const isPresent = (target: JsonTarget) => `${target.json} <> 'null'::jsonb`;

/**
 * Equality as containment: `@>` compares numbers numerically (30 = 30.0), keeps
 * types apart ("30" ≠ 30), and can use the GIN index on profiles.traits. The
 * documents are NOT NULL, so the result is never NULL.
 */
function compileEquals(document: JsonDocument, path: string, value: Scalar, params: SqlParams): string {
  return `(${document} @> ${params.add(JSON.stringify(nestAtPath(path, value)))}::jsonb)`;
}

/** A JSON number, or a string holding one, as numeric (bounded digits: a cast never overflows). */
const NUMERIC_TEXT = `'^-?[0-9]{1,30}([.][0-9]{1,30})?([eE][-+]?[0-9]{1,3})?$'`;
const numericOf = (t: JsonTarget) =>
  `case jsonb_typeof(${t.json}) when 'number' then ${t.json}::numeric when 'string' then case when ${t.text} ~ ${NUMERIC_TEXT} then ${t.text}::numeric end end`;
const instantOf = (t: JsonTarget) => `case when jsonb_typeof(${t.json}) = 'string' then segmentary_instant(${t.text}) end`;
/** A JSON string's text, NULL for any other type. */
const stringAt = (target: JsonTarget) => `case when jsonb_typeof(${target.json}) = 'string' then ${target.text} end`;
/** An ISO date bound as an instant (a date alone is UTC midnight, as JavaScript reads it). */
const boundInstant = (value: string, params: SqlParams) => `${params.add(new Date(value))}::timestamptz`;

function compileOrdered(target: JsonTarget, op: OrderOp, value: number | string, params: SqlParams): string {
  const operator = SQL_COMPARISON[op];
  if (typeof value === 'number') return notFalse(`(${numericOf(target)}) ${operator} ${params.add(value)}::numeric`);
  if (isIsoInstant(value)) return notFalse(`(${instantOf(target)}) ${operator} ${boundInstant(value, params)}`);
  // COLLATE "C": code-point order, independent of the database locale and equal to the validator's lo ≤ hi check.
  return notFalse(`case when jsonb_typeof(${target.json}) = 'string' then ${target.text} collate "C" ${operator} ${params.add(value)}::text end`);
}

function compileBetween(target: JsonTarget, [lo, hi]: [number, number] | [string, string], params: SqlParams): string {
  if (typeof lo === 'number') return notFalse(`(${numericOf(target)}) between ${params.add(lo)}::numeric and ${params.add(hi)}::numeric`);
  if (isIsoInstant(lo) && isIsoInstant(hi)) return notFalse(`(${instantOf(target)}) between ${boundInstant(lo, params)} and ${boundInstant(hi, params)}`);
  return notFalse(`case when jsonb_typeof(${target.json}) = 'string' then ${target.text} collate "C" between ${params.add(lo)}::text and ${params.add(hi as string)}::text end`);
}

/** Strings: substring (strpos, so % and _ are plain characters). Arrays: has the value as an element. `negate`: neither. */
function compileContains(target: JsonTarget, value: Scalar, params: SqlParams, negate = false): string {
  const needle = typedScalar(value, params);
  // NOT binds looser than @>: `not a @> b` is `not (a @> b)`.
  const inArray = `when 'array' then ${negate ? 'not ' : ''}${target.json} @> jsonb_build_array(${needle})`;
  const inString = typeof value === 'string' ? ` when 'string' then strpos(${target.text}, ${needle}) ${negate ? '=' : '>'} 0` : '';
  return notFalse(`case jsonb_typeof(${target.json}) ${inArray}${inString} end`);
}

/** Membership as containment of the one-element array [value] in the list: type-strict, numeric-aware. */
function compileIn(target: JsonTarget, values: Scalar[], negate: boolean, params: SqlParams): string {
  const member = `${params.add(JSON.stringify(values))}::jsonb @> jsonb_build_array(${target.json})`;
  return notFalse(`${isPresent(target)} and ${negate ? `not (${member})` : member}`);
}

/** A test on the string at the path; false for any other type. */
const onString = (target: JsonTarget, test: string) => notFalse(`case when jsonb_typeof(${target.json}) = 'string' then ${test} end`);

/** The string tests: case-sensitive ones as they are, `i…` ones on both sides lowered (PostgreSQL's `lower`, the database's locale). */
function compileStringTest(target: JsonTarget, op: 'starts_with' | 'ends_with' | 'matches' | 'ieq' | 'ineq' | 'istarts_with' | 'iends_with' | 'imatches', value: string, params: SqlParams): string {
  const v = `${params.add(value)}::text`;
  const text = target.text;
  switch (op) {
    case 'starts_with': return onString(target, `starts_with(${text}, ${v})`);
    case 'ends_with': return onString(target, `right(${text}, length(${v})) = ${v}`);
    case 'matches': return onString(target, `${text} ~ ${v}`);
    case 'ieq': return onString(target, `lower(${text}) = lower(${v})`);
    case 'ineq': return onString(target, `lower(${text}) <> lower(${v})`);
    case 'istarts_with': return onString(target, `starts_with(lower(${text}), lower(${v}))`);
    case 'iends_with': return onString(target, `right(lower(${text}), length(lower(${v}))) = lower(${v})`);
    case 'imatches': return onString(target, `${text} ~* ${v}`);
    default: return assertUnreachable(op, 'string op');
  }
}

/** `icontains`: a substring of a string, or a string element of an array, ignoring case. */
function compileContainsIgnoringCase(target: JsonTarget, value: string, params: SqlParams): string {
  const v = `lower(${params.add(value)}::text)`;
  const element = `exists (select 1 from jsonb_array_elements(${target.json}) elem(v) where jsonb_typeof(elem.v) = 'string' and lower(elem.v #>> '{}') = ${v})`;
  return notFalse(`case jsonb_typeof(${target.json}) when 'array' then ${element} when 'string' then strpos(lower(${target.text}), ${v}) > 0 end`);
}

/** An array holding any, all or none of the values as elements (type-strict, numeric-aware like `contains`). */
function compileArrayList(target: JsonTarget, op: ArrayListOp, values: Scalar[], params: SqlParams): string {
  const list = `${params.add(JSON.stringify(values))}::jsonb`;
  const anyOf = `exists (select 1 from jsonb_array_elements(${list}) elem(v) where ${target.json} @> jsonb_build_array(elem.v))`;
  const test = op === 'contains_all' ? `${target.json} @> ${list}` : op === 'contains_any' ? anyOf : `not ${anyOf}`;
  return notFalse(`case when jsonb_typeof(${target.json}) = 'array' then ${test} end`);
}

const SIZE_COMPARISON: Record<SizeOp, string> = { size_eq: '=', size_neq: '<>', size_gt: '>', size_gte: '>=', size_lt: '<', size_lte: '<=' };

function compileSize(target: JsonTarget, op: SizeOp, value: number, params: SqlParams): string {
  return notFalse(`case when jsonb_typeof(${target.json}) = 'array' then jsonb_array_length(${target.json}) ${SIZE_COMPARISON[op]} ${params.add(value)}::int end`);
}

/** Mean Earth radius (IUGG), km: haversine distances are within 0.5% of the ellipsoid's. */
const EARTH_RADIUS_KM = 6371.0088;

/**
 * `within_km`: the object at the path holds a point (`lat` / `latitude`, `lon` / `lng` /
 * `longitude`, numbers in range); its great-circle (haversine) distance to the given
 * point is at most `km`.
 */
function compileWithinKm(target: JsonTarget, { lat, lon, km }: GeoRadius, params: SqlParams): string {
  const [lat0, lon0, radius] = [params.add(lat), params.add(lon), params.add(km)];
  const field = (...keys: string[]) => `coalesce(${keys.map((k) => `${target.json} -> '${k}'`).join(', ')})`;
  const number = (json: string) => `case when jsonb_typeof(${json}) = 'number' then (${json})::float8 end`;
  const halfChord =
    `power(sin(radians(geo.lat - ${lat0}::float8) / 2), 2) + cos(radians(${lat0}::float8)) * cos(radians(geo.lat)) * power(sin(radians(geo.lon - ${lon0}::float8) / 2), 2)`;
  const haversine = `2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(${halfChord})))`;
  const point = `select ${number(field('lat', 'latitude'))} as lat, ${number(field('lon', 'lng', 'longitude'))} as lon`;
  const within = `select ${haversine} <= ${radius}::float8 from (${point}) geo where geo.lat between -90 and 90 and geo.lon between -180 and 180`;
  return notFalse(`case when jsonb_typeof(${target.json}) = 'object' then (${within}) end`);
}

/**
 * Where the person's `timezone` trait is read for anniversaries: their traits (as of the
 * instant, in a history frame). An event property's anniversary is in UTC: an event filter
 * is also evaluated in a grouped scan of the events, where no profile row is at hand.
 */
const TIME_ZONE_OF: Record<Exclude<JsonDocument, BuiltDocument>, string> = {
  'p.traits': "(p.traits ->> 'timezone')",
  's.traits': "(s.traits ->> 'timezone')",
  'e.properties': 'null::text',
  'a.traits': "(p.traits ->> 'timezone')",
};

/** A built document belongs to the profile `p`: its anniversaries are in the person's zone. */
const timeZoneOf = (document: JsonDocument): string => TIME_ZONE_OF[document as Exclude<JsonDocument, BuiltDocument>] ?? TIME_ZONE_OF['p.traits'];

/** `now`: the instant relative dates are measured from (the compiler's placeholder); required by those operators only. */
export function compilePropertyCondition(document: JsonDocument, condition: PropertyCondition, params: SqlParams, now?: string): string {
  // The path is bound only by the operators that read the value at the path (eq uses containment).
  const at = () => jsonTarget(document, condition.path, params);
  switch (condition.op) {
    case 'eq':
      return compileEquals(document, condition.path, condition.value, params);
    case 'neq': {
      const target = at();
      return notFalse(`${isPresent(target)} and ${target.json} <> ${params.add(JSON.stringify(condition.value))}::jsonb`);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compileOrdered(at(), condition.op, condition.value, params);
    case 'between':
      return compileBetween(at(), condition.value, params);
    case 'in':
    case 'not_in':
      return compileIn(at(), condition.value, condition.op === 'not_in', params);
    case 'contains':
    case 'not_contains':
      return compileContains(at(), condition.value, params, condition.op === 'not_contains');
    case 'starts_with':
    case 'ends_with':
    case 'matches':
    case 'ieq':
    case 'ineq':
    case 'istarts_with':
    case 'iends_with':
    case 'imatches':
      return compileStringTest(at(), condition.op, condition.value, params);
    case 'icontains':
      return compileContainsIgnoringCase(at(), condition.value, params);
    case 'contains_any':
    case 'contains_all':
    case 'contains_none':
      return compileArrayList(at(), condition.op, condition.value, params);
    case 'size_eq':
    case 'size_neq':
    case 'size_gt':
    case 'size_gte':
    case 'size_lt':
    case 'size_lte':
      return compileSize(at(), condition.op, condition.value, params);
    case 'within_km':
      return compileWithinKm(at(), condition.value, params);
    case 'within_last':
    case 'within_next':
    case 'before_last':
    case 'after_next':
      return compileRelativeDate(`(${instantOf(at())})`, condition.op, condition.value, params, nowOf(now, condition.op));
    case 'anniversary_within_next':
      return compileAnniversary(stringAt(at()), timeZoneOf(document), condition.value, params, nowOf(now, condition.op));
    case 'exists':
      return notFalse(isPresent(at()));
    case 'not_exists': {
      const target = at();
      return `(${target.json} is null or ${target.json} = 'null'::jsonb)`;
    }
    default:
      return assertUnreachable(condition, 'property condition');
  }
}

/**
 * For the time-relative operators, the next instant after `now` at which the condition may
 * change with time alone (compile-expiry.ts); undefined for the others, which never do.
 */
export function propertyTimeChange(document: JsonDocument, condition: PropertyCondition, params: SqlParams, now: string): string | undefined {
  switch (condition.op) {
    case 'within_last':
    case 'within_next':
    case 'before_last':
    case 'after_next':
      return relativeDateChange(instantOf(jsonTarget(document, condition.path, params)), condition.op, condition.value, params, now);
    case 'anniversary_within_next':
      return anniversaryChange(stringAt(jsonTarget(document, condition.path, params)), timeZoneOf(document), condition.value, params, now);
    default:
      return undefined;
  }
}

function nowOf(now: string | undefined, op: string): string {
  if (now === undefined) throw new Error(`op ${op} needs the instant it is measured from`);
  return now;
}
