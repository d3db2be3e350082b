import { Migration } from '@mikro-orm/migrations';

/** Profiles, identities, events, stats, API keys, merge log. */
export class Migration20261123000001_core extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pgcrypto;`);

    this.addSql(`
      create table profiles (
        id uuid primary key default gen_random_uuid(),
        traits jsonb not null default '{}'::jsonb,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        last_seen_at timestamptz,
        merged_into uuid references profiles(id)
      );`);
    this.addSql(`create index profiles_last_seen_idx on profiles (last_seen_at) where merged_into is null;`);
    this.addSql(`create index profiles_created_idx on profiles (created_at, id) where merged_into is null;`);
    this.addSql(`create index profiles_traits_idx on profiles using gin (traits jsonb_path_ops);`);

    this.addSql(`
      create table identities (
        profile_id uuid not null references profiles(id),
        kind text not null check (kind in ('anonymous_id','user_id','email','phone','device_id')),
        value text not null,
        created_at timestamptz not null default now(),
        primary key (kind, value)
      );`);
    this.addSql(`create index identities_profile_idx on identities (profile_id);`);

    this.addSql(`
      create table events (
        profile_id uuid not null references profiles(id),
        id bigserial,
        message_id text not null,
        type text not null check (type in ('track','identify','page','screen','alias','group')),
        name text,
        properties jsonb not null default '{}'::jsonb,
        revenue numeric(14,2),
        context jsonb not null default '{}'::jsonb,
        extra jsonb,
        occurred_at timestamptz not null,
        received_at timestamptz not null default now(),
        source text not null default 'api',
        primary key (id)
      );`);
    this.addSql(`create unique index events_message_id_idx on events (message_id);`);
    this.addSql(`create index events_profile_name_time_idx on events (profile_id, name, occurred_at);`);
    this.addSql(`create index events_profile_time_idx on events (profile_id, occurred_at desc, id desc);`);
    this.addSql(`create index events_name_time_idx on events (name, occurred_at);`);

    this.addSql(`
      create table profile_stats (
        profile_id uuid primary key references profiles(id),
        orders integer not null default 0,
        revenue numeric(14,2) not null default 0,
        first_order_at timestamptz,
        last_order_at timestamptz,
        first_seen_at timestamptz,
        last_seen_at timestamptz,
        events integer not null default 0,
        rfm_r smallint, rfm_f smallint, rfm_m smallint,
        rfm_segment text,
        lifecycle text,
        value_tier text,
        p_alive double precision,
        churn_risk double precision,
        expected_orders_90d double precision,
        scored_at timestamptz
      );`);

    this.addSql(`
      create table profile_merges (
        id bigserial primary key,
        survivor_id uuid not null references profiles(id),
        merged_id uuid not null references profiles(id),
        identity_kind text not null,
        identity_value text not null,
        message_id text,
        merged_at timestamptz not null default now()
      );`);
    this.addSql(`create index profile_merges_survivor_idx on profile_merges (survivor_id, merged_at);`);
    this.addSql(`create index profile_merges_merged_idx on profile_merges (merged_id);`);

    this.addSql(`
      create table api_keys (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        prefix text not null,
        hash text not null unique,
        scopes text[] not null,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists api_keys, profile_merges, profile_stats, events, identities, profiles cascade;`);
  }
}
