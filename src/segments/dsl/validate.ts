/**
 * Turns untrusted input into a SegmentDefinition, or throws ValidationErrors
 * listing every problem with the path that names it, e.g.
 * `definition.all[2].event.within.lastDays: must be a positive integer at most 3650`.
 */
import { assertUnreachable, ValidationErrors } from '../../common';
import { LIMITS, NODE_KINDS, type NodeKind, type SegmentDefinition, type SegmentNode } from './ast';
import {
  readAccountCondition, readEventCondition, readPropertyCondition, readSegmentReference, readSequenceCondition, readStatCondition,
} from './validate-leaves';
import { childPath, describeType, isPlainObject, ProblemList } from './validate-values';
import { readComputedCondition } from './validate-computed';

export { detectSegmentCycle, findSegmentReferences } from './segment-references';

interface Walk {
  problems: ProblemList;
  leaves: number;
}

export function validateSegmentDefinition(input: unknown, rootPath = 'definition'): SegmentDefinition {
  const walk: Walk = { problems: new ProblemList(), leaves: 0 };
  const definition = readNode(input, rootPath, 1, walk);
  if (walk.leaves > LIMITS.maxLeaves) {
    walk.problems.add(rootPath, `has ${walk.leaves} conditions; at most ${LIMITS.maxLeaves} are allowed`);
  }
  if (walk.problems.items.length > 0 || definition === undefined) throw new ValidationErrors(walk.problems.items);
  return definition;
}

const KIND_LIST = NODE_KINDS.join(', ');

/** A node is an object with exactly one key, which names its kind. */
function readNodeKind(input: unknown, path: string, problems: ProblemList): NodeKind | undefined {
  if (input === undefined) return problems.add(path, 'is required');
  if (!isPlainObject(input)) return problems.add(path, `must be a node object with one of: ${KIND_LIST}; got ${describeType(input)}`);
  const keys = Object.keys(input);
  if (keys.length !== 1) {
    const got = keys.length === 0 ? 'an empty object' : `${keys.length} keys (${keys.join(', ')})`;
    return problems.add(path, `a node must have exactly one key, one of: ${KIND_LIST}; got ${got}`);
  }
  const kind = keys[0];
  if ((NODE_KINDS as readonly string[]).includes(kind)) return kind as NodeKind;
  return problems.add(path, `unknown node kind ${JSON.stringify(kind)}; expected one of: ${KIND_LIST}`);
}

function readNode(input: unknown, path: string, depth: number, walk: Walk): SegmentNode | undefined {
  if (depth > LIMITS.maxDepth) return walk.problems.add(path, `nesting is deeper than ${LIMITS.maxDepth} levels`);
  const kind = readNodeKind(input, path, walk.problems);
  if (kind === undefined) return undefined;
  const body = (input as Record<string, unknown>)[kind];
  const bodyPath = childPath(path, kind);
  switch (kind) {
    case 'all': {
      const all = readChildren(body, bodyPath, depth, walk);
      return all && { all };
    }
    case 'any': {
      const any = readChildren(body, bodyPath, depth, walk);
      return any && { any };
    }
    case 'not': {
      const not = readNode(body, bodyPath, depth + 1, walk);
      return not && { not };
    }
    default:
      return readLeaf(kind, body, bodyPath, walk);
  }
}

function readLeaf(kind: Exclude<NodeKind, 'all' | 'any' | 'not'>, body: unknown, path: string, walk: Walk): SegmentNode | undefined {
  walk.leaves += 1;
  switch (kind) {
    case 'trait': {
      const trait = readPropertyCondition(body, path, walk.problems);
      return trait && { trait };
    }
    case 'stat': {
      const stat = readStatCondition(body, path, walk.problems);
      return stat && { stat };
    }
    case 'computed': {
      const computed = readComputedCondition(body, path, walk.problems);
      return computed && { computed };
    }
    case 'event': {
      const event = readEventCondition(body, path, walk.problems);
      return event && { event };
    }
    case 'sequence': {
      const sequence = readSequenceCondition(body, path, walk.problems);
      return sequence && { sequence };
    }
    case 'account': {
      const account = readAccountCondition(body, path, walk.problems);
      return account && { account };
    }
    case 'segment': {
      const segment = readSegmentReference(body, path, walk.problems);
      return segment && { segment };
    }
    default:
      return assertUnreachable(kind, 'leaf kind');
  }
}

function readChildren(input: unknown, path: string, depth: number, walk: Walk): SegmentNode[] | undefined {
  if (!Array.isArray(input)) return walk.problems.add(path, `must be an array of nodes, got ${describeType(input)}`);
  if (input.length === 0) return walk.problems.add(path, 'must contain at least one node');
  const nodes = input.map((child, i) => readNode(child, `${path}[${i}]`, depth + 1, walk));
  return nodes.every((node) => node !== undefined) ? (nodes as SegmentNode[]) : undefined;
}
