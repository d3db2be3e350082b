import { Migration } from '@mikro-orm/migrations';

/**
 * `segmentary_instant(text)`: an ISO 8601 date or date-time string as timestamptz, or NULL
 * when it is not one PostgreSQL can read (the segment language compares ISO date strings in
 * traits and event properties as instants: src/segments/dsl/compile-property.ts). Never
 * raises, so one odd trait cannot fail a recompute: the format is checked first, then the
 * day against its month (2024-02-30 is NULL), then the offset (PostgreSQL reads up to
 * ±15:59). A date alone is UTC midnight. A plain SQL function, so the planner inlines it.
 */
export class Migration20261209100001_instant_function extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function segmentary_instant(value text) returns timestamptz language sql stable parallel safe as $$
        select case
          when value !~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9]([.][0-9]{1,9})?)?(Z|[+-](0[0-9]|1[0-5]):[0-5][0-9]))?$' then null
          when substr(value, 1, 4) = '0000' then null
          when substr(value, 9, 2)::int > extract(day from make_date(substr(value, 1, 4)::int, substr(value, 6, 2)::int, 1) + interval '1 month - 1 day') then null
          when length(value) = 10 then (value || 'T00:00:00Z')::timestamptz
          else value::timestamptz
        end
      $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists segmentary_instant(text);`);
  }
}
