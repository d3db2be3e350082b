import { ValidationErrors } from '../../common';
import {
  COMPARE_OPS, EVENT_AGGREGATES, EVENT_WINDOW_KINDS, LIMITS, NODE_KINDS, STAT_NAMES, STAT_OPS, TRAIT_OPS,
} from './ast';
import { segmentDefinitionJsonSchema as schema } from './json-schema';
import { matchesSchema } from './json-schema-subset.testing';
import { validateSegmentDefinition } from './validate';

type Schema = { [keyword: string]: unknown };
const defs = schema.$defs as Record<string, Schema>;
const variants = (name: string) => defs[name].oneOf as Schema[];
const propertiesOf = (s: Schema) => s.properties as Record<string, Schema>;

function validatorAccepts(input: unknown): boolean {
  try {
    validateSegmentDefinition(input);
    return true;
  } catch (error) {
    if (error instanceof ValidationErrors) return false;
    throw error;
  }
}

const trait = (path: string, op: string, value?: unknown) => ({ trait: { path, op, ...(value !== undefined && { value }) } });
const stat = (name: string, op: string, value?: unknown) => ({ stat: { name, op, ...(value !== undefined && { value }) } });
const event = (fields: Record<string, unknown>) => ({ event: { name: 'Order Completed', op: 'gte', value: 1, ...fields } });
const leaf = trait('plan', 'eq', 'pro');

describe('segmentDefinitionJsonSchema is derived from the same vocabulary as the validator', () => {
  it('identifies itself', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://segmentary.dev/schemas/segment-definition.json');
  });

  it('lists exactly the node kinds', () => {
    expect(variants('node').map((v) => (v.required as string[])[0])).toEqual([...NODE_KINDS]);
  });

  it('lists exactly the trait operators', () => {
    expect(variants('propertyCondition').map((v) => propertiesOf(v).op.const)).toEqual([...TRAIT_OPS]);
  });

  it('lists exactly the stat names', () => {
    const names = variants('statCondition').flatMap((v) => propertiesOf(v).name.enum as string[]);
    expect([...new Set(names)].sort()).toEqual([...STAT_NAMES].sort());
  });

  it('lists exactly the event aggregates, comparison operators and window kinds', () => {
    const event = propertiesOf(defs.eventCondition);
    expect(event.aggregate.enum).toEqual([...EVENT_AGGREGATES]);
    expect(event.op.enum).toEqual([...COMPARE_OPS]);
    expect(variants('eventWindow').map((v) => (v.required as string[])[0])).toEqual([...EVENT_WINDOW_KINDS]);
  });
});

/** Operands of every shape and type, to try against every operator. */
const operands: unknown[] = [
  undefined, 1, 'a', true, null, '2024-01-01', [1], ['a'], [1, 2], ['a', 'b'], ['2024-01-01', '2024-02-01'], [2, 1], [], {},
];

/** Samples where the validator and the schema disagree, except out-of-order ranges (a validator-only rule). */
function disagreements(samples: unknown[]): string[] {
  const reversed = (sample: unknown) => JSON.stringify(sample).includes('"value":[2,1]');
  return samples
    .filter((sample) => !reversed(sample) && matchesSchema(schema, sample) !== validatorAccepts(sample))
    .map((sample) => `${JSON.stringify(sample)}: validator ${validatorAccepts(sample) ? 'accepts' : 'rejects'}`);
}

describe('the validator and the schema agree on every operator with every kind of operand', () => {
  it.each([...TRAIT_OPS])('trait op %s', (op) => {
    expect(disagreements(operands.map((value) => trait('a.b', op, value)))).toEqual([]);
  });

  it.each([...STAT_NAMES])('stat %s', (name) => {
    expect(disagreements(STAT_OPS.flatMap((op) => operands.map((value) => stat(name, op, value))))).toEqual([]);
  });
});

/** Accepted by both the validator and the schema. */
const valid: [string, unknown][] = [
  ['trait eq', trait('address.country', 'eq', 'FR')],
  ['trait operators', { all: [trait('age', 'gt', 1), trait('n', 'lte', 'b'), trait('t', 'in', ['a', 1, true]), trait('t', 'not_in', [2])] }],
  ['trait text operators', { any: [trait('tags', 'contains', 'vip'), trait('ids', 'contains', 3), trait('email', 'starts_with', 'a')] }],
  ['trait presence and ranges', { all: [trait('a', 'exists'), trait('b', 'not_exists'), trait('c', 'between', [1, 2]), trait('d', 'between', ['a', 'b'])] }],
  ['stats of each type', { all: [stat('orders', 'in', [1, 2]), stat('lifecycle', 'not_in', ['new']), stat('last_order_at', 'between', ['2024-01-01', '2024-02-01T00:00:00Z'])] }],
  ['stat exists', stat('p_alive', 'exists')],
  ['event count in the last days', event({ within: { lastDays: 3650 }, op: 'eq', value: 0 })],
  ['event sum with filters', event({ aggregate: 'sum', property: 'order.total', where: [{ path: 'currency', op: 'eq', value: 'EUR' }] })],
  ['event avg between dates', event({ aggregate: 'avg', property: 'revenue', within: { between: ['2024-01-01', '2024-01-31T23:59:59.999+01:00'] } })],
  ['explicit count', event({ aggregate: 'count', within: { since: '2024-01-01' } })],
  ['segment reference under not', { not: { segment: { key: 'vip' } } }],
  ['account traits', { all: [{ account: trait('plan', 'eq', 'enterprise') }, { not: { account: trait('seats', 'lt', 5) } }] }],
  ['segment engine v2 operators', { all: [trait('email', 'iends_with', '.io'), trait('tags', 'contains_all', ['a', 1]), trait('tags', 'size_lte', 3),
    trait('loc', 'within_km', { lat: 1, lon: 2, km: 3 }), trait('email', 'matches', '^[a-z]+$'), trait('signup', 'within_last', { hours: 5 }),
    trait('birthday', 'anniversary_within_next', 7), stat('first_seen_at', 'before_last', { days: 30 })] }],
  ['minute and hour windows', { any: [event({ within: { lastMinutes: 30 } }), event({ within: { lastHours: 2 } })] }],
  ['a sequence', { sequence: { steps: [{ name: 'Product Added' }, { name: 'Checkout Started', within: { hours: 1 }, where: [{ path: 'step', op: 'eq', value: 1 }] }],
    thenNot: { name: 'Order Completed', within: { hours: 2 } }, within: { lastDays: 7 } } }],
];

