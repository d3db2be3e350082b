import { Migration } from '@mikro-orm/migrations';

/**
 * Incremental upkeep of every computed aggregate (issue 15 §5): beside its value, a profile's
 * row keeps what a batch's events are combined with (avg: count and sum; first/last: the
 * instant and id of the value's event; most_frequent, unique_count, unique_list: the values
 * seen, with counts and last-seen instants). NULL where the aggregate needs none, or where
 * the values seen outgrow the cap (those rows are re-evaluated from the events table).
 */
export class Migration20261211000001_computed_state extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table profile_computed add column state jsonb;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table profile_computed drop column if exists state;`);
  }
}
