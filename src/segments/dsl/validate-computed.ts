/**
 * Validation of computed traits (issue 15 §1): their definitions, and the `computed` leaf
 * that reads one in a segment. Errors name the path, as for segments.
 */
import { ValidationErrors } from '../../common';
import {
  COMPUTED_AGGREGATES, COMPUTED_KEY_PATTERN, LIMITS, type ComputedAggregate, type ComputedCondition, type ComputedTraitDefinition,
} from './ast';
import { readEventWindow, readPropertyCondition, readWhere } from './validate-leaves';
import { childPath, ProblemList, readDotPath, readEnum, readFields, readNonEmptyString } from './validate-values';

const computedKey = new RegExp(COMPUTED_KEY_PATTERN);

/** A computed trait's key: a-z first, then a-z, 0-9 and _ (it is also a path segment of `Profile.computed`). */
export function readComputedKey(value: unknown, path: string, problems: ProblemList): string | undefined {
  if (value === undefined) return problems.add(path, 'is required');
  if (typeof value === 'string' && computedKey.test(value)) return value;
  return problems.add(path, `must be 1–64 characters of a-z, 0-9 and _, starting with a letter; got ${JSON.stringify(value) ?? 'undefined'}`);
}

/** `{ key, op, value }`: a trait condition's operators on the computed value named `key`. */
export function readComputedCondition(input: unknown, path: string, problems: ProblemList): ComputedCondition | undefined {
  const fields = readFields(input, path, problems, ['key', 'op', 'value']);
  if (!fields) return undefined;
  const key = readComputedKey(fields.key, childPath(path, 'key'), problems);
  if (key === undefined) return undefined;
  const condition = readPropertyCondition({ path: key, op: fields.op, value: fields.value }, path, problems);
  if (!condition) return undefined;
  const { path: _key, ...rest } = condition;
  return { key, ...rest } as ComputedCondition;
}

/** Aggregates of a property, and of a numeric one. */
const NEEDS_PROPERTY: readonly ComputedAggregate[] = COMPUTED_AGGREGATES.filter((a) => a !== 'count');

const FIELDS = ['event', 'where', 'within', 'aggregate', 'property', 'limit'];

export function validateComputedTraitDefinition(input: unknown, rootPath = 'definition'): ComputedTraitDefinition {
  const problems = new ProblemList();
  const definition = readComputedTraitDefinition(input, rootPath, problems);
  if (problems.items.length > 0 || definition === undefined) throw new ValidationErrors(problems.items);
  return definition;
}

function readComputedTraitDefinition(input: unknown, path: string, problems: ProblemList): ComputedTraitDefinition | undefined {
  const fields = readFields(input, path, problems, FIELDS);
  if (!fields) return undefined;
  const at = (key: string) => childPath(path, key);
  const event = readNonEmptyString(fields.event, at('event'), problems);
  const where = fields.where === undefined ? undefined : readWhere(fields.where, at('where'), problems);
  const within = fields.within === undefined ? undefined : readEventWindow(fields.within, at('within'), problems);
  const aggregate = readEnum(fields.aggregate, COMPUTED_AGGREGATES, at('aggregate'), problems);
  let property: string | undefined;
  if (aggregate !== undefined && NEEDS_PROPERTY.includes(aggregate)) {
    property = fields.property === undefined ? problems.add(at('property'), `is required for aggregate ${aggregate}`) : readDotPath(fields.property, at('property'), problems);
  } else if (aggregate === 'count' && fields.property !== undefined) {
    problems.add(at('property'), 'is not used by aggregate count (it counts the events)');
  }
  let limit: number | undefined;
  if (fields.limit !== undefined) {
    if (aggregate !== 'unique_list') problems.add(at('limit'), 'is only used with aggregate unique_list');
    else if (typeof fields.limit === 'number' && Number.isInteger(fields.limit) && fields.limit >= 1 && fields.limit <= LIMITS.maxUniqueList) limit = fields.limit;
    else problems.add(at('limit'), `must be an integer from 1 to ${LIMITS.maxUniqueList}, got ${JSON.stringify(fields.limit)}`);
  }
  if (event === undefined || aggregate === undefined || problems.items.length) return undefined;
  return {
    event, ...(where && { where }), ...(within && { within }), aggregate, ...(property !== undefined && { property }),
    ...(aggregate === 'unique_list' && { limit: limit ?? LIMITS.defaultUniqueList }),
  };
}
