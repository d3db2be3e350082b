/**
 * Validation of the leaf conditions: trait / event-property conditions, stats,
 * events, account traits and segment references. Each reader reports every problem it finds and
 * returns the condition only when it found none.
 */
import { assertUnreachable } from '../../common';
import {
  COMPARE_OPS, EVENT_AGGREGATES, EVENT_WINDOW_KINDS, LIMITS, RELATIVE_WINDOWS, NUMERIC_STAT_OPS, NUMERIC_STATS,
  STAT_NAMES, TEXT_STAT_OPS, TEXT_STATS, TIMESTAMP_STAT_OPS, TRAIT_OPS,
  type AccountCondition, type EventCondition, type SequenceCondition, type SequenceStep, type EventWindow, type PropertyCondition, type StatCondition, type StatName,
  isTimeRelativeOp, type StatOp, type TimeRelativeOp, type TraitOp,
} from './ast';
import {
  childPath, describeType, instantOrder, isPlainObject, ProblemList, readDotPath, readEnum, readFields,
  isIsoInstant, readAnniversaryDays, readCount, readRelativeSpan, readGeoRadius, readIsoInstant, readList, readNonEmptyString, readNumber,
  readOrderedScalar, readPattern, readRange, readScalar, readString, type ItemReader,
} from './validate-values';

/** Runs `read` and appends `suffix` to the messages it reports, e.g. "(op gt)". */
function withContext<T>(problems: ProblemList, suffix: string, read: (local: ProblemList) => T): T {
  const local = new ProblemList();
  const result = read(local);
  for (const problem of local.items) problems.add(problem.path, `${problem.message} ${suffix}`);
  return result;
}

/** `value` must be absent for presence tests and present for everything else. */
function checkOperandPresence(op: TraitOp, raw: unknown, path: string, problems: ProblemList): boolean {
  const takesNoValue = op === 'exists' || op === 'not_exists';
  if (takesNoValue === (raw === undefined)) return true;
  problems.add(path, takesNoValue ? `must be omitted for op ${op}` : `is required for op ${op}`);
  return false;
}

/** The operand of a relative date (a span) or an anniversary (days ahead): the same for traits and timestamp stats. */
function readTimeRelativeOperand(op: TimeRelativeOp, raw: unknown, path: string, problems: ProblemList): unknown {
  return op === 'anniversary_within_next' ? readAnniversaryDays(raw, path, problems) : readRelativeSpan(raw, path, problems);
}

function readPropertyOperand(op: TraitOp, raw: unknown, path: string, problems: ProblemList): unknown {
  if (isTimeRelativeOp(op)) return readTimeRelativeOperand(op, raw, path, problems);
  switch (op) {
    case 'eq':
    case 'neq':
    case 'contains':
    case 'not_contains':
      return readScalar(raw, path, problems);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return readOrderedScalar(raw, path, problems);
    case 'in':
    case 'not_in':
    case 'contains_any':
    case 'contains_all':
    case 'contains_none':
      return readList(raw, path, problems, readScalar);
    case 'starts_with':
    case 'ends_with':
    case 'ieq':
    case 'ineq':
    case 'icontains':
    case 'istarts_with':
    case 'iends_with':
      return readString(raw, path, problems);
    case 'matches':
    case 'imatches':
      return readPattern(raw, path, problems);
    case 'size_eq':
    case 'size_neq':
    case 'size_gt':
    case 'size_gte':
    case 'size_lt':
    case 'size_lte':
      return readCount(raw, path, problems);
    case 'between':
      return readBetween(raw, path, problems);
    case 'within_km':
      return readGeoRadius(raw, path, problems);
    case 'exists':
    case 'not_exists':
      return undefined;
    default:
      return assertUnreachable(op, 'trait op');
  }
}

