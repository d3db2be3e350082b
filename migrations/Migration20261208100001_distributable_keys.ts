import { Migration } from '@mikro-orm/migrations';

/**
 * Keys a Citus cluster can distribute by `profile_id` (docs/scaling.md; the rules are
 * checked by `npm run check:distributable`):
 * - the change logs (`membership_changes`, `churn_risk_changes`, `consent_events`) and
 *   `trigger_occurrences` are keyed by (profile_id, id), with an index on id for the
 *   readers that follow an id range; an occurrence's dedupe key is unique per profile (its
 *   keys name the profile already, e.g. `birthday:<profile>:<year>`);
 * - `webhook_deliveries` carries the occurrence's profile, so a delivery lives with its
 *   occurrence (foreign key on both columns);
 * - `profile_merges` is keyed by (survivor_id, id).
 */
export class Migration20261208100001_distributable_keys extends Migration {
  override async up(): Promise<void> {
    for (const table of ['membership_changes', 'churn_risk_changes', 'consent_events']) {
      this.addSql(`alter table ${table} drop constraint ${table}_pkey, add primary key (profile_id, id);`);
      this.addSql(`drop index if exists ${table}_profile_idx;`);
      this.addSql(`create index ${table}_id_idx on ${table} (id);`);
    }
    this.addSql(`alter table webhook_deliveries add column profile_id uuid;`);
    this.addSql(`update webhook_deliveries d set profile_id = o.profile_id from trigger_occurrences o where o.id = d.occurrence_id;`);
    this.addSql(`alter table webhook_deliveries alter column profile_id set not null;`);
    this.addSql(`alter table webhook_deliveries drop constraint webhook_deliveries_occurrence_id_fkey;`);
    this.addSql(`alter table trigger_occurrences drop constraint trigger_occurrences_pkey, add primary key (profile_id, id);`);
    this.addSql(`alter table trigger_occurrences drop constraint trigger_occurrences_dedupe_key_key, add constraint trigger_occurrences_dedupe_key_key unique (profile_id, dedupe_key);`);
    this.addSql(`create index trigger_occurrences_id_idx on trigger_occurrences (id);`);
    this.addSql(`
      alter table webhook_deliveries
        drop constraint webhook_deliveries_pkey, add primary key (profile_id, id),
        drop constraint webhook_deliveries_webhook_id_occurrence_id_key, add constraint webhook_deliveries_webhook_id_occurrence_id_key unique (profile_id, webhook_id, occurrence_id),
        add constraint webhook_deliveries_occurrence_fkey foreign key (profile_id, occurrence_id) references trigger_occurrences (profile_id, id) on delete cascade;`);
    this.addSql(`create index webhook_deliveries_id_idx on webhook_deliveries (id);`);
    this.addSql(`alter table profile_merges drop constraint profile_merges_pkey, add primary key (survivor_id, id);`);
    this.addSql(`create index profile_merges_id_idx on profile_merges (id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists profile_merges_id_idx;`);
    this.addSql(`alter table profile_merges drop constraint profile_merges_pkey, add primary key (id);`);
    this.addSql(`drop index if exists webhook_deliveries_id_idx;`);
    this.addSql(`
      alter table webhook_deliveries
        drop constraint webhook_deliveries_occurrence_fkey,
        drop constraint webhook_deliveries_webhook_id_occurrence_id_key, add constraint webhook_deliveries_webhook_id_occurrence_id_key unique (webhook_id, occurrence_id),
        drop constraint webhook_deliveries_pkey, add primary key (id);`);
    this.addSql(`drop index if exists trigger_occurrences_id_idx;`);
    this.addSql(`alter table trigger_occurrences drop constraint trigger_occurrences_dedupe_key_key, add constraint trigger_occurrences_dedupe_key_key unique (dedupe_key);`);
    this.addSql(`alter table trigger_occurrences drop constraint trigger_occurrences_pkey, add primary key (id);`);
    this.addSql(`alter table webhook_deliveries add constraint webhook_deliveries_occurrence_id_fkey foreign key (occurrence_id) references trigger_occurrences (id) on delete cascade;`);
    this.addSql(`alter table webhook_deliveries drop column profile_id;`);
    for (const table of ['membership_changes', 'churn_risk_changes', 'consent_events']) {
      this.addSql(`drop index if exists ${table}_id_idx;`);
      this.addSql(`create index ${table}_profile_idx on ${table} (profile_id, id);`);
      this.addSql(`alter table ${table} drop constraint ${table}_pkey, add primary key (id);`);
    }
  }
}
