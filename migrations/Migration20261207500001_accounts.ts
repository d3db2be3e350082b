import { Migration } from '@mikro-orm/migrations';

/**
 * Segment `group` calls name an account (a company, a team): `accounts` holds each one
 * by its group id with its own traits, and `profile_accounts` links people to the
 * accounts they were seen in (a group call, or `context.groupId` on any event).
 * `profile_accounts` is a per-profile table (profile_id first): merges move its rows,
 * erasure deletes them; accounts themselves are not personal data and stay.
 */
export class Migration20261207500001_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table accounts (
        id uuid primary key default gen_random_uuid(),
        group_id text not null unique,
        traits jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`create index accounts_traits_idx on accounts using gin (traits jsonb_path_ops);`);
    this.addSql(`
      create table profile_accounts (
        profile_id uuid not null references profiles(id),
        account_id uuid not null references accounts(id),
        first_seen_at timestamptz not null,
        last_seen_at timestamptz not null,
        primary key (profile_id, account_id)
      );`);
    // An account's members in the order they joined (Account.members, and real time after a group call).
    this.addSql(`create index profile_accounts_members_idx on profile_accounts (account_id, first_seen_at, profile_id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists profile_accounts, accounts;`);
  }
}
