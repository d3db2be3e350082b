/**
 * Compiles a `{ path, op, value }` condition over a JSON document (profile
 * traits, event properties, account traits) to a boolean SQL expression that
 * is never NULL.
 *
 * JSON data is untyped, so every typed comparison is guarded by `jsonb_typeof`
 * inside a CASE (PostgreSQL does not promise to evaluate AND left to right, but
 * it does evaluate CASE branches in order): a trait holding "abc" never makes
 * `::numeric` throw, it just does not match.
 */
import { assertUnreachable } from '../../common';
import { splitPath, type OrderOp, type PropertyCondition, type Scalar } from './ast';
import type { SqlParams } from '../../db';
import { SQL_COMPARISON } from './sql-placeholders';

/** The JSON columns a condition may read; fixed text, never user input (`s.traits`: traits as of a history frame's instant). */
export type JsonDocument = 'p.traits' | 's.traits' | 'e.properties' | 'a.traits';

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

function compileOrdered(target: JsonTarget, op: OrderOp, value: number | string, params: SqlParams): string {
  const operator = SQL_COMPARISON[op];
  if (typeof value === 'number') {
    return notFalse(`case when jsonb_typeof(${target.json}) = 'number' then ${target.json}::numeric ${operator} ${params.add(value)}::numeric end`);
  }
  // COLLATE "C": code-point order, independent of the database locale and equal to the validator's lo ≤ hi check.
  return notFalse(`case when jsonb_typeof(${target.json}) = 'string' then ${target.text} collate "C" ${operator} ${params.add(value)}::text end`);
}

function compileBetween(target: JsonTarget, [lo, hi]: [number, number] | [string, string], params: SqlParams): string {
  if (typeof lo === 'number') {
    return notFalse(`case when jsonb_typeof(${target.json}) = 'number' then ${target.json}::numeric between ${params.add(lo)}::numeric and ${params.add(hi)}::numeric end`);
  }
  return notFalse(`case when jsonb_typeof(${target.json}) = 'string' then ${target.text} collate "C" between ${params.add(lo)}::text and ${params.add(hi)}::text end`);
}

/** Strings: substring (strpos, so % and _ are plain characters). Arrays: has the value as an element. */
function compileContains(target: JsonTarget, value: Scalar, params: SqlParams): string {
  const needle = typedScalar(value, params);
  const inArray = `when 'array' then ${target.json} @> jsonb_build_array(${needle})`;
  const inString = typeof value === 'string' ? ` when 'string' then strpos(${target.text}, ${needle}) > 0` : '';
  return notFalse(`case jsonb_typeof(${target.json}) ${inArray}${inString} end`);
}

/** Membership as containment of the one-element array [value] in the list: type-strict, numeric-aware. */
function compileIn(target: JsonTarget, values: Scalar[], negate: boolean, params: SqlParams): string {
  const member = `${params.add(JSON.stringify(values))}::jsonb @> jsonb_build_array(${target.json})`;
  return notFalse(`${isPresent(target)} and ${negate ? `not (${member})` : member}`);
}

export function compilePropertyCondition(document: JsonDocument, condition: PropertyCondition, params: SqlParams): string {
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
      return compileContains(at(), condition.value, params);
    case 'starts_with': {
      const target = at();
      return notFalse(`case when jsonb_typeof(${target.json}) = 'string' then starts_with(${target.text}, ${params.add(condition.value)}::text) end`);
    }
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
