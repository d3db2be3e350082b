import { Migration } from '@mikro-orm/migrations';

/**
 * `events` becomes a table partitioned by month of `occurred_at` (UTC), converted in place
 * (src/event-partitions/README.md).
 *
 * - Primary key (profile_id, occurred_at, id): a partitioned table's keys must hold the
 *   partition column, and a Citus distributed table's the distribution column. It also
 *   serves a profile's timeline newest first, so `events_profile_time_idx` goes.
 * - `events_default` catches events of months without a partition; `ensure_event_partition`
 *   creates a month's partition, moving that month's rows out of the default one first
 *   (the rule lives here, in SQL, so the migration, the scheduler and the loaders share it).
 * - Partitions are made for every month holding events, and the current and next two.
 * - messageId uniqueness already lives in `message_ids` (migration 20261207000001).
 */
export class Migration20261208000001_partitioned_events extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table events rename to events_unpartitioned;`);
    this.addSql(`alter sequence events_id_seq owned by none;`);
    for (const index of ['events_pkey', 'events_name_time_idx', 'events_profile_name_time_idx', 'events_profile_time_idx', 'events_trait_history_idx']) {
      this.addSql(`alter index ${index} rename to ${index.replace('events_', 'events_unpartitioned_')};`);
    }
    this.addSql(`
      create table events (like events_unpartitioned including defaults including constraints)
        partition by range (occurred_at);`);
    this.addSql(`alter table events add primary key (profile_id, occurred_at, id);`);
    this.addSql(`alter table events add constraint events_profile_id_fkey foreign key (profile_id) references profiles(id);`);
    this.addSql(`create index events_profile_name_time_idx on events (profile_id, name, occurred_at);`);
    this.addSql(`create index events_name_time_idx on events (name, occurred_at);`);
    this.addSql(`create index events_trait_history_idx on events (profile_id, occurred_at) where traits is not null;`);
    this.addSql(`create table events_default partition of events default;`);
    this.addSql(ENSURE_EVENT_PARTITION);
    this.addSql(`
      select ensure_event_partition(month)
        from (select distinct date_trunc('month', occurred_at at time zone 'UTC') at time zone 'UTC' as month from events_unpartitioned
              union
              select (date_trunc('month', now() at time zone 'UTC') + make_interval(months => n)) at time zone 'UTC' from generate_series(0, 2) n) m
       order by month;`);
    this.addSql(`insert into events select * from events_unpartitioned;`);
    this.addSql(`drop table events_unpartitioned;`);
    this.addSql(`alter sequence events_id_seq owned by events.id;`);
    this.addSql(`analyze events;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table events rename to events_partitioned;`);
    this.addSql(`alter sequence events_id_seq owned by none;`);
    this.addSql(`create table events (like events_partitioned including defaults including constraints);`);
    this.addSql(`insert into events select * from events_partitioned;`);
    this.addSql(`drop table events_partitioned;`);
    this.addSql(`drop function ensure_event_partition(timestamptz);`);
    this.addSql(`alter sequence events_id_seq owned by events.id;`);
    this.addSql(`alter table events add primary key (id);`);
    this.addSql(`alter table events add constraint events_profile_id_fkey foreign key (profile_id) references profiles(id);`);
    this.addSql(`create index events_profile_name_time_idx on events (profile_id, name, occurred_at);`);
    this.addSql(`create index events_profile_time_idx on events (profile_id, occurred_at desc, id desc);`);
    this.addSql(`create index events_name_time_idx on events (name, occurred_at);`);
    this.addSql(`create index events_trait_history_idx on events (profile_id, occurred_at) where traits is not null;`);
  }
}

/**
 * The partition of the month holding `at` (UTC): created if missing, with the rows of that
 * month the default partition caught moved into it; true when it was created. Attaching
 * builds the parent's indexes and keys on the new partition.
 */
const ENSURE_EVENT_PARTITION = `
  create function ensure_event_partition(at timestamptz) returns boolean language plpgsql as $$
  declare
    lo timestamptz := date_trunc('month', at at time zone 'UTC') at time zone 'UTC';
    hi timestamptz := (date_trunc('month', at at time zone 'UTC') + interval '1 month') at time zone 'UTC';
    part text := 'events_p' || to_char(at at time zone 'UTC', 'YYYY_MM');
  begin
    perform pg_advisory_xact_lock(7357008); -- one creator at a time (src/event-partitions)
    if to_regclass(part) is not null then
      return false;
    end if;
    execute format('create table %I (like events including defaults including constraints)', part);
    execute format('with moved as (delete from events_default where occurred_at >= $1 and occurred_at < $2 returning *) insert into %I select * from moved', part)
      using lo, hi;
    execute format('alter table events attach partition %I for values from (%L) to (%L)', part, lo, hi);
    return true;
  end $$;`;
