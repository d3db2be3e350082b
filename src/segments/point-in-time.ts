import { profileHistorySql } from '../profiles';
import { HISTORY_INSTANT, type CompiledSegment } from './dsl/compile-sql';

/**
 * Point-in-time membership: which profiles met a definition as of each of several
 * instants, from the event history rather than from membership rows written since the
 * server started. The predicate comes from the one segment compiler in point-in-time
 * mode (`now` = HISTORY_INSTANT): events up to each instant, traits as they were then.
 *
 * What "as of T" cannot rebuild, and reads as it is now: identity merges (a merged
 * profile's events count for the survivor all along), erasure (an erased person is gone
 * from history too) and consent (a MARKETING segment counts only people who consent now).
 */
export const POINT_IN_TIME_NOW = HISTORY_INSTANT;

/**
 * SQL selecting (k, profile_id): profile_id met the definition (compiled in point-in-time mode;
 * `predicate` may add conditions to its rules) as of instant k (1-based) of `instants`, an SQL
 * expression of a sorted timestamptz[]. The history frame rebuilds only what it reads.
 */
export function membersAtInstantsSql(compiled: CompiledSegment, instants: string): string {
  const needs = { stats: compiled.dependencies.stats.length > 0, traits: compiled.dependencies.traitPaths.length > 0 };
  return `
    select s.k, s.profile_id
      from (${profileHistorySql(instants, needs)}) s
      join profiles p on p.id = s.profile_id and p.merged_into is null
     where ${compiled.predicate}`;
}