/** A range of numbers or strings; two ISO dates are ordered as instants, as the compiler compares them. */
function readBetween(raw: unknown, path: string, problems: ProblemList): unknown {
  const instants = Array.isArray(raw) && raw.length === 2 && isIsoInstant(raw[0]) && isIsoInstant(raw[1]);
  return readRange(raw, path, problems, readOrderedScalar, instants ? (end) => instantOrder(String(end)) : undefined);
}

/** `{ path, op, value }` over a JSON document: a trait leaf or an event `where` filter. */
export function readPropertyCondition(input: unknown, path: string, problems: ProblemList): PropertyCondition | undefined {
  const before = problems.items.length;
  const fields = readFields(input, path, problems, ['path', 'op', 'value']);
  if (!fields) return undefined;
  const dotPath = readDotPath(fields.path, childPath(path, 'path'), problems);
  const op = readEnum(fields.op, TRAIT_OPS, childPath(path, 'op'), problems);
  if (op === undefined) return undefined;
  const valuePath = childPath(path, 'value');
  if (!checkOperandPresence(op, fields.value, valuePath, problems)) return undefined;
  const value = withContext(problems, `(op ${op})`, (local) => readPropertyOperand(op, fields.value, valuePath, local));
  if (problems.items.length > before) return undefined;
  // Safe: op and value were checked together above.
  return (value === undefined ? { path: dotPath, op } : { path: dotPath, op, value }) as PropertyCondition;
}

interface StatTypeSpec<T extends number | string> {
  type: 'numeric' | 'text' | 'timestamp';
  ops: readonly StatOp[];
  readItem: ItemReader<T>;
  orderKey?: (item: T) => number | string;
}

const numericStat: StatTypeSpec<number> = { type: 'numeric', ops: NUMERIC_STAT_OPS, readItem: readNumber };
const textStat: StatTypeSpec<string> = { type: 'text', ops: TEXT_STAT_OPS, readItem: readString };
const timestampStat: StatTypeSpec<string> = {
  type: 'timestamp', ops: TIMESTAMP_STAT_OPS, readItem: readIsoInstant, orderKey: instantOrder,
};

function statTypeSpec(name: StatName): StatTypeSpec<number> | StatTypeSpec<string> {
  if ((NUMERIC_STATS as readonly string[]).includes(name)) return numericStat;
  if ((TEXT_STATS as readonly string[]).includes(name)) return textStat;
  return timestampStat;
}

function readStatOperand<T extends number | string>(
  op: StatOp, raw: unknown, path: string, problems: ProblemList, spec: StatTypeSpec<T>,
): unknown {
  if (isTimeRelativeOp(op)) return readTimeRelativeOperand(op, raw, path, problems);
  switch (op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return spec.readItem(raw, path, problems);
    case 'in':
    case 'not_in':
      return readList(raw, path, problems, spec.readItem);
    case 'between':
      return readRange(raw, path, problems, spec.readItem, spec.orderKey);
    case 'exists':
      return undefined;
    default:
      return assertUnreachable(op, 'stat op');
  }
}

export function readStatCondition(input: unknown, path: string, problems: ProblemList): StatCondition | undefined {
  const before = problems.items.length;
  const fields = readFields(input, path, problems, ['name', 'op', 'value']);
  if (!fields) return undefined;
  const name = readEnum(fields.name, STAT_NAMES, childPath(path, 'name'), problems);
  if (name === undefined) return undefined;
  const spec: StatTypeSpec<number | string> = statTypeSpec(name) as StatTypeSpec<number | string>;
  const context = `(${spec.type} stat ${name})`;
  const op = withContext(problems, context, (local) => readEnum(fields.op, spec.ops, childPath(path, 'op'), local));
  if (op === undefined) return undefined;
  const valuePath = childPath(path, 'value');
  if (!checkOperandPresence(op, fields.value, valuePath, problems)) return undefined;
  const value = withContext(problems, context, (local) => readStatOperand(op, fields.value, valuePath, local, spec));
  if (problems.items.length > before) return undefined;
  // Safe: name, op and value type were checked together above.
  return (value === undefined ? { name, op } : { name, op, value }) as StatCondition;
}

