import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';

/**
 * Poison values for the fuzz suite (test/faults/fuzz.test.ts): for each argument of each
 * root field (and the two nested fields with arguments), values of the classes below put
 * at one position of an otherwise valid argument set, sent as a GraphQL literal or as a
 * variable.
 */
export type PoisonClass = 'nul' | 'surrogate' | 'long' | 'deep' | 'overflow' | 'timestamp' | 'cursor';

/**
 * What the server must answer. `edge`: refused before anything runs, HTTP 400 and
 * BAD_USER_INPUT naming the position; `after`: BAD_USER_INPUT naming `after`; `refused`:
 * some 4xx refusal (GraphQL's own coercion, or the service); `any`: may be accepted.
 */
export type Expectation = 'edge' | 'after' | 'refused' | 'any';

export interface Poison {
  kind: PoisonClass;
  value: unknown;
  expect: Expectation;
  /** Where, below the position, a refusal points (inside a JSON value). */
  inner?: string;
}

export interface PoisonCase {
  /** `Type.field` */
  coordinate: string;
  operation: 'query' | 'mutation' | 'subscription';
  field: GraphQLField<unknown, unknown>;
  /** The argument values, one of them poisoned. */
  args: Record<string, unknown>;
  /** Where the poison sits, e.g. `input.rules[0].segment`. */
  position: string;
  poison: Poison;
}

