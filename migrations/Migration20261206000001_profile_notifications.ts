import { Migration } from '@mikro-orm/migrations';

/**
 * Every instance caches what a decision needs about a profile (the profile an identity
 * names, its personalization consent, its memberships). Memberships announce their own
 * changes (`segmentary_membership`); these triggers announce the rest: an identity moved to
 * another profile (a merge) or deleted (erasure), and any consent written. Triggers rather
 * than calls in each writer, so no path that changes these tables can be missed.
 *
 * Payload: `{"profiles": [ids]}`, or `{"all": true}` past 150 profiles (a NOTIFY payload
 * holds under 8,000 bytes).
 */
export class Migration20261206000001_profile_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function segmentary_notify_profiles() returns trigger language plpgsql as $$
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
    for (const table of ['identities', 'consents']) {
      this.addSql(`
        create trigger ${table}_updated_notify after update on ${table}
          referencing old table as changed_rows for each statement execute function segmentary_notify_profiles();`);
      this.addSql(`
        create trigger ${table}_deleted_notify after delete on ${table}
          referencing old table as changed_rows for each statement execute function segmentary_notify_profiles();`);
    }
    // A new identity names no cached profile (unknown identities are not cached); a new consent changes its profile.
    this.addSql(`
      create trigger consents_inserted_notify after insert on consents
        referencing new table as changed_rows for each statement execute function segmentary_notify_profiles();`);
  }

  override async down(): Promise<void> {
    for (const table of ['identities', 'consents']) {
      this.addSql(`drop trigger if exists ${table}_updated_notify on ${table};`);
      this.addSql(`drop trigger if exists ${table}_deleted_notify on ${table};`);
    }
    this.addSql(`drop trigger if exists consents_inserted_notify on consents;`);
    this.addSql(`drop function if exists segmentary_notify_profiles();`);
  }
}
