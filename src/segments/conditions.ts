import { SqlParams, type Queryable } from '../db';
import type { SegmentDefinition } from './dsl/ast';
import { validateSegmentDefinition } from './dsl/validate';
import { SegmentCatalog } from './segment-catalog';
import type { Segment } from './segment.types';

/**
 * An inline condition (a placement rule's audience): a definition in the segment
 * language, evaluated for one profile at decision time. Other features hold it as an
 * opaque value and go through these two functions; the language itself stays private.
 */
export type SegmentCondition = SegmentDefinition;

/** Validates like a stored segment's definition; errors name the path under `path`. */
export function validateCondition(input: unknown, path: string): SegmentCondition {
  return validateSegmentDefinition(input, path);
}

/**
 * The condition as a SQL predicate over `p` (profiles) and `s` (profile_stats), with the
 * same compiler as stored segments; `{segment: {key}}` leaves inline the catalog's
 * definitions (an unknown key is NOT_FOUND). Values are bound through `params`.
 */
export function compileCondition(condition: SegmentCondition, byKey: Map<string, Segment>, params: SqlParams, now: string): string {
  return SegmentCatalog.compile(condition, byKey, params, now).predicate;
}

/** The computed traits a condition reads (its `computed` leaves, directly or through a segment it names); compiling it, it throws as compileCondition does. */
export function computedKeysOf(condition: SegmentCondition, byKey: Map<string, Segment>): string[] {
  return SegmentCatalog.compile(condition, byKey, new SqlParams(2), '$1').dependencies.computedKeys;
}

/** Which of these computed trait keys name no computed trait: what a `computed` leaf (or any other reader) must not refer to. */
export async function unknownComputedTraits(q: Queryable, keys: readonly string[]): Promise<string[]> {
  if (!keys.length) return [];
  const { rows } = await q.query<{ key: string }>(`select key from computed_traits where key = any($1::text[])`, [keys]);
  const known = new Set(rows.map((r) => r.key));
  return keys.filter((key) => !known.has(key));
}
