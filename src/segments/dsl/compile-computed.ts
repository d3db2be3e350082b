/**
 * Computed traits in SQL (issue 15 §1), with the same pieces as event leaves:
 * - the value and its state: one grouped query over the events, `select e.profile_id, <value>
 *   as value, <state> as state ... group by e.profile_id`, for every profile at once (a
 *   definition's first computation, the safety net) or, with `e.profile_id = p.id`, for one
 *   (a due lapse, a merge). A profile without such events has no row: no value. Ingest
 *   combines the stored state with a batch instead (compile-computed-increment.ts);
 * - the next change by time alone: the oldest event in a window ending at now lapsing;
 * - the `computed` leaf of a segment: a trait condition on the stored value (profile_computed),
 *   read by key, where a count-like trait without a row reads as its empty value (0).
 */
import { assertUnreachable } from '../../common';
import type { SqlParams } from '../../db';
import { splitPath, type ComputedAggregate, type ComputedCondition, type ComputedTraitDefinition } from './ast';
import { compileEventWindow, eventFilters, numericProperty } from './compile-event';
import { windowLapse, type EventSource, type ExpiryShape } from './compile-expiry';
import { compilePropertyCondition, type BuiltDocument } from './compile-property';

/** What a profile without qualifying events reads as: 0 for counts and sums, nothing otherwise. */
export function emptyValueOf(aggregate: ComputedAggregate): number | null {
  return aggregate === 'count' || aggregate === 'sum' || aggregate === 'unique_count' ? 0 : null;
}

/** A batch of events, or all of them: the rows `from <source> e where <filters>` reads. */
export interface EventScan {
  from: string;
  /** The property's value, and the test that it is present. */
  property: () => { json: string; present: string };
}

export function eventScan(definition: ComputedTraitDefinition, params: SqlParams, now: string, scope: { onePerson: boolean; source?: EventSource }): EventScan {
  const { within } = definition;
  const filters = eventFilters({ name: definition.event, where: definition.where }, params, now, { upToNow: false, grouped: !scope.onePerson }, within && (() => compileEventWindow(within, params, now)));
  return {
    from: `from ${scope.source ?? 'events'} e where ${filters.join(' and ')}`,
    property: () => {
      const json = `(e.properties #> ${params.add(splitPath(definition.property!))}::text[])`;
      return { json, present: `${json} is not null and ${json} <> 'null'::jsonb` };
    },
  };
}

/**
 * Rows `(profile_id, value, state)`: each profile's value and what incremental upkeep combines
 * with a later batch (compile-computed-increment.ts; NULL for count, sum, min and max, whose
 * value is its own state). A profile without qualifying events has no row.
 * `scope.onePerson`: only the events of `p` (correlated); otherwise every profile's.
 * `scope.source`: where the events are read (a batch's own events, for incremental upkeep).
 */
export function computedValuesSql(definition: ComputedTraitDefinition, params: SqlParams, now: string, scope: { onePerson: boolean; source?: EventSource }): string {
  const { from, property } = eventScan(definition, params, now, scope);
  const { aggregate } = definition;
  switch (aggregate) {
    case 'count':
      return `select e.profile_id, to_jsonb(count(*)) as value, null::jsonb as state ${from} group by e.profile_id`;
    case 'sum':
    case 'min':
    case 'max': {
      const number = numericProperty(definition.property!, params);
      const value = aggregate === 'sum' ? `coalesce(sum(${number}), 0)` : `${aggregate}(${number})`;
      return `select e.profile_id, to_jsonb(${value}) as value, null::jsonb as state ${from} group by e.profile_id`;
    }
    case 'avg':
      return `select x.profile_id, ${averageOf('x.n', 'x.s')}
                from (select e.profile_id, count(${numericProperty(definition.property!, params)}) as n, coalesce(sum(${numericProperty(definition.property!, params)}), 0) as s ${from} group by e.profile_id) x`;
    case 'first':
    case 'last': {
      const p = property();
      const order = aggregate === 'first' ? 'asc' : 'desc';
      return `select distinct on (e.profile_id) e.profile_id, ${p.json} as value, jsonb_build_array(e.occurred_at, e.id) as state
                ${from} and ${p.present} order by e.profile_id, e.occurred_at ${order}, e.id ${order}`;
    }
    case 'most_frequent':
    case 'unique_count':
    case 'unique_list': {
      const p = property();
      return finishValueSet(definition, `select e.profile_id, ${p.json} as value, count(*) as n, max(e.occurred_at) as last ${from} and ${p.present} group by 1, 2`, params);
    }
    default:
      return assertUnreachable(aggregate, 'computed aggregate');
  }
}

/** An average from a count and a sum (as avg() divides them), with the pair as its state. */
export function averageOf(count: string, sum: string): string {
  return `case when ${count} > 0 then to_jsonb(${sum} / ${count}) end as value, jsonb_build_array(${count}, ${sum}) as state`;
}

