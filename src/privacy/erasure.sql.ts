/**
 * Every table with a `profile_id` column holds personal data, whichever feature owns
 * it: finding them in the catalog means a table added later is erased and exported
 * without anyone remembering to list it.
 */
export const PROFILE_TABLES = `
  select c.table_name
    from information_schema.columns c
    join information_schema.tables t on t.table_name = c.table_name and t.table_schema = c.table_schema
   where c.table_schema = current_schema() and c.column_name = 'profile_id' and t.table_type = 'BASE TABLE'
   order by c.table_name`;

/** The survivor and every profile once merged into it. */
export const PROFILE_FAMILY = `select id from profiles where id = $1 or merged_into = $1`;

export const IDENTITIES_OF = `select kind, value from identities where profile_id = any($1::uuid[])`;

export const INSERT_TOMBSTONES = `
  insert into erasures (identity_hash, erased_at) select unnest($1::text[]), $2
  on conflict (identity_hash) do update set erased_at = excluded.erased_at`;

export const ERASE_PROFILE_ROWS = `
  update profiles set traits = '{}'::jsonb, last_seen_at = null, erased_at = $2, updated_at = $2
   where id = any($1::uuid[])`;

export const DELETE_MERGE_LOG = `delete from profile_merges where survivor_id = any($1::uuid[]) or merged_id = any($1::uuid[])`;

export const SALT = `
  with inserted as (
    insert into privacy_settings (key, value) values ('erasure_salt', $1) on conflict (key) do nothing returning value
  )
  select value, true as created from inserted
  union all select value, false from privacy_settings where key = 'erasure_salt' limit 1`;

/**
 * Every erasure mark an ingested batch could hit ($1 salt, $2 identities as `kind:value`,
 * $3 message ids), hashed here rather than in Node (PostgreSQL's sha256 costs a fraction
 * of hashing hundreds of strings per batch on the event loop). The hashes are those of
 * erasure-salt.ts: sha256(salt, NUL, kind:value) and sha256(salt ':message:' id). Returns
 * each match with the `key` (identity or message id) it was asked for.
 */
export const ERASURE_MARKS_FOR = `
  with identities as (
    select k, encode(sha256(convert_to($1::text, 'UTF8') || '\\x00'::bytea || convert_to(k, 'UTF8')), 'hex') as h from unnest($2::text[]) k
  ), messages as (
    select m, encode(sha256(convert_to($1::text || ':message:' || m, 'UTF8')), 'hex') as h from unnest($3::text[]) m
  )
  select 'tombstone' as kind, i.k as key, i.h as hash, e.erased_at from identities i join erasures e on e.identity_hash = i.h
  union all select 'suppressed', i.k, i.h, null from identities i join suppressions s on s.identity_hash = i.h
  union all select 'message', m.m, m.h, null from messages m join erased_messages x on x.message_hash = m.h`;

/** Counts refused events per suppression ($1 hashes, $2 counts). */
export const COUNT_REFUSED = `
  update suppressions s set refused_events = s.refused_events + x.n
    from unnest($1::text[], $2::int[]) as x(hash, n) where s.identity_hash = x.hash`;

export const SUPPRESS = `insert into suppressions (identity_hash) select unnest($1::text[]) on conflict do nothing`;

export const LIFT_SUPPRESSIONS = `delete from suppressions where identity_hash = any($1::text[])`;

/**
 * The erased people's messages: salted hashes of their ids are kept (any source replaying
 * one is refused), and the ids themselves are forgotten ($1 salt, $2 profile ids, $3 when).
 * Run before their events are deleted.
 */
export const ERASE_MESSAGES = `
  with erased as (
    select e.source_key, e.message_id from events e where e.profile_id = any($2::uuid[])
  ), marked as (
    insert into erased_messages (message_hash, erased_at)
    select distinct encode(sha256(convert_to($1 || ':message:' || message_id, 'UTF8')), 'hex'), $3::timestamptz from erased
    on conflict (message_hash) do update set erased_at = excluded.erased_at
    returning 1
  ), forgotten as (
    delete from message_ids m using erased e where m.source_key = e.source_key and m.message_id = e.message_id
    returning 1
  )
  select (select count(*) from marked)::int as marked, (select count(*) from forgotten)::int as forgotten`;
