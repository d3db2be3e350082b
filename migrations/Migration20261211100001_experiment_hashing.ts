import { Migration } from '@mikro-orm/migrations';

/**
 * Experiments v2 (issue 16 §1): what is hashed and how.
 * - `hashing_unit`: the identity hashed (anonymous_id for web experiments, user_id, or the
 *   profile id experiments made before this migration were assigned by, kept for them).
 * - `hashing`: SHA256 (ours, unchanged) or GROWTHBOOK (FNV-1a v2, the same buckets as
 *   GrowthBook's SDKs for the same seed, weights and coverage).
 * - `seed`: hashed with the unit's value (NULL: the key, as before).
 * - `coverage`: the share of eligible traffic included; the rest is served no variant.
 */
export class Migration20261211100001_experiment_hashing extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table experiments
        add column hashing text not null default 'SHA256' check (hashing in ('SHA256','GROWTHBOOK')),
        add column hashing_unit text not null default 'profile_id' check (hashing_unit in ('profile_id','anonymous_id','user_id')),
        add column seed text,
        add column coverage double precision not null default 1 check (coverage > 0 and coverage <= 1);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table experiments drop column if exists hashing, drop column if exists hashing_unit, drop column if exists seed, drop column if exists coverage;`);
  }
}
