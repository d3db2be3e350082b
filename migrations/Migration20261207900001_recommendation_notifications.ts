import { Migration } from '@mikro-orm/migrations';

/**
 * Every instance keeps fresh FOR_YOU lists in memory (src/recommendations/kept-list-cache.ts).
 * These triggers announce what changes a kept answer: a visitor's list state written
 * (marked stale by ingest, recomputed, dropped by a merge or an erasure) names the visitor
 * on `segmentary_recommendations`; any product written (a name, a deactivation) says
 * `{"all": true}`, since any list may show it. `segmentary_notify_profiles` (migration
 * 20261206000001) takes its channel from the trigger's argument now, so one function serves
 * both channels.
 */
export class Migration20261207900001_recommendation_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function segmentary_notify_profiles() returns trigger language plpgsql as $$
      declare
        channel text := coalesce(tg_argv[0], 'segmentary_profiles');
        changed_count int;
      begin
        select count(distinct profile_id) into changed_count from changed_rows;
        if changed_count = 0 then
          return null;
        elsif changed_count <= 150 then
          perform pg_notify(channel, json_build_object('profiles', (select json_agg(distinct profile_id) from changed_rows))::text);
        else
          perform pg_notify(channel, '{"all": true}');
        end if;
        return null;
      end $$;`);
    this.addSql(`
      create function segmentary_notify_all() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from changed_rows) then
          perform pg_notify(tg_argv[0], '{"all": true}');
        end if;
        return null;
      end $$;`);
    for (const [operation, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']]) {
      this.addSql(`
        create trigger recommendation_lists_${operation}_notify after ${operation} on recommendation_lists
          referencing ${rows} table as changed_rows for each statement
          execute function segmentary_notify_profiles('segmentary_recommendations');`);
      this.addSql(`
        create trigger products_${operation}_notify after ${operation} on products
          referencing ${rows} table as changed_rows for each statement
          execute function segmentary_notify_all('segmentary_recommendations');`);
    }
  }

  override async down(): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) {
      this.addSql(`drop trigger if exists recommendation_lists_${operation}_notify on recommendation_lists;`);
      this.addSql(`drop trigger if exists products_${operation}_notify on products;`);
    }
    this.addSql(`drop function if exists segmentary_notify_all();`);
    this.addSql(`
      create or replace function segmentary_notify_profiles() returns trigger language plpgsql as $$
      declare
        changed_count int;
      begin
        select count(distinct profile_id) into changed_count from changed_rows;
        if changed_count = 0 then
          return null;
        elsif changed_count <= 150 then
          perform pg_notify('segmentary_profiles',
            json_build_object('profiles', (select json_agg(distinct profile_id) from changed_rows))::text);
        else
          perform pg_notify('segmentary_profiles', '{"all": true}');
        end if;
        return null;
      end $$;`);
  }
}
