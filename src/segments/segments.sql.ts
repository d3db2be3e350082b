export const SEGMENT_COLUMNS = `id, key, name, description, definition, purpose, time_sensitive, dependencies, built_in, version, created_at, updated_at, last_computed_at`;

export const SELECT_SEGMENTS = `select ${SEGMENT_COLUMNS} from segments`;

export const INSERT_SEGMENT = `
  insert into segments (key, name, description, definition, purpose, time_sensitive, dependencies, built_in)
  values ($1, $2, $3, $4, $5, $6, $7, $8)
  returning ${SEGMENT_COLUMNS}`;

export const UPDATE_SEGMENT = `
  update segments set name = $2, description = $3, definition = $4, purpose = $5, time_sensitive = $6,
         dependencies = $7, version = version + 1, updated_at = now()
   where id = $1
  returning ${SEGMENT_COLUMNS}`;

export const MARK_COMPUTED = `update segments set last_computed_at = $2 where id = any($1::uuid[])`;

/** Serializes recomputes of one segment across instances (transaction-scoped). */
export const LOCK_SEGMENT = `select pg_advisory_xact_lock(hashtextextended('segment:' || $1, 0))`;

/**
 * For a full recompute or a preview: grouped event leaves (compile-event.ts) become hashed
 * sets of profile ids, built once. A hash that does not fit work_mem is not built at all:
 * PostgreSQL then scans the materialized ids once per profile. 1M ids take about 60 MB.
 */
export const RECOMPUTE_WORK_MEM = `set local work_mem = '128MB'`;

export const NOTIFY_SEGMENTS_CHANGED = `select pg_notify('segmentary_segments', $1)`;

export const SEGMENT_SIZES = `
  select s.id, coalesce(c.n, 0)::int as size
    from unnest($1::uuid[]) as s(id)
    left join lateral (select count(*) as n from memberships m where m.segment_id = s.id) c on true`;

export const SEGMENT_MEMBERS_PAGE = `
  select m.profile_id, m.entered_at from memberships m
   where m.segment_id = $1 and ($2::timestamptz is null or (m.entered_at, m.profile_id) > ($2::timestamptz, $3::uuid))
   order by m.entered_at, m.profile_id limit $4`;

export const PROFILE_SEGMENTS = `
  select m.profile_id, m.segment_id, m.entered_at from memberships m
   where m.profile_id = any($1::uuid[]) order by m.profile_id, m.entered_at`;

export const DELETE_SEGMENT_TIMERS = `delete from segment_timers where segment_id = $1`;

/**
 * Every live profile's timer for one segment (migration 20261210000001): the least next
 * change of each profile over the definition's grouped candidates (one scan each). The
 * predicate is mentioned only so PostgreSQL learns the types of the parameters it binds
 * (`or true` is folded away when planning, so it is never evaluated).
 */
export function seedTimersSql(segmentId: string, now: string, compiled: { predicate: string; nextChanges?: string }): string {
  return `
    insert into segment_timers (profile_id, segment_id, due_at)
    select c.profile_id, ${segmentId}::uuid, min(c.at)
      from (${compiled.nextChanges}) c(profile_id, at)
      join profiles p on p.id = c.profile_id left join profile_stats s on s.profile_id = p.id
     where c.at > ${now}::timestamptz and p.merged_into is null and (${compiled.predicate} or true)
     group by c.profile_id`;
}
