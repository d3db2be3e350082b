import crypto from 'node:crypto';
import { NotFoundError, ValidationError, type Clock } from '../common';
import { SqlParams, type Queryable } from '../db';
import { compileCondition, computedKeysOf, unknownComputedTraits, validateCondition, type Segment, type SegmentCatalog, type SegmentCondition } from '../segments';

interface CompiledCondition {
  sql: string;
  name: string;
  values: unknown[];
}

/**
 * An experiment's inline targeting condition: the segment language, as a placement rule's
 * condition, evaluated for one profile when a variant is served or an exposure recorded. A
 * first visit has no profile and meets no condition (as it is in no segment).
 */
export class ExperimentTargeting {
  /** Compiled per catalog (replaced whenever a segment changes) and per condition (the serving catalog's object). */
  private readonly compiled = new WeakMap<Map<string, Segment>, WeakMap<SegmentCondition, CompiledCondition>>();

  constructor(private readonly db: Queryable, private readonly catalog: Pick<SegmentCatalog, 'byKey'>, private readonly clock: Clock) {}

  /** Validated like a segment definition; segments and computed traits it names must exist. Errors name the path. */
  async validate(input: unknown, path: string): Promise<SegmentCondition> {
    const condition = validateCondition(input, path);
    let computed: string[];
    try {
      computed = computedKeysOf(condition, await this.catalog.byKey());
    } catch (e) {
      if (e instanceof NotFoundError) throw new ValidationError(`refers to an unknown segment: ${e.message}`, path);
      throw e;
    }
    const unknown = await unknownComputedTraits(this.db, computed);
    if (unknown.length) throw new ValidationError(`refers to an unknown computed trait: ${unknown.join(', ')}`, path);
    return condition;
  }

  /** Whether the profile meets the condition now; true without a condition, false without a profile. */
  async meets(q: Queryable, condition: SegmentCondition | null, profileId: string | null): Promise<boolean> {
    if (!condition) return true;
    if (!profileId) return false;
    const { sql, name, values } = this.compile(condition, await this.catalog.byKey(q));
    const { rows } = await q.query<{ met: boolean }>(sql, [profileId, this.clock.now(), ...values], name);
    return rows[0]?.met === true;
  }

  private compile(condition: SegmentCondition, byKey: Map<string, Segment>): CompiledCondition {
    const perCatalog = this.compiled.get(byKey) ?? new WeakMap<SegmentCondition, CompiledCondition>();
    this.compiled.set(byKey, perCatalog);
    let compiled = perCatalog.get(condition);
    if (!compiled) {
      const params = new SqlParams(3);
      // The same compiler as stored segments, for one profile, as placement conditions are.
      const predicate = compileCondition(condition, byKey, params, '$2');
      // $2 is selected too, so that its type is known when the condition has no time in it.
      const sql = `select (${predicate}) as met, $2::timestamptz as evaluated_at from profiles p left join profile_stats s on s.profile_id = p.id where p.id = $1`;
      compiled = { sql, name: `experiment_condition_${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`, values: params.values };
      perCatalog.set(condition, compiled);
    }
    return compiled;
  }
}
