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

export const TOMBSTONES_FOR = `select identity_hash, erased_at from erasures where identity_hash = any($1::text[])`;
