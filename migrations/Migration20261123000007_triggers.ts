import { Migration } from '@mikro-orm/migrations';

/**
 * Behaviour triggers (abandoned cart, birthday, repurchase reminder) and the webhooks
 * that receive them. `trigger_occurrences` is the source of truth: a unique dedupe key
 * makes each occurrence fire once, whatever the number of scans or restarts.
 */
export class Migration20261123000007_triggers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table trigger_occurrences (
        id bigserial primary key,
        kind text not null check (kind in ('abandoned_cart','birthday','repurchase')),
        profile_id uuid not null references profiles(id),
        dedupe_key text not null unique,
        payload jsonb not null default '{}'::jsonb,
        occurred_at timestamptz not null
      );`);
    this.addSql(`create index trigger_occurrences_kind_idx on trigger_occurrences (kind, id);`);
    // Replay by profile, and the scan's "already fired since ..." checks.
    this.addSql(`create index trigger_occurrences_profile_idx on trigger_occurrences (profile_id, kind, occurred_at);`);

    // The birthday scan looks profiles up by the month-day of their trait (same expression as triggers.sql.ts).
    this.addSql(`
      create index profiles_birthday_month_day_idx
          on profiles ((substring(traits->>'birthday' from '^(?:[0-9]{4}-)?([0-9]{2}-[0-9]{2})$')))
       where traits ? 'birthday' and merged_into is null;`);

    this.addSql(`
      create table webhooks (
        id uuid primary key default gen_random_uuid(),
        url text not null,
        secret text not null,
        kinds text[] not null,
        active boolean not null default true,
        created_at timestamptz not null default now()
      );`);

    this.addSql(`
      create table webhook_deliveries (
        id bigserial primary key,
        webhook_id uuid not null references webhooks(id) on delete cascade,
        occurrence_id bigint not null references trigger_occurrences(id) on delete cascade,
        attempt integer not null default 0,
        status text not null default 'pending' check (status in ('pending','delivered','failed')),
        response_status integer,
        error text,
        created_at timestamptz not null default now(),
        last_attempt_at timestamptz,
        next_attempt_at timestamptz,
        delivered_at timestamptz,
        unique (webhook_id, occurrence_id)
      );`);
    this.addSql(`create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at, id) where status = 'pending';`);
    this.addSql(`create index webhook_deliveries_webhook_idx on webhook_deliveries (webhook_id, id);`);
    this.addSql(`create index webhook_deliveries_occurrence_idx on webhook_deliveries (occurrence_id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists webhook_deliveries, webhooks, trigger_occurrences cascade;`);
    this.addSql(`drop index if exists profiles_birthday_month_day_idx;`);
  }
}
