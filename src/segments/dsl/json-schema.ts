/**
 * The segment definition language as a JSON Schema (draft 2020-12), for
 * publishing to API clients and editors. It is generated from the same constant
 * arrays as the validator, so kinds, operators and stat names cannot drift.
 *
 * Some rules are beyond JSON Schema and are enforced by the validator only:
 * depth ≤ LIMITS.maxDepth, at most LIMITS.maxLeaves leaves, lo ≤ hi in ranges,
 * and dates that name a real calendar day (2024-02-30 matches the pattern).
 */
import { assertUnreachable } from '../../common';
import {
  COMPARE_OPS, COMPUTED_KEY_PATTERN, DOT_PATH_PATTERN, EVENT_AGGREGATES, ISO_INSTANT_PATTERN, LIMITS, NODE_KINDS,
  NUMERIC_STAT_OPS, NUMERIC_STATS, RELATIVE_WINDOW_KINDS, RELATIVE_WINDOWS, TEXT_STAT_OPS, TEXT_STATS, TIMESTAMP_STAT_OPS, TIMESTAMP_STATS,
  TRAIT_OPS, ANNIVERSARY_OP, MAX_ANNIVERSARY_DAYS, RELATIVE_DATE_OPS, SPAN_UNITS, type NodeKind, type SpanUnit, type StatOp, type TraitOp,
} from './ast';

export type JsonSchema = { readonly [keyword: string]: unknown };

const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

type OperandShape = 'single' | 'list' | 'range' | 'none';

/** How many values each operator takes; a Record so a new operator cannot be forgotten. */
const OPERAND_SHAPE: Record<TraitOp, OperandShape> = {
  eq: 'single', neq: 'single', gt: 'single', gte: 'single', lt: 'single', lte: 'single',
  contains: 'single', not_contains: 'single', starts_with: 'single', ends_with: 'single', matches: 'single',
  ieq: 'single', ineq: 'single', icontains: 'single', istarts_with: 'single', iends_with: 'single', imatches: 'single',
  size_eq: 'single', size_neq: 'single', size_gt: 'single', size_gte: 'single', size_lt: 'single', size_lte: 'single',
  within_km: 'single', within_last: 'single', within_next: 'single', before_last: 'single', after_next: 'single',
  anniversary_within_next: 'single',
  in: 'list', not_in: 'list', contains_any: 'list', contains_all: 'list', contains_none: 'list',
  between: 'range',
  exists: 'none', not_exists: 'none',
};

const ANNIVERSARY_DAYS: JsonSchema = { type: 'integer', minimum: 0, maximum: MAX_ANNIVERSARY_DAYS };

const GEO_RADIUS: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['lat', 'lon', 'km'],
  properties: {
    lat: { type: 'number', minimum: -90, maximum: 90 },
    lon: { type: 'number', minimum: -180, maximum: 180 },
    km: { type: 'number', exclusiveMinimum: 0, maximum: 20_038 },
  },
};

const list = (item: JsonSchema): JsonSchema => ({ type: 'array', items: item, minItems: 1, maxItems: LIMITS.maxListItems });
const range = (item: JsonSchema): JsonSchema => ({ type: 'array', prefixItems: [item, item], minItems: 2, maxItems: 2 });

function operandSchema(op: TraitOp, item: JsonSchema, rangeSchema: JsonSchema = range(item)): JsonSchema | undefined {
  const shape = OPERAND_SHAPE[op];
  switch (shape) {
    case 'single': return item;
    case 'list': return list(item);
    case 'range': return rangeSchema;
    case 'none': return undefined;
    default: return assertUnreachable(shape, 'operand shape');
  }
}

/** `{ <subject>, op: <op>, value: <operand> }`, closed; `value` is absent for presence tests. */
function conditionVariant(subject: Record<string, JsonSchema>, op: string, value: JsonSchema | undefined): JsonSchema {
  const properties = { ...subject, op: { const: op }, ...(value && { value }) };
  return { type: 'object', additionalProperties: false, required: Object.keys(properties), properties };
}

/** The value type each JSON operator accepts (booleans only compare for equality). */
function traitValueItem(op: TraitOp): JsonSchema {
  if (op === 'matches' || op === 'imatches') return ref('pattern');
  if (['starts_with', 'ends_with', 'ieq', 'ineq', 'icontains', 'istarts_with', 'iends_with'].includes(op)) return ref('text');
  if (op.startsWith('size_')) return { type: 'integer', minimum: 0 };
  if (op === 'within_km') return GEO_RADIUS;
  if (op === ANNIVERSARY_OP) return ANNIVERSARY_DAYS;
  if ((RELATIVE_DATE_OPS as readonly string[]).includes(op)) return ref('relativeSpan');
  if (['gt', 'gte', 'lt', 'lte', 'between'].includes(op)) return { anyOf: [{ type: 'number' }, ref('text')] };
  return ref('scalar');
}

/** `{ path, op, value }`; a computed leaf names its trait by `key` instead of a path. */
function propertyConditionSchema(subject: Record<string, JsonSchema> = { path: ref('dotPath') }): JsonSchema {
  const traitRange = { oneOf: [range({ type: 'number' }), range(ref('text'))] };
  const variants = TRAIT_OPS.map((op) => conditionVariant(subject, op, operandSchema(op, traitValueItem(op), traitRange)));
  return { oneOf: variants };
}