/** Random text a compressor cannot shrink (so an index really sees its length), with multi-byte characters. */
export function incompressible(rnd: () => number, length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789éüßøΩЖ漢字😀';
  const chars = [...alphabet];
  return Array.from({ length }, () => chars[Math.floor(rnd() * chars.length)]).join('');
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const nested = (depth: number): unknown => (depth === 0 ? 'bottom' : { d: nested(depth - 1) });

/** The poisons a leaf of this scalar type, under this name, can carry. */
export function poisonsFor(scalar: string, name: string, long: string): Poison[] {
  if (scalar === 'String' || scalar === 'ID') {
    const strings: Poison[] = [
      { kind: 'nul', value: 'fz\u0000x', expect: 'edge' },
      { kind: 'surrogate', value: 'fz\ud800x', expect: 'edge' },
      { kind: 'surrogate', value: '\udc00', expect: 'edge' },
      { kind: 'long', value: long, expect: 'edge' },
    ];
    if (name === 'after') {
      const forged = [b64('junk'), b64('{"a":1}'), b64('["x","y"]'), b64('[1.5]'), b64('[null,null]'), b64('[{"a":1},[2]]'), b64('["2026-01-01T00:00:00Z",true]'), '-1', '9'.repeat(40), '%%%'];
      strings.push(...forged.map((value): Poison => ({ kind: 'cursor', value, expect: 'after' })));
    }
    if (name === 'timestamp') {
      const absurd = ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1969-12-31T23:59:59Z', '-000001-01-01T00:00:00Z'];
      strings.push(...absurd.map((value): Poison => ({ kind: 'timestamp', value, expect: 'refused' })));
      // Far ahead but a time: an event is stored at its receipt time then (clampedFrom keeps the claim).
      strings.push({ kind: 'timestamp', value: '9999-12-31T23:59:59Z', expect: 'any' });
    }
    return strings;
  }
  if (scalar === 'Int') {
    return [
      ...[2147483647, -2147483648, -1, 0].map((value): Poison => ({ kind: 'overflow', value, expect: 'any' })),
      ...[2147483648, -2147483649, 1e308, 'NaN'].map((value): Poison => ({ kind: 'overflow', value, expect: 'refused' })),
    ];
  }
  if (scalar === 'Float') {
    return [
      ...[1e308, -1e308, 1e12, -5e15].map((value): Poison => ({ kind: 'overflow', value, expect: 'edge' })),
      ...[-0, 999999999999.999, 5e-324].map((value): Poison => ({ kind: 'overflow', value, expect: 'any' })),
      ...['NaN', 'Infinity', '-0'].map((value): Poison => ({ kind: 'overflow', value, expect: 'refused' })),
    ];
  }
  if (scalar === 'DateTimeISO') {
    return [
      ...['0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '1900-01-01T00:00:00+01:00'].map((value): Poison => ({ kind: 'timestamp', value, expect: 'edge' })),
      ...['+275760-09-13T00:00:00Z', '-000001-01-01T00:00:00Z', -1, 8.64e15, '2026-02-30T00:00:00Z'].map((value): Poison => ({ kind: 'timestamp', value, expect: 'refused' })),
    ];
  }
  if (scalar === 'JSON' || scalar === 'JSONObject') {
    return [
      { kind: 'nul', value: { k: 'a\u0000b' }, expect: 'edge', inner: '.k' },
      { kind: 'nul', value: { 'k\u0000': 1 }, expect: 'edge' },
      { kind: 'surrogate', value: { k: ['ok', 'x\udc00'] }, expect: 'edge', inner: '.k[1]' },
      { kind: 'surrogate', value: { ['\ud83d']: 1 }, expect: 'edge' },
      { kind: 'deep', value: nested(200), expect: 'edge' },
      { kind: 'overflow', value: { n: 1e308, m: -0, i: 2 ** 63 }, expect: 'any' },
      { kind: 'long', value: { [long.slice(0, 300)]: long }, expect: 'any' },
    ];
  }
  return [];
}

/** A leaf position of an argument type: its path below the argument, its scalar, and its own name. */
interface Leaf {
  steps: (string | number)[];
  scalar: string;
  name: string;
}

function leaves(type: GraphQLInputType, steps: (string | number)[], name: string, depth = 0): Leaf[] {
  if (isNonNullType(type)) return leaves(type.ofType, steps, name, depth);
  if (isListType(type)) return leaves(type.ofType, [...steps, 0], name, depth);
  if (isScalarType(type)) return [{ steps, scalar: type.name, name }];
  if (isInputObjectType(type) && depth < 3) {
    return Object.values(type.getFields()).flatMap((f) => leaves(f.type, [...steps, f.name], f.name, depth + 1));
  }
  return [];
}

/** `input.rules[0].segment` for the steps ['input', 'rules', 0, 'segment']. */
export function pathOf(steps: (string | number)[]): string {
  return steps.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** A valid value of `type` with only its required parts, for objects a poison needs on its way. */
function example(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return example(type.ofType);
  if (isListType(type)) return [example(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(required.map((f) => [f.name, example(f.type)]));
  }
  const values: Record<string, unknown> = { Int: 1, Float: 0.5, Boolean: true, DateTimeISO: '2026-01-01T00:00:00Z', JSON: {}, JSONObject: {} };
  return values[type.name] ?? 'fz';
}

/** A copy of `args` with `value` at `steps` (the first names the argument), making what is missing on the way. */
function withValue(args: Record<string, unknown>, field: GraphQLField<unknown, unknown>, steps: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(args);
  let at = copy as Record<string | number, unknown>;
  let type: GraphQLInputType = field.args.find((a) => a.name === steps[0])!.type;
  steps.forEach((step, i) => {
    if (i === steps.length - 1) {
      at[step] = value;
      return;
    }
    if (at[step] === undefined || at[step] === null) at[step] = example(type);
    at = at[step] as Record<string | number, unknown>;
    const named = isNonNullType(type) ? type.ofType : type;
    if (isListType(named)) type = named.ofType;
    else if (isInputObjectType(named)) type = named.getFields()[steps[i + 1]].type;
  });
  return copy;
}

/**
 * Cases for one field: for each poison class its arguments can carry, up to `perClass`
 * positions picked by `rnd`, each with one value of the class picked by `rnd`; every
 * forged cursor at every `after`.
 */
export function casesFor(
  coordinate: string,
  operation: PoisonCase['operation'],
  field: GraphQLField<unknown, unknown>,
  baseline: () => Record<string, unknown>,
  rnd: () => number,
  long: string,
  perClass = 2,
): PoisonCase[] {
  const byClass = new Map<string, { leaf: Leaf; poison: Poison }[]>();
  for (const arg of field.args as readonly GraphQLArgument[]) {
    for (const leaf of leaves(arg.type, [arg.name], arg.name)) {
      for (const poison of poisonsFor(leaf.scalar, leaf.name, long)) {
        const key = `${poison.kind}/${poison.expect}`;
        byClass.set(key, [...(byClass.get(key) ?? []), { leaf, poison }]);
      }
    }
  }
  const cases: PoisonCase[] = [];
  for (const options of byClass.values()) {
    const positions = [...new Set(options.map((o) => pathOf(o.leaf.steps)))];
    for (let n = 0; n < Math.min(perClass, positions.length); n++) {
      const position = positions.splice(Math.floor(rnd() * positions.length), 1)[0];
      const here = options.filter((o) => pathOf(o.leaf.steps) === position);
      const chosen = here[0].poison.kind === 'cursor' ? here : [here[Math.floor(rnd() * here.length)]];
      for (const { leaf, poison } of chosen) cases.push({ coordinate, operation, field, args: withValue(baseline(), field, leaf.steps, poison.value), position, poison });
    }
  }
  return cases;
}

/** A GraphQL literal for `value` of `type`, or undefined when the value cannot be written as one (a JSON key that is no GraphQL name). */
export function literal(value: unknown, type: GraphQLInputType): string | undefined {
  if (value === null || value === undefined) return 'null';
  if (isNonNullType(type)) return literal(value, type.ofType);
  if (isListType(type)) {
    if (!Array.isArray(value)) return literal(value, type.ofType);
    const items = value.map((v) => literal(v, type.ofType));
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (isEnumType(type) && typeof value === 'string') return value;
  if (isInputObjectType(type)) {
    return objectLiteral(value as Record<string, unknown>, (k, v) => {
      const fieldType = type.getFields()[k]?.type;
      return fieldType && literal(v, fieldType);
    });
  }
  if (getNamedType(type).name.startsWith('JSON')) return jsonLiteral(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return JSON.stringify(value);
}

function objectLiteral(value: Record<string, unknown>, print: (key: string, v: unknown) => string | undefined): string | undefined {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const text = print(k, v);
    if (text === undefined || !/^[_A-Za-z][_0-9A-Za-z]*$/.test(k)) return undefined;
    parts.push(`${k}: ${text}`);
  }
  return `{ ${parts.join(', ')} }`;
}

function jsonLiteral(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const items = value.map(jsonLiteral);
    return items.includes(undefined) ? undefined : `[${items.join(', ')}]`;
  }
  if (value && typeof value === 'object') return objectLiteral(value as Record<string, unknown>, (_, v) => jsonLiteral(v));
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  return JSON.stringify(value);
}

/** The fields of the schema's root types, with the kind of operation that selects them. */
export function rootFields(schema: GraphQLSchema): { coordinate: string; operation: PoisonCase['operation']; field: GraphQLField<unknown, unknown> }[] {
  const roots = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ] as const;
  return roots.flatMap(([operation, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ coordinate: `${type.name}.${field.name}`, operation, field })) : [],
  );
}