/** The aggregates over the distinct values seen, from rows `(profile_id, value, n, last)`, one per value seen. */
export type ValueSetAggregate = 'most_frequent' | 'unique_count' | 'unique_list';

/**
 * `(profile_id, value, state)` from rows `(profile_id, value, n, last)` grouped by value: the
 * most frequent (ties to the most recently seen), how many, or the most recent `limit`. The
 * state keeps those rows (only the values for unique_count, the kept ones for unique_list),
 * sorted so that the same values give the same state.
 */
export function finishValueSet(definition: ComputedTraitDefinition, seen: string, params: SqlParams): string {
  switch (definition.aggregate as ValueSetAggregate) {
    case 'most_frequent':
      return `select x.profile_id, (array_agg(x.value order by x.n desc, x.last desc, x.value))[1] as value,
                     jsonb_agg(jsonb_build_array(x.value, x.n, x.last) order by x.value) as state
                from (${seen}) x group by x.profile_id`;
    case 'unique_count':
      return `select x.profile_id, to_jsonb(count(*)) as value, jsonb_agg(x.value order by x.value) as state from (${seen}) x group by x.profile_id`;
    case 'unique_list':
      return `select y.profile_id, jsonb_agg(y.value order by y.last desc, y.value) as value,
                     jsonb_agg(jsonb_build_array(y.value, y.last) order by y.value) as state
                from (select x.*, row_number() over (partition by x.profile_id order by x.last desc, x.value) as rank from (${seen}) x) y
               where y.rank <= ${params.add(definition.limit)}::int
               group by y.profile_id`;
    default:
      throw new Error(`${definition.aggregate} is not a value-set aggregate`);
  }
}

/** The next instant after now at which the value of `p` may change with time alone; NULL when it never will. */
export function computedNextChange(definition: ComputedTraitDefinition, params: SqlParams, now: string, source: EventSource = 'events'): string {
  const lapse = definition.within && windowLapse(definition.within, { name: definition.event, where: definition.where }, params, now, 'scoped', source);
  return lapse ?? 'null::timestamptz';
}

/** The stored value of the trait `key` for `p` as a one-key document, its empty value when it has no row. */
function computedDocument(key: string, params: SqlParams): BuiltDocument {
  return `coalesce((select jsonb_build_object(ct.key, coalesce(pc.value, ct.empty_value))
                      from computed_traits ct left join profile_computed pc on pc.trait_id = ct.id and pc.profile_id = p.id
                     where ct.key = ${params.add(key)}::text), '{}'::jsonb)` as BuiltDocument;
}

/** `{ key, op, value }` on a computed value, with a trait condition's operators. */
export function compileComputedCondition(condition: ComputedCondition, params: SqlParams, now: string): string {
  return testOn(computedDocument(condition.key, params), condition, params, now);
}

function testOn(document: BuiltDocument, condition: ComputedCondition, params: SqlParams, now: string): string {
  const { key, ...test } = condition;
  return compilePropertyCondition(document, { path: key, ...test } as Parameters<typeof compilePropertyCondition>[1], params, now);
}

/**
 * The same for every profile at once (a full recompute, a preview): the profiles whose stored
 * value passes, found in one scan of the trait's values (`p.id in (…)`), and when the empty
 * value passes too (`views_30m lt 3` for people with no views), every profile without a value.
 * Not for the time-relative operators, whose anniversaries read the person's zone.
 */
export function compileComputedConditionGrouped(condition: ComputedCondition, params: SqlParams, now: string): string {
  const key = params.add(condition.key);
  const values = `from profile_computed pc join computed_traits ct on ct.id = pc.trait_id where ct.key = ${key}::text`;
  const stored = testOn(`jsonb_build_object(ct.key, pc.value)` as BuiltDocument, condition, params, now);
  const empty = testOn(`jsonb_build_object(ct.key, ct.empty_value)` as BuiltDocument, condition, params, now);
  return `(p.id in (select pc.profile_id ${values} and ${stored})
           or (coalesce((select ${empty} from computed_traits ct where ct.key = ${key}::text), false)
               and p.id not in (select pc.profile_id ${values})))`;
}

/** The next instant the stored value of `key` changes by time alone (the expiry worker moves it first): for `p`, or for every profile. */
export function computedConditionChange(key: string, params: SqlParams, shape: ExpiryShape): string {
  const values = `from profile_computed pc join computed_traits ct on ct.id = pc.trait_id where ct.key = ${params.add(key)}::text and pc.next_change_at is not null`;
  return shape === 'scoped' ? `(select pc.next_change_at ${values} and pc.profile_id = p.id)` : `select pc.profile_id, pc.next_change_at as at ${values}`;
}
