/**
 * The segment-to-segment graph: which segments a definition refers to, and
 * whether following those references from a segment ever leads back.
 */
import { assertUnreachable } from '../../common';
import { tagNode, type SegmentDefinition, type SegmentNode } from './ast';

/** Keys of the segments a definition refers to directly, each once, in order of first use. */
export function findSegmentReferences(definition: SegmentDefinition): string[] {
  const keys = new Set<string>();
  collectReferences(definition, keys);
  return [...keys];
}

function collectReferences(node: SegmentNode, keys: Set<string>): void {
  const tagged = tagNode(node);
  switch (tagged.kind) {
    case 'all':
    case 'any':
      for (const child of tagged.nodes) collectReferences(child, keys);
      return;
    case 'not':
      return collectReferences(tagged.node, keys);
    case 'segment':
      keys.add(tagged.key);
      return;
    case 'trait':
    case 'stat':
    case 'computed':
    case 'event':
    case 'sequence':
    case 'account':
      return;
    default:
      return assertUnreachable(tagged, 'segment node');
  }
}

/**
 * Follows references depth-first from `rootKey`. Returns the walk from the root
 * to the first key seen twice (e.g. ['a', 'b', 'a']), or null when there is no
 * cycle. Unknown keys (getDefinition returns undefined) end a walk: a dangling
 * reference is a not-found problem, not a cycle.
 */
export function detectSegmentCycle(
  rootKey: string,
  getDefinition: (key: string) => SegmentDefinition | undefined,
): string[] | null {
  const acyclic = new Set<string>(); // keys fully explored without finding a cycle
  const visit = (key: string, trail: string[]): string[] | null => {
    if (trail.includes(key)) return [...trail, key];
    if (acyclic.has(key)) return null;
    const definition = getDefinition(key);
    for (const next of definition ? findSegmentReferences(definition) : []) {
      const cycle = visit(next, [...trail, key]);
      if (cycle) return cycle;
    }
    acyclic.add(key);
    return null;
  };
  return visit(rootKey, []);
}
