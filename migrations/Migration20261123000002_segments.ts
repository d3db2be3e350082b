import { Migration } from '@mikro-orm/migrations';

/** Segments, current memberships and the append-only log of membership changes. */
export class Migration20261123000002_segments extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table segments (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        description text,
        definition jsonb not null,
        purpose text not null default 'GENERAL' check (purpose in ('GENERAL','MARKETING','PERSONALIZATION','ANALYTICS')),
        time_sensitive boolean not null default false,
        dependencies jsonb not null default '{}'::jsonb,
        built_in boolean not null default false,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_computed_at timestamptz
      );`);

    this.addSql(`
      create table memberships (
        profile_id uuid not null references profiles(id),
        segment_id uuid not null references segments(id) on delete cascade,
        entered_at timestamptz not null default now(),
        primary key (profile_id, segment_id)
      );`);
    this.addSql(`create index memberships_segment_idx on memberships (segment_id, entered_at, profile_id);`);

    this.addSql(`
      create table membership_changes (
        id bigserial primary key,
        segment_id uuid not null references segments(id) on delete cascade,
        profile_id uuid not null references profiles(id),
        kind text not null check (kind in ('ENTERED','EXITED')),
        at timestamptz not null default now(),
        cause text not null check (cause in ('EVENT','SCHEDULE','DEFINITION','ERASURE','MERGE','SCORING')),
        segment_version integer not null
      );`);
    this.addSql(`create index membership_changes_segment_idx on membership_changes (segment_id, id);`);
    this.addSql(`create index membership_changes_profile_idx on membership_changes (profile_id, id);`);
    this.addSql(`create index membership_changes_at_idx on membership_changes (segment_id, at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists membership_changes, memberships, segments cascade;`);
  }
}