function readWindowLength(raw: unknown, max: number, path: string, problems: ProblemList): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 1 && raw <= max) return raw;
  return problems.add(path, `must be a positive integer at most ${max}, got ${JSON.stringify(raw) ?? 'undefined'}`);
}

export function readEventWindow(input: unknown, path: string, problems: ProblemList): EventWindow | undefined {
  const keys = isPlainObject(input) ? Object.keys(input) : [];
  if (!isPlainObject(input) || keys.length !== 1) {
    const got = isPlainObject(input) ? keys.join(', ') || 'none' : describeType(input);
    return problems.add(path, `must be an object with exactly one of: ${EVENT_WINDOW_KINDS.join(', ')}; got ${got}`);
  }
  const kind = readEnum(keys[0], EVENT_WINDOW_KINDS, path, problems);
  if (kind === undefined) return undefined;
  const raw = input[kind];
  const kindPath = childPath(path, kind);
  switch (kind) {
    case 'lastMinutes':
    case 'lastHours':
    case 'lastDays': {
      const n = readWindowLength(raw, RELATIVE_WINDOWS[kind].max, kindPath, problems);
      return n === undefined ? undefined : ({ [kind]: n } as EventWindow);
    }
    case 'since': {
      const since = readIsoInstant(raw, kindPath, problems);
      return since === undefined ? undefined : { since };
    }
    case 'between': {
      const between = readRange(raw, kindPath, problems, readIsoInstant, instantOrder);
      return between === undefined ? undefined : { between };
    }
    default:
      return assertUnreachable(kind, 'window kind');
  }
}

export function readWhere(input: unknown, path: string, problems: ProblemList): PropertyCondition[] | undefined {
  if (!Array.isArray(input)) return problems.add(path, `must be an array, got ${describeType(input)}`);
  if (input.length > LIMITS.maxEventFilters) return problems.add(path, `must have at most ${LIMITS.maxEventFilters} filters`);
  const filters = input.map((item, i) => readPropertyCondition(item, `${path}[${i}]`, problems));
  return filters.every((filter) => filter !== undefined) ? (filters as PropertyCondition[]) : undefined;
}

/** sum/avg aggregate a property, so it is required; for count it would be silently ignored, so it is refused. */
function readAggregateProperty(fields: Record<string, unknown>, path: string, problems: ProblemList): string | undefined {
  const aggregate = fields.aggregate ?? 'count';
  const propertyPath = childPath(path, 'property');
  if (!(EVENT_AGGREGATES as readonly unknown[]).includes(aggregate)) return undefined; // reported as a bad aggregate
  if (aggregate === 'count') {
    return fields.property === undefined ? undefined : problems.add(propertyPath, 'is only used with aggregate sum or avg');
  }
  if (fields.property === undefined) return problems.add(propertyPath, `is required for aggregate ${String(aggregate)}`);
  return readDotPath(fields.property, propertyPath, problems);
}

const EVENT_FIELDS = ['name', 'where', 'within', 'aggregate', 'property', 'op', 'value'];

export function readEventCondition(input: unknown, path: string, problems: ProblemList): EventCondition | undefined {
  const before = problems.items.length;
  const fields = readFields(input, path, problems, EVENT_FIELDS);
  if (!fields) return undefined;
  const at = (key: string) => childPath(path, key);
  const name = readNonEmptyString(fields.name, at('name'), problems);
  const where = fields.where === undefined ? undefined : readWhere(fields.where, at('where'), problems);
  const within = fields.within === undefined ? undefined : readEventWindow(fields.within, at('within'), problems);
  const aggregate = fields.aggregate === undefined ? undefined : readEnum(fields.aggregate, EVENT_AGGREGATES, at('aggregate'), problems);
  const property = readAggregateProperty(fields, path, problems);
  const op = readEnum(fields.op, COMPARE_OPS, at('op'), problems);
  const value = readNumber(fields.value, at('value'), problems);
  if (problems.items.length > before || name === undefined || op === undefined || value === undefined) return undefined;
  const base = { name, ...(where && { where }), ...(within && { within }), op, value };
  if (aggregate === 'sum' || aggregate === 'avg') return property === undefined ? undefined : { ...base, aggregate, property };
  return aggregate === undefined ? base : { ...base, aggregate };
}

