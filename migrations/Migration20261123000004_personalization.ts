import { Migration } from '@mikro-orm/migrations';

/**
 * Personalization (content items, placements and their ordered rules) and consent
 * (current state per purpose, plus the history of every change).
 */
export class Migration20261123000004_personalization extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table content_items (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        type text not null,
        title text,
        payload jsonb not null default '{}'::jsonb,
        tags text[] not null default '{}',
        locale text,
        active_from timestamptz,
        active_until timestamptz,
        archived_at timestamptz,
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (active_until is null or active_from is null or active_until > active_from)
      );`);
    this.addSql(`create index content_items_tags_idx on content_items using gin (tags);`);

    this.addSql(`
      create table placements (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        description text,
        default_content_id uuid references content_items(id),
        version integer not null default 1,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);

    // A rule targets a stored segment, an inline condition, or (neither) every known profile;
    // it leads to exactly one of a content item or an experiment. Segments in use cannot be deleted.
    this.addSql(`
      create table placement_rules (
        id uuid primary key default gen_random_uuid(),
        placement_id uuid not null references placements(id) on delete cascade,
        position integer not null,
        segment_id uuid references segments(id),
        condition jsonb,
        content_id uuid references content_items(id),
        experiment_key text,
        variant_content jsonb,
        enabled boolean not null default true,
        unique (placement_id, position),
        check (segment_id is null or condition is null),
        check ((content_id is null) <> (experiment_key is null)),
        check (variant_content is null or experiment_key is not null)
      );`);
    this.addSql(`create index placement_rules_segment_idx on placement_rules (segment_id) where segment_id is not null;`);

    this.addSql(`
      create table consents (
        profile_id uuid not null references profiles(id),
        purpose text not null check (purpose in ('analytics','personalization','marketing')),
        granted boolean not null,
        source text not null,
        updated_at timestamptz not null default now(),
        primary key (profile_id, purpose)
      );`);
    this.addSql(`
      create table consent_events (
        id bigserial primary key,
        profile_id uuid not null references profiles(id),
        purpose text not null check (purpose in ('analytics','personalization','marketing')),
        granted boolean not null,
        source text not null,
        at timestamptz not null default now()
      );`);
    this.addSql(`create index consent_events_profile_idx on consent_events (profile_id, id);`);

    // A MARKETING segment's membership changes when consent does; say so in the log.
    this.addSql(`alter table membership_changes drop constraint membership_changes_cause_check;`);
    this.addSql(`
      alter table membership_changes add constraint membership_changes_cause_check
        check (cause in ('EVENT','SCHEDULE','DEFINITION','ERASURE','MERGE','SCORING','CONSENT'));`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from membership_changes where cause = 'CONSENT';`);
    this.addSql(`alter table membership_changes drop constraint membership_changes_cause_check;`);
    this.addSql(`
      alter table membership_changes add constraint membership_changes_cause_check
        check (cause in ('EVENT','SCHEDULE','DEFINITION','ERASURE','MERGE','SCORING'));`);
    this.addSql(`drop table if exists consent_events, consents, placement_rules, placements, content_items cascade;`);
  }
}
