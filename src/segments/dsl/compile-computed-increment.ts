/**
 * Incremental upkeep of computed traits (issue 15 §1, §5): a profile's new value from its
 * stored value and state combined with a batch's own events (`batch_events`), with no read of
 * the events table. Exact while every event the stored value counted is still in its window
 * (the caller checks that no lapse is due) and the state is kept (see MAX_STATE_ENTRIES).
 *
 * The combination is the same aggregate over the union, per kind:
 * - count, sum, min, max: the stored value and the batch's, combined;
 * - avg: the stored (count, sum) plus the batch's;
 * - first, last: the stored value's event or the batch's earliest / latest, by (instant, id);
 * - most_frequent, unique_count, unique_list: the stored values seen (with counts and
 *   last-seen instants) merged with the batch's, then finished as a full computation is.
 *   unique_list keeps only its `limit` most recent values; no value outside them can overtake
 *   them without a newer event, which the batch brings.
 */
import type { SqlParams } from '../../db';
import type { ComputedAggregate, ComputedTraitDefinition } from './ast';
import { averageOf, computedNextChange, computedValuesSql, eventScan, finishValueSet, type ValueSetAggregate } from './compile-computed';
import { numericProperty } from './compile-event';

/** Past this many values seen, a profile's state is not kept and its value is re-evaluated from the events table. */
export const MAX_STATE_ENTRIES = 1000;

/** The stored row of the profile `p` (columns of profile_computed; NULL when it has none). */
export interface StoredComputed {
  value: string;
  state: string;
  nextChangeAt: string;
}

/** Whether incremental upkeep needs the stored state (all but count, sum, min and max). */
export function needsState(aggregate: ComputedAggregate): boolean {
  return !(aggregate in SCALAR_COMBINE);
}

/** Aggregates whose stored value is its own state. */
const SCALAR_COMBINE: Partial<Record<ComputedAggregate, (stored: string, batch: string) => string>> = {
  // Still no value when neither had one (as the full computation finds no row).
  count: (stored, batch) => `case when ${stored} is null and ${batch} is null then null else coalesce(${stored}, 0) + coalesce(${batch}, 0) end`,
  sum: (stored, batch) => `case when ${stored} is null and ${batch} is null then null else coalesce(${stored}, 0) + coalesce(${batch}, 0) end`,
  min: (stored, batch) => `least(${stored}, ${batch})`,
  max: (stored, batch) => `greatest(${stored}, ${batch})`,
};

/** The stored state as rows `(value, n, last)`, as finishValueSet reads them. */
const STATE_ROWS: Record<ValueSetAggregate, string> = {
  most_frequent: `select s->0 as value, (s->>1)::bigint as n, (s->>2)::timestamptz as last`,
  unique_count: `select s as value, 0::bigint as n, null::timestamptz as last`,
  unique_list: `select s->0 as value, 0::bigint as n, (s->>1)::timestamptz as last`,
};

/**
 * At most one row `(value, state, next_change_at)` for the profile `p`: the stored row combined
 * with `p`'s events in `batch_events`. No row, or a NULL value, means no value.
 */
export function computedIncrement(definition: ComputedTraitDefinition, params: SqlParams, now: string, stored: StoredComputed): string {
  const nextChangeAt = `least(${stored.nextChangeAt}, ${computedNextChange(definition, params, now, 'batch_events')})`;
  return `select c.value, c.state, ${nextChangeAt} as next_change_at from (${combined(definition, params, now, stored)}) c`;
}

function combined(definition: ComputedTraitDefinition, params: SqlParams, now: string, stored: StoredComputed): string {
  const { aggregate } = definition;
  const scalar = SCALAR_COMBINE[aggregate];
  if (scalar) {
    const batch = `(select v.value from (${computedValuesSql(definition, params, now, { onePerson: true, source: 'batch_events' })}) v)`;
    return `select to_jsonb(${scalar(`(${stored.value})::numeric`, `(${batch})::numeric`)}) as value, null::jsonb as state`;
  }
  const { from: batch, property } = eventScan(definition, params, now, { onePerson: true, source: 'batch_events' });
  switch (aggregate) {
    case 'avg': {
      const number = numericProperty(definition.property!, params);
      return `select ${averageOf('t.n', 't.s')}
                from (select coalesce((${stored.state}->>0)::bigint, 0) + count(${number}) as n,
                             coalesce((${stored.state}->>1)::numeric, 0) + coalesce(sum(${number}), 0) as s ${batch}) t`;
    }
    case 'first':
    case 'last': {
      const p = property();
      const order = aggregate === 'first' ? 'asc' : 'desc';
      return `select x.value, x.state from (
                select ${stored.value} as value, ${stored.state} as state where ${stored.state} is not null
                union all
                select ${p.json}, jsonb_build_array(e.occurred_at, e.id) ${batch} and ${p.present}
              ) x order by (x.state->>0)::timestamptz ${order}, (x.state->>1)::bigint ${order} limit 1`;
    }
    case 'most_frequent':
    case 'unique_count':
    case 'unique_list': {
      const p = property();
      const seen = `select p.id as profile_id, u.value, sum(u.n)::bigint as n, max(u.last) as last from (
                      ${STATE_ROWS[aggregate]} from jsonb_array_elements(${stored.state}) s
                      union all
                      select ${p.json}, count(*), max(e.occurred_at) ${batch} and ${p.present} group by 1
                    ) u group by u.value`;
      return `select f.value, f.state from (${finishValueSet(definition, seen, params)}) f`;
    }
    default:
      throw new Error(`no incremental upkeep for ${aggregate}`);
  }
}
