export const CONTENT_COLUMNS = `id, key, type, title, payload, tags, locale, active_from, active_until, archived_at, version, created_at, updated_at`;

export const INSERT_CONTENT = `
  insert into content_items (key, type, title, payload, tags, locale, active_from, active_until)
  values ($1, $2, $3, $4, $5, $6, $7, $8)
  on conflict (key) do nothing
  returning ${CONTENT_COLUMNS}`;

export const UPDATE_CONTENT = `
  update content_items
     set type = $2, title = $3, payload = $4, tags = $5, locale = $6, active_from = $7, active_until = $8,
         version = version + 1, updated_at = now()
   where key = $1
  returning ${CONTENT_COLUMNS}`;

export const ARCHIVE_CONTENT = `
  update content_items set archived_at = coalesce(archived_at, now()), version = version + 1, updated_at = now()
   where key = $1
  returning ${CONTENT_COLUMNS}`;

export const CONTENT_BY_KEY = `select ${CONTENT_COLUMNS} from content_items where key = $1`;

export const CONTENT_IDS_BY_KEYS = `select id, key from content_items where key = any($1::text[])`;

/** $1 tags (all required) or null, $2 locale or null, $3 include archived, $4 after key or null, $5 limit. */
export const LIST_CONTENT = `
  select ${CONTENT_COLUMNS} from content_items
   where ($1::text[] is null or tags @> $1::text[])
     and ($2::text is null or locale = $2::text)
     and ($3::boolean or archived_at is null)
     and ($4::text is null or key > $4::text)
   order by key limit $5`;

/** Every instance drops its cached placements and content (src/personalization/personalization-cache.ts). */
export const NOTIFY_PERSONALIZATION_CHANGED = `select pg_notify('segmentary_personalization', $1)`;
