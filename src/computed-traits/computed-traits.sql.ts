import { type SqlParams } from '../db';
import { computedIncrement, computedNextChange, computedValuesSql, MAX_STATE_ENTRIES, needsState, type ComputedTraitDefinition } from '../segments';

export const TRAIT_COLUMNS = `id, key, name, description, definition, version, created_at, updated_at`;
export const SELECT_TRAITS = `select ${TRAIT_COLUMNS} from computed_traits`;

export const INSERT_TRAIT = `
  insert into computed_traits (key, name, description, definition, empty_value)
  values ($1, $2, $3, $4, $5) returning ${TRAIT_COLUMNS}`;

export const UPDATE_TRAIT = `
  update computed_traits set name = $2, description = $3, definition = $4, empty_value = $5, version = version + 1, updated_at = now()
   where id = $1 returning ${TRAIT_COLUMNS}`;

export const COUNT_TRAITS = `select count(*)::int as n from computed_traits`;
export const LOCK_TRAITS = `select pg_advisory_xact_lock(hashtextextended('computed-traits', 0))`;
export const NOTIFY_TRAITS_CHANGED = `select pg_notify('segmentary_segments', 'computed traits')`;

/** The stored values of these profiles, with each count-like trait's empty value where a profile has none. */
export const PROFILE_VALUES = `
  select x.profile_id, ct.key, coalesce(pc.value, ct.empty_value) as value
    from unnest($1::uuid[]) as x(profile_id) cross join computed_traits ct
    left join profile_computed pc on pc.profile_id = x.profile_id and pc.trait_id = ct.id
   where coalesce(pc.value, ct.empty_value) is not null
   order by ct.key`;

export const DUE_VALUES = `
  select trait_id, profile_id from profile_computed
   where next_change_at <= $1::timestamptz order by next_change_at limit $2`;

export const DROP_VALUES_OF = `delete from profile_computed where profile_id = any($1::uuid[])`;

/** One trait of the catalog, as the statements need it. */
export interface TraitForSql {
  id: string;
  /** The validated definition. */
  parsed: ComputedTraitDefinition;
}

/**
 * Logs what changed into computed_trait_changes and NOTIFYs the id range on
 * `segmentary_computed`, returning the (profile, key) pairs whose value or next change moved
 * (segments reading those keys re-evaluate them).
 */
function writeFresh(now: string, cause: string, scopeOld: string, returnMoved = true): string {
  return `
    old as materialized (${scopeOld}),
    written as (
      insert into profile_computed (profile_id, trait_id, value, state, computed_at, next_change_at)
      select f.profile_id, f.trait_id, f.value, case when jsonb_array_length(f.state) <= ${MAX_STATE_ENTRIES} then f.state end, ${now}::timestamptz, f.next_change_at
        from fresh f where f.value is not null
      on conflict (profile_id, trait_id) do update set value = excluded.value, state = excluded.state, computed_at = excluded.computed_at, next_change_at = excluded.next_change_at
       where (profile_computed.value, profile_computed.state, profile_computed.next_change_at) is distinct from (excluded.value, excluded.state, excluded.next_change_at)
    ),
    removed as (
      delete from profile_computed pc using old o
       where pc.profile_id = o.profile_id and pc.trait_id = o.trait_id
         and not exists (select 1 from fresh f where f.profile_id = o.profile_id and f.trait_id = o.trait_id and f.value is not null)
    ),
    moved as (
      select coalesce(f.profile_id, o.profile_id) as profile_id, coalesce(f.trait_id, o.trait_id) as trait_id, f.value, o.value as previous,
             (f.value is distinct from o.value) as value_changed
        from (select * from fresh where value is not null) f
        full join old o on o.profile_id = f.profile_id and o.trait_id = f.trait_id
       where f.value is distinct from o.value or f.next_change_at is distinct from o.next_change_at
    ),
    changed as (
      insert into computed_trait_changes (profile_id, trait_id, key, value, previous, cause, at)
      select m.profile_id, m.trait_id, ct.key, m.value, m.previous, ${cause}, ${now}::timestamptz
        from moved m join computed_traits ct on ct.id = m.trait_id where m.value_changed
      returning id
    )
    select ${returnMoved ? `coalesce((select json_agg(json_build_object('profileId', m.profile_id, 'key', ct.key)) from moved m join computed_traits ct on ct.id = m.trait_id), '[]')` : `'[]'::json`} as moved,
           (select count(*)::int from changed) as changed,
           (select pg_notify('segmentary_computed', json_build_object('from', min(id), 'to', max(id))::text) from changed having count(*) > 0) as notified`;
}

