import crypto from 'node:crypto';
import { SqlParams } from '../db';
import { compileCondition, type SegmentCondition, type Segment } from '../segments';
import { personalizationConsentSql } from '../privacy';

/** Placeholders every decision statement binds first; compiled conditions number theirs from $5. */
const USER_ID = '$1';
const ANONYMOUS_ID = '$2';
const NOW = '$3';
const DEFAULT_CONSENT = '$4';
const FIRST_CONDITION_PLACEHOLDER = 5;

/** One inline condition of a rule, to be evaluated for the requesting profile. */
export interface ConditionToEvaluate {
  ruleId: string;
  definition: SegmentCondition;
}

/**
 * A statement answering everything a set of placements needs to decide for one user:
 * the profile (by user id, else anonymous id), its personalization consent, its segment
 * memberships, and the truth of every inline condition. Built once per placement set and
 * cached; only the per-request values change.
 */
export interface DecisionStatement {
  sql: string;
  /**
   * Stable per SQL text, for use as a prepared-statement name: parsing this statement costs
   * more than running it (measured 2.7 ms unnamed vs 0.4 ms prepared per decision).
   */
  name: string;
  /** Values for $5 onwards (bound by the compiled conditions). */
  values: unknown[];
  /** rule id → index in the `conditions` column */
  slots: Map<string, number>;
}

export interface DecisionRequestValues {
  userId: string | null;
  anonymousId: string | null;
  now: Date;
  defaultConsent: boolean;
}

export interface DecisionRow {
  profile_id: string;
  /** The profile was found by the user id (else by the anonymous id). */
  by_user_id: boolean;
  consented: boolean;
  segment_ids: string[] | null;
  conditions: boolean[] | null;
}

export function buildDecisionStatement(conditions: ConditionToEvaluate[], segments: Map<string, Segment>): DecisionStatement {
  const params = new SqlParams(FIRST_CONDITION_PLACEHOLDER);
  const slots = new Map<string, number>();
  const predicates = conditions.map((c, i) => {
    slots.set(c.ruleId, i);
    // The same compiler as stored segments, evaluated for one profile (like the real-time path).
    return `(${compileCondition(c.definition, segments, params, NOW)})`;
  });
  const conditionColumn = predicates.length
    ? `case when f.consented then (select array[${predicates.join(', ')}]
         from profiles p left join profile_stats s on s.profile_id = p.id where p.id = f.id) end`
    : 'null::boolean[]';
  const sql = `
    with f as materialized (
      select pr.id, pr.by_user_id, ${personalizationConsentSql('pr.id', DEFAULT_CONSENT)} as consented
        from (select coalesce(u.id, (select i.profile_id from identities i where i.kind = 'anonymous_id' and i.value = ${ANONYMOUS_ID}::text)) as id,
                     u.id is not null as by_user_id
                from (select (select i.profile_id from identities i where i.kind = 'user_id' and i.value = ${USER_ID}::text) as id) u) pr
       where pr.id is not null
    )
    select f.id as profile_id, f.by_user_id, f.consented, ${NOW}::timestamptz as evaluated_at,
           case when f.consented then array(select m.segment_id from memberships m where m.profile_id = f.id) end as segment_ids,
           ${conditionColumn} as conditions
      from f`;
  const name = `decision_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
  return { sql, name, values: params.values, slots };
}

export function decisionValues(statement: DecisionStatement, request: DecisionRequestValues): unknown[] {
  return [request.userId, request.anonymousId, request.now, request.defaultConsent, ...statement.values];
}