/** `{ trait: { path, op, value } }`: the trait condition, read like a profile's, on the person's accounts. */
export function readAccountCondition(input: unknown, path: string, problems: ProblemList): AccountCondition | undefined {
  const fields = readFields(input, path, problems, ['trait']);
  if (!fields) return undefined;
  const trait = readPropertyCondition(fields.trait, childPath(path, 'trait'), problems);
  return trait === undefined ? undefined : { trait };
}

export function readSegmentReference(input: unknown, path: string, problems: ProblemList): { key: string } | undefined {
  const fields = readFields(input, path, problems, ['key']);
  if (!fields) return undefined;
  const key = readNonEmptyString(fields.key, childPath(path, 'key'), problems);
  return key === undefined ? undefined : { key };
}

const STEP_FIELDS = ['name', 'where', 'within'];

function readSequenceStep(input: unknown, path: string, problems: ProblemList, first: boolean): SequenceStep | undefined {
  const before = problems.items.length;
  const fields = readFields(input, path, problems, STEP_FIELDS);
  if (!fields) return undefined;
  const at = (key: string) => childPath(path, key);
  const name = readNonEmptyString(fields.name, at('name'), problems);
  const where = fields.where === undefined ? undefined : readWhere(fields.where, at('where'), problems);
  if (first && fields.within !== undefined) problems.add(at('within'), 'the first step has no previous step to be within a span of; bound the sequence with its own within');
  const within = first || fields.within === undefined ? undefined : readRelativeSpan(fields.within, at('within'), problems);
  if (problems.items.length > before || name === undefined) return undefined;
  return { name, ...(where && { where }), ...(within && { within }) };
}

/** `{ steps, thenNot?, within? }`: see SequenceCondition. */
export function readSequenceCondition(input: unknown, path: string, problems: ProblemList): SequenceCondition | undefined {
  const before = problems.items.length;
  const fields = readFields(input, path, problems, ['steps', 'thenNot', 'within']);
  if (!fields) return undefined;
  const at = (key: string) => childPath(path, key);
  let steps: (SequenceStep | undefined)[] = [];
  if (!Array.isArray(fields.steps)) problems.add(at('steps'), `must be an array of steps, got ${describeType(fields.steps)}`);
  else if (fields.steps.length === 0 || fields.steps.length > LIMITS.maxSequenceSteps) problems.add(at('steps'), `must have 1 to ${LIMITS.maxSequenceSteps} steps`);
  else steps = fields.steps.map((step, i) => readSequenceStep(step, `${at('steps')}[${i}]`, problems, i === 0));
  let thenNot: SequenceCondition['thenNot'];
  if (fields.thenNot !== undefined) {
    const not = readFields(fields.thenNot, at('thenNot'), problems, STEP_FIELDS);
    if (not) {
      const notAt = (key: string) => childPath(at('thenNot'), key);
      const name = readNonEmptyString(not.name, notAt('name'), problems);
      const where = not.where === undefined ? undefined : readWhere(not.where, notAt('where'), problems);
      const within = not.within === undefined ? problems.add(notAt('within'), 'is required: how long after the last step the event must not happen') : readRelativeSpan(not.within, notAt('within'), problems);
      if (name !== undefined && within !== undefined) thenNot = { name, ...(where && { where }), within };
    }
  }
  const within = fields.within === undefined ? undefined : readEventWindow(fields.within, at('within'), problems);
  if (problems.items.length > before) return undefined;
  return { steps: steps as SequenceStep[], ...(thenNot && { thenNot }), ...(within && { within }) };
}
