import { Migration } from '@mikro-orm/migrations';

/**
 * An event whose time was still further ahead than INGEST_MAX_FUTURE_SKEW_MS after
 * clock-skew correction is stored at its receipt time, not refused: `clamped_from` keeps
 * the time the client claimed (null for every other event). Nullable, no default: adding
 * it rewrites nothing.
 */
export class Migration20261207300001_clamped_event_times extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table events add column clamped_from timestamptz;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table events drop column clamped_from;`);
  }
}