/** Rejected by both: the structural rules the schema can express. */
const invalid: [string, unknown][] = [
  ['unknown node kind', { foo: {} }],
  ['two keys in a node', { trait: leaf.trait, not: leaf }],
  ['empty all', { all: [] }],
  ['unknown trait op', trait('a', 'like', 'x')],
  ['bad path segment', trait('a.1b', 'exists')],
  ['ordering a boolean', trait('a', 'gt', true)],
  ['eq null', trait('a', 'eq', null)],
  ['eq an object', trait('a', 'eq', { x: 1 })],
  ['exists with a value', trait('a', 'exists', 1)],
  ['empty in list', trait('a', 'in', [])],
  ['between of mixed types', trait('a', 'between', [1, 'b'])],
  ['between with three items', trait('a', 'between', [1, 2, 3])],
  ['extra field', { trait: { path: 'a', op: 'exists', note: 'x' } }],
  ['unknown stat', stat('ltv', 'gt', 1)],
  ['ordering a text stat', stat('lifecycle', 'gt', 'a')],
  ['in on a timestamp stat', stat('last_order_at', 'in', ['2024-01-01'])],
  ['timestamp without offset', stat('last_order_at', 'gt', '2024-01-01T10:00:00')],
  ['numeric stat with a string', stat('orders', 'eq', '1')],
  ['lastDays zero', event({ within: { lastDays: 0 } })],
  ['lastDays too large', event({ within: { lastDays: LIMITS.maxLastDays + 1 } })],
  ['lastDays fractional', event({ within: { lastDays: 1.5 } })],
  ['window with two kinds', event({ within: { lastDays: 1, since: '2024-01-01' } })],
  ['sum without property', event({ aggregate: 'sum' })],
  ['count with property', event({ property: 'revenue' })],
  ['event without op', { event: { name: 'x', value: 1 } }],
  ['blank event name', event({ name: ' ' })],
  ['segment without key', { segment: {} }],
  ['account without a trait', { account: {} }],
  ['account with an event inside', { account: { event: { name: 'x', op: 'gte', value: 1 } } }],
  ['account trait with a bad op', { account: trait('plan', 'like', 'x') }],
  ['a span with two units', trait('signup', 'within_last', { days: 1, hours: 1 })],
  ['a sequence without steps', { sequence: { steps: [] } }],
  ['a first step with a span', { sequence: { steps: [{ name: 'A', within: { hours: 1 } }] } }],
  ['then not without a span', { sequence: { steps: [{ name: 'A' }], thenNot: { name: 'B' } } }],
];

/** Rules beyond JSON Schema: the validator rejects these, the schema (knowingly) accepts them. */
const validatorOnly: [string, unknown][] = [
  ['range with lo > hi', trait('a', 'between', [2, 1])],
  ['window between reversed', event({ within: { between: ['2024-02-01', '2024-01-01'] } })],
  ['impossible calendar date', stat('last_order_at', 'gt', '2024-02-30')],
  ['too deep', Array.from({ length: LIMITS.maxDepth }).reduce<unknown>((node) => ({ not: node }), leaf)],
  ['too many leaves', { any: Array.from({ length: LIMITS.maxLeaves + 1 }, () => leaf) }],
];

describe('the validator and the schema agree on examples', () => {
  it.each(valid)('both accept: %s', (_name, input) => {
    expect(validatorAccepts(input)).toBe(true);
    expect(matchesSchema(schema, input)).toBe(true);
  });

  it.each(invalid)('both reject: %s', (_name, input) => {
    expect(validatorAccepts(input)).toBe(false);
    expect(matchesSchema(schema, input)).toBe(false);
  });

  it.each(validatorOnly)('only the validator rejects: %s', (_name, input) => {
    expect(validatorAccepts(input)).toBe(false);
    expect(matchesSchema(schema, input)).toBe(true);
  });
});
