import { Migration } from '@mikro-orm/migrations';

/** A/B experiments, the sticky variant of each profile, and the first exposure of each profile. */
export class Migration20261123000006_experiments extends Migration {
  override async up(): Promise<void> {
    // targeting_segment_id has no ON DELETE action on purpose: deleting the segment must not
    // silently open a running experiment to everyone.
    this.addSql(`
      create table experiments (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        description text,
        status text not null default 'DRAFT' check (status in ('DRAFT','RUNNING','STOPPED')),
        variants jsonb not null check (jsonb_typeof(variants) = 'array'),
        targeting_segment_id uuid references segments(id),
        goal_event text not null,
        started_at timestamptz,
        stopped_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);

    this.addSql(`
      create table assignments (
        profile_id uuid not null references profiles(id),
        experiment_id uuid not null references experiments(id) on delete cascade,
        variant text not null,
        assigned_at timestamptz not null default now(),
        primary key (profile_id, experiment_id)
      );`);

    this.addSql(`
      create table exposures (
        profile_id uuid not null references profiles(id),
        experiment_id uuid not null references experiments(id) on delete cascade,
        variant text not null,
        exposed_at timestamptz not null default now(),
        primary key (profile_id, experiment_id)
      );`);
    // Results read every exposure of one experiment.
    this.addSql(`create index exposures_experiment_idx on exposures (experiment_id, variant, profile_id, exposed_at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists exposures, assignments, experiments cascade;`);
  }
}
