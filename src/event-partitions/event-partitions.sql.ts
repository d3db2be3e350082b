/**
 * Monthly partitions of `events` (migration 20261208000001). `ensure_event_partition(at)`
 * is the one rule that makes a month's partition (moving rows the default partition
 * caught); everything here calls it.
 */

/** Makes the partitions of every month from `$1` to `$2` (UTC); returns how many were created. */
export const ENSURE_MONTHS = `
  select count(*) filter (where ensure_event_partition(month at time zone 'UTC'))::int as created
    from generate_series(date_trunc('month', $1::timestamptz at time zone 'UTC'),
                         date_trunc('month', $2::timestamptz at time zone 'UTC'), interval '1 month') as month`;

/** Months (UTC) the default partition holds events of. */
export const DEFAULT_PARTITION_MONTHS = `
  select distinct date_trunc('month', occurred_at at time zone 'UTC') at time zone 'UTC' as month from events_default order by 1`;

/** The monthly partitions, oldest first, with the month each holds and its estimated rows. */
export const MONTHLY_PARTITIONS = `
  select c.relname as name, to_timestamp(substr(c.relname, 9), 'YYYY_MM') at time zone 'UTC' as month, greatest(c.reltuples, 0)::bigint as rows
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
   where i.inhparent = 'events'::regclass and c.relname ~ '^events_p[0-9]{4}_[0-9]{2}$'
   order by c.relname`;

/** Retention: events older than `$1` the default partition caught. */
export const DELETE_OLD_DEFAULT_ROWS = `delete from events_default where occurred_at < $1`;

/** Serializes drops with ensure_event_partition (same lock). */
export const LOCK_PARTITIONS = `select pg_advisory_xact_lock(7357008)`;
