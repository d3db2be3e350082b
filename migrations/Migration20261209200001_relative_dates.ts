import { Migration } from '@mikro-orm/migrations';

/**
 * What the segment language's relative dates need (src/segments/dsl/compile-relative-date.ts):
 * - `segmentary_time_zones`: the zone names this server knows, so a person's `timezone`
 *   trait is used only when PostgreSQL can read it (`at time zone 'Nowhere'` would fail the
 *   whole evaluation); `segmentary_local_date(at, zone)` is the date at that instant there,
 *   in UTC for an unknown or missing zone.
 * - `segmentary_days_to_anniversary(value, today)`: days from `today` to the next
 *   anniversary of the month and day in `value` (`YYYY-MM-DD`, `MM-DD`, or an ISO date-time,
 *   its date as written), 0 on the day, NULL for anything else. A Feb 29 anniversary falls
 *   on Feb 28 in years without one, as the birthday trigger celebrates it.
 */
export class Migration20261209200001_relative_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table segmentary_time_zones (name text primary key);`);
    this.addSql(`insert into segmentary_time_zones (name) select distinct name from pg_timezone_names;`);
    this.addSql(`
      create function segmentary_local_date(at timestamptz, zone text) returns date language sql stable parallel safe as $$
        select (at at time zone coalesce((select z.name from segmentary_time_zones z where z.name = zone), 'UTC'))::date
      $$;`);
    this.addSql(`
      create function segmentary_days_to_anniversary(value text, today date) returns int language plpgsql immutable parallel safe as $$
      declare
        month_day text := substring(value from '^(?:[0-9]{4}-)?((?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]))(?:T.*)?$');
        m int;
        d int;
        y int := extract(year from today)::int;
        upcoming date;
      begin
        if month_day is null then
          return null;
        end if;
        m := substr(month_day, 1, 2)::int;
        d := substr(month_day, 4, 2)::int;
        if d > extract(day from make_date(2000, m, 1) + interval '1 month - 1 day') then
          return null;
        end if;
        for year in y .. y + 1 loop
          upcoming := case when m = 2 and d = 29 and not ((year % 4 = 0 and year % 100 <> 0) or year % 400 = 0)
                       then make_date(year, 2, 28) else make_date(year, m, d) end;
          if upcoming >= today then
            return upcoming - today;
          end if;
        end loop;
        return null;
      end $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists segmentary_days_to_anniversary(text, date);`);
    this.addSql(`drop function if exists segmentary_local_date(timestamptz, text);`);
    this.addSql(`drop table if exists segmentary_time_zones;`);
  }
}
