import { Migration } from '@mikro-orm/migrations';

/**
 * The next instant each (segment, profile) pair's answer can change with time alone (issue 15
 * §2): a window lapses, a sequence's "then not" wait ends, a relative date comes near. Written
 * with every real-time evaluation of the pair (src/segments/dsl/compile-expiry.ts), read by
 * the expiry worker from the `due_at` index, so people leave (or enter) when their window
 * lapses instead of at the next recompute. Non-members have timers too: an abandoned cart
 * enters its segment when the wait is over. Keyed by profile first, like every per-profile table.
 */
export class Migration20261210000001_segment_timers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table segment_timers (
        profile_id uuid not null references profiles(id) on delete cascade,
        segment_id uuid not null references segments(id) on delete cascade,
        due_at timestamptz not null,
        primary key (profile_id, segment_id)
      );`);
    this.addSql(`create index segment_timers_due_idx on segment_timers (due_at);`);
    this.addSql(`create index segment_timers_segment_idx on segment_timers (segment_id);`);
    // What the worker's entries and exits are logged as.
    this.addSql(`alter table membership_changes drop constraint membership_changes_cause_check;`);
    this.addSql(`
      alter table membership_changes add constraint membership_changes_cause_check
        check (cause in ('EVENT','SCHEDULE','DEFINITION','ERASURE','MERGE','SCORING','CONSENT','EXPIRY'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists segment_timers;`);
    this.addSql(`delete from membership_changes where cause = 'EXPIRY';`);
    this.addSql(`alter table membership_changes drop constraint membership_changes_cause_check;`);
    this.addSql(`
      alter table membership_changes add constraint membership_changes_cause_check
        check (cause in ('EVENT','SCHEDULE','DEFINITION','ERASURE','MERGE','SCORING','CONSENT'));`);
  }
}
