import { Migration } from '@mikro-orm/migrations';

/**
 * Computed traits (issue 15 §1): named per-profile values computed from events.
 * - `computed_traits`: the definitions (src/segments/dsl/computed.ts), like `segments`.
 * - `profile_computed`: each profile's current value (absent when there is none) and the next
 *   instant time alone changes it (a window lapsing), which the expiry worker reads from its index.
 * - `computed_trait_changes`: the append-only log subscriptions replay (`computedTraitChanged`),
 *   announced on `segmentary_computed` with the id range, as membership changes are.
 */
export class Migration20261210100001_computed_traits extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table computed_traits (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        description text,
        definition jsonb not null,
        -- What a profile without a value reads as in segments and Profile.computed: 0 for counts and sums.
        empty_value jsonb,
        version int not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table profile_computed (
        profile_id uuid not null references profiles(id) on delete cascade,
        trait_id uuid not null references computed_traits(id) on delete cascade,
        value jsonb not null,
        computed_at timestamptz not null,
        next_change_at timestamptz,
        primary key (profile_id, trait_id)
      );`);
    this.addSql(`create index profile_computed_due_idx on profile_computed (next_change_at) where next_change_at is not null;`);
    this.addSql(`create index profile_computed_trait_idx on profile_computed (trait_id);`);
    this.addSql(`
      create table computed_trait_changes (
        id bigserial,
        profile_id uuid not null,
        trait_id uuid not null references computed_traits(id) on delete cascade,
        key text not null,
        value jsonb,
        previous jsonb,
        cause text not null check (cause in ('EVENT','EXPIRY','DEFINITION','MERGE','SCHEDULE')),
        at timestamptz not null,
        primary key (profile_id, id)
      );`);
    // Keyed by profile first like the other change logs; readers follow the id range.
    this.addSql(`create index computed_trait_changes_id_idx on computed_trait_changes (id);`);
    this.addSql(`create index computed_trait_changes_trait_idx on computed_trait_changes (trait_id, id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists computed_trait_changes, profile_computed, computed_traits;`);
  }
}