function statVariants(names: readonly string[], ops: readonly StatOp[], item: JsonSchema): JsonSchema[] {
  const operand = (op: StatOp) => (op === ANNIVERSARY_OP ? ANNIVERSARY_DAYS : (RELATIVE_DATE_OPS as readonly string[]).includes(op) ? ref('relativeSpan') : item);
  return ops.map((op) => conditionVariant({ name: { enum: [...names] } }, op, operandSchema(op as TraitOp, operand(op))));
}

function statConditionSchema(): JsonSchema {
  return {
    oneOf: [
      ...statVariants(NUMERIC_STATS, NUMERIC_STAT_OPS, { type: 'number' }),
      ...statVariants(TEXT_STATS, TEXT_STAT_OPS, ref('text')),
      ...statVariants(TIMESTAMP_STATS, TIMESTAMP_STAT_OPS, ref('isoInstant')),
    ],
  };
}

const closedObject = (key: string, schema: JsonSchema): JsonSchema =>
  ({ type: 'object', additionalProperties: false, required: [key], properties: { [key]: schema } });

function eventWindowSchema(): JsonSchema {
  return {
    oneOf: [
      ...RELATIVE_WINDOW_KINDS.map((kind) => closedObject(kind, { type: 'integer', minimum: 1, maximum: RELATIVE_WINDOWS[kind].max })),
      closedObject('since', ref('isoInstant')),
      closedObject('between', range(ref('isoInstant'))),
    ],
  };
}

function eventConditionSchema(): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'op', 'value'],
    properties: {
      name: ref('name'),
      where: { type: 'array', items: ref('propertyCondition'), maxItems: LIMITS.maxEventFilters },
      within: ref('eventWindow'),
      aggregate: { enum: [...EVENT_AGGREGATES], default: 'count' },
      property: ref('dotPath'),
      op: { enum: [...COMPARE_OPS] },
      value: { type: 'number' },
    },
    // sum/avg need the property they aggregate; count takes none.
    if: { required: ['aggregate'], properties: { aggregate: { enum: ['sum', 'avg'] } } },
    then: { required: ['property'] },
    else: { not: { required: ['property'] } },
  };
}

function sequenceSchema(): JsonSchema {
  const test = (extra: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
    type: 'object',
    additionalProperties: false,
    required: ['name', ...required],
    properties: { name: ref('name'), where: { type: 'array', items: ref('propertyCondition'), maxItems: LIMITS.maxEventFilters }, ...extra },
  });
  const step = test({ within: ref('relativeSpan') }, []);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['steps'],
    description: 'Events in order, each strictly after the previous and within its span; the first step takes no within. thenNot: then no such event within its span, once the span is over.',
    properties: {
      steps: { type: 'array', minItems: 1, maxItems: LIMITS.maxSequenceSteps, prefixItems: [test({}, [])], items: step },
      thenNot: test({ within: ref('relativeSpan') }, ['within']),
      within: ref('eventWindow'),
    },
  };
}

const children: JsonSchema = { type: 'array', items: ref('node'), minItems: 1 };

/** One body schema per node kind; a Record so a new kind cannot be left out of the schema. */
const NODE_BODIES: Record<NodeKind, JsonSchema> = {
  all: children,
  any: children,
  not: ref('node'),
  trait: ref('propertyCondition'),
  stat: ref('statCondition'),
  computed: ref('computedCondition'),
  event: ref('eventCondition'),
  sequence: sequenceSchema(),
  account: closedObject('trait', ref('propertyCondition')),
  segment: closedObject('key', ref('name')),
};

export const segmentDefinitionJsonSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://segmentary.dev/schemas/segment-definition.json',
  title: 'Segmentary segment definition',
  description:
    `A tree of all / any / not over trait, stat, computed, event, sequence, account and segment conditions. Also enforced on save: ` +
    `depth at most ${LIMITS.maxDepth}, at most ${LIMITS.maxLeaves} conditions, ranges with lo <= hi, real calendar dates, ` +
    'patterns in the portable subset.',
  $ref: '#/$defs/node',
  $defs: {
    node: { oneOf: NODE_KINDS.map((kind) => closedObject(kind, NODE_BODIES[kind])) },
    propertyCondition: propertyConditionSchema(),
    statCondition: statConditionSchema(),
    computedCondition: propertyConditionSchema({ key: { type: 'string', pattern: COMPUTED_KEY_PATTERN } }),
    eventCondition: eventConditionSchema(),
    eventWindow: eventWindowSchema(),
    dotPath: { type: 'string', pattern: DOT_PATH_PATTERN, maxLength: LIMITS.maxStringLength },
    relativeSpan: {
      description: 'A span of time before or after now, for within_last, within_next, before_last and after_next.',
      oneOf: (Object.keys(SPAN_UNITS) as SpanUnit[]).map((unit) => closedObject(unit, { type: 'integer', minimum: 1, maximum: SPAN_UNITS[unit].max })),
    },
    isoInstant: {
      type: 'string',
      pattern: ISO_INSTANT_PATTERN,
      description: 'A date (UTC midnight) or a date-time with an explicit offset.',
    },
    text: { type: 'string', maxLength: LIMITS.maxStringLength },
    pattern: {
      type: 'string',
      minLength: 1,
      maxLength: LIMITS.maxPatternLength,
      description:
        'A PostgreSQL regular expression in the subset that reads the same in JavaScript: no backreferences, lookaround, ' +
        `\\b, POSIX classes or embedded options; repetition bounds at most ${LIMITS.maxRepetition}; escape ] { } as characters.`,
    },
    name: { type: 'string', minLength: 1, maxLength: LIMITS.maxStringLength, pattern: '\\S' },
    scalar: { anyOf: [{ type: 'boolean' }, { type: 'number' }, { $ref: '#/$defs/text' }] },
  },
};
