/**
 * Test support: a small evaluator for the subset of JSON Schema 2020-12 that
 * segmentDefinitionJsonSchema uses, so tests can check the published schema
 * against the validator without adding a dependency. An unknown keyword throws:
 * the schema cannot quietly use something this evaluator would ignore.
 */
type Schema = { [keyword: string]: unknown };
type Keyword = (value: unknown, argument: unknown, schema: Schema, root: Schema) => boolean;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs', '$comment', 'default', 'examples']);
/** Handled together with `prefixItems` / `if` by their keyword functions. */
const COMPANIONS = new Set(['then', 'else']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function typeMatches(value: unknown, type: string): boolean {
  switch (type) {
    case 'object': return isObject(value);
    case 'array': return Array.isArray(value);
    case 'integer': return typeof value === 'number' && Number.isInteger(value);
    case 'number': return typeof value === 'number' && Number.isFinite(value);
    case 'null': return value === null;
    default: return typeof value === type;
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function resolveRef(root: Schema, pointer: string): Schema {
  if (pointer === '#') return root;
  if (!pointer.startsWith('#/')) throw new Error(`unsupported $ref ${pointer}`);
  return pointer.slice(2).split('/').reduce<unknown>((node, part) => (node as Schema)[part], root) as Schema;
}

const count = (schemas: unknown, value: unknown, root: Schema) =>
  (schemas as Schema[]).filter((schema) => matchesSchema(schema, value, root)).length;

const KEYWORDS: Record<string, Keyword> = {
  $ref: (value, pointer, _schema, root) => matchesSchema(resolveRef(root, pointer as string), value, root),
  type: (value, type) => (Array.isArray(type) ? type : [type]).some((t) => typeMatches(value, t as string)),
  enum: (value, options) => (options as unknown[]).some((option) => deepEqual(option, value)),
  const: (value, expected) => deepEqual(value, expected),
  required: (value, keys) => !isObject(value) || (keys as string[]).every((key) => key in value),
  properties: (value, props, _schema, root) =>
    !isObject(value) ||
    Object.entries(props as Record<string, Schema>).every(([key, sub]) => !(key in value) || matchesSchema(sub, value[key], root)),
  additionalProperties: (value, allowed, schema, root) => {
    if (!isObject(value)) return true;
    const declared = Object.keys((schema.properties as Schema | undefined) ?? {});
    const extra = Object.keys(value).filter((key) => !declared.includes(key));
    return extra.every((key) => (allowed === false ? false : matchesSchema(allowed as Schema, value[key], root)));
  },
  prefixItems: (value, items, _schema, root) =>
    !Array.isArray(value) || (items as Schema[]).every((sub, i) => i >= value.length || matchesSchema(sub, value[i], root)),
  items: (value, item, schema, root) => {
    if (!Array.isArray(value)) return true;
    const start = Array.isArray(schema.prefixItems) ? schema.prefixItems.length : 0;
    return value.slice(start).every((element) => matchesSchema(item as Schema, element, root));
  },
  minItems: (value, n) => !Array.isArray(value) || value.length >= (n as number),
  maxItems: (value, n) => !Array.isArray(value) || value.length <= (n as number),
  minLength: (value, n) => typeof value !== 'string' || [...value].length >= (n as number),
  maxLength: (value, n) => typeof value !== 'string' || [...value].length <= (n as number),
  pattern: (value, pattern) => typeof value !== 'string' || new RegExp(pattern as string, 'u').test(value),
  minimum: (value, n) => typeof value !== 'number' || value >= (n as number),
  exclusiveMinimum: (value, n) => typeof value !== 'number' || value > (n as number),
  maximum: (value, n) => typeof value !== 'number' || value <= (n as number),
  oneOf: (value, schemas, _schema, root) => count(schemas, value, root) === 1,
  anyOf: (value, schemas, _schema, root) => count(schemas, value, root) >= 1,
  allOf: (value, schemas, _schema, root) => count(schemas, value, root) === (schemas as Schema[]).length,
  not: (value, sub, _schema, root) => !matchesSchema(sub as Schema, value, root),
  if: (value, condition, schema, root) => {
    const branch = matchesSchema(condition as Schema, value, root) ? schema.then : schema.else;
    return branch === undefined || matchesSchema(branch as Schema, value, root);
  },
};

/** True when `value` is valid against `schema` (resolving `$ref`s against `root`). */
export function matchesSchema(schema: Schema, value: unknown, root: Schema = schema): boolean {
  return Object.entries(schema).every(([keyword, argument]) => {
    if (ANNOTATIONS.has(keyword) || COMPANIONS.has(keyword)) return true;
    const check = KEYWORDS[keyword];
    if (!check) throw new Error(`JSON Schema keyword not supported by the test evaluator: ${keyword}`);
    return check(value, argument, schema, root);
  });
}