/** The placeholders of refreshPairsSql, in order; the traits' own values follow. */
export const REFRESH_PARAMS = ['now', 'traitIds', 'profileIds', 'cause', 'batchProfiles', 'batchNames', 'batchProperties', 'batchTimes', 'fullProfiles', 'batchIds'] as const;

/**
 * Re-evaluates the (trait, profile) pairs of two parallel arrays, one arm per trait. A value is
 * kept incrementally (its stored value and state combined with the batch's own events, given
 * as parallel arrays: compile-computed-increment.ts) unless a lapse of its window is due, its
 * state was not kept, or the profile is in `fullProfiles` (merge survivors, whose events
 * moved); those are re-evaluated from the events table (index probes on (profile_id, name,
 * occurred_at) in every partition the window reaches).
 */
export function refreshPairsSql(traits: TraitForSql[], params: SqlParams): string {
  const arms = traits.map((t) => {
    const id = params.add(t.id);
    const stored = { value: 'o.value', state: 'o.state', nextChangeAt: 'o.next_change_at' };
    const stateKept = needsState(t.parsed.aggregate) ? ' and (o.profile_id is null or o.state is not null)' : '';
    const incremental = `((o.next_change_at is null or o.next_change_at > $1::timestamptz) and p.id <> all($9::uuid[])${stateKept})`;
    const full = `select v.value, v.state, ${computedNextChange(t.parsed, params, '$1')} as next_change_at
                    from (${computedValuesSql(t.parsed, params, '$1', { onePerson: true })}) v`;
    return `select ${id}::uuid as trait_id, p.id as profile_id, r.value, r.state, r.next_change_at
              from profiles p left join profile_computed o on o.profile_id = p.id and o.trait_id = ${id}::uuid
              cross join lateral (
                select i.* from (${computedIncrement(t.parsed, params, '$1', stored)}) i where ${incremental}
                union all
                select f.* from (${full}) f where not ${incremental}
              ) r
             where p.merged_into is null and p.id in (select profile_id from scope where trait_id = ${id}::uuid)`;
  });
  return `
    with scope as (select distinct * from unnest($2::uuid[], $3::uuid[]) as x(trait_id, profile_id)),
    batch_events as (select * from unnest($5::uuid[], $6::text[], $7::jsonb[], $8::timestamptz[], $10::bigint[]) as b(profile_id, name, properties, occurred_at, id)),
    fresh as materialized (${arms.join('\n      union all\n')}),
    ${writeFresh('$1', '$4', 'select pc.profile_id, pc.trait_id, pc.value, pc.next_change_at from profile_computed pc join scope s on s.profile_id = pc.profile_id and s.trait_id = pc.trait_id')}`;
}

/**
 * A trait's values for every profile, in one grouped scan of its events (a definition's first
 * computation, or a changed one). $1 now, $2 trait id, $3 cause; the definition's values follow.
 */
export function backfillSql(trait: TraitForSql, params: SqlParams): string {
  return `
    with fresh as materialized (
      select $2::uuid as trait_id, v.profile_id, v.value, v.state, ${computedNextChange(trait.parsed, params, '$1')} as next_change_at
        from (${computedValuesSql(trait.parsed, params, '$1', { onePerson: false })}) v
        join profiles p on p.id = v.profile_id
       where p.merged_into is null and v.value is not null
    ),
    ${writeFresh('$1', '$3', 'select profile_id, trait_id, value, next_change_at from profile_computed where trait_id = $2::uuid', false)}`;
}
