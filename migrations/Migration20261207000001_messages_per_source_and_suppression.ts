import { Migration } from '@mikro-orm/migrations';

/**
 * messageIds are unique per source key (the API key that sent them), as Segment
 * deduplicates per source: a browser's public key can no longer claim an id a backend
 * sends later. The ids live in their own table, which also outlives erasure, so a
 * replay of an erased message is still recognised. Ids recorded before this change are
 * kept under the source key '' and count as seen for every key.
 *
 * Erasure leaves salted hashes of the erased messages' ids (any source replaying one is
 * refused) and, when asked to suppress, of the person's identities (every later event
 * bearing one is refused and counted until an admin lifts it).
 */
export class Migration20261207000001_messages_per_source_and_suppression extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table events add column source_key text not null default '';`);
    this.addSql(`
      create table message_ids (
        source_key text not null,
        message_id text not null,
        seen_at timestamptz not null default now(),
        primary key (source_key, message_id)
      );`);
    this.addSql(`insert into message_ids (source_key, message_id, seen_at) select '', message_id, min(received_at) from events group by message_id;`);
    this.addSql(`drop index if exists events_message_id_idx;`);
    this.addSql(`
      create table erased_messages (
        message_hash text primary key,
        erased_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table suppressions (
        identity_hash text primary key,
        created_at timestamptz not null default now(),
        refused_events bigint not null default 0
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists message_ids, erased_messages, suppressions;`);
    this.addSql(`create unique index events_message_id_idx on events (message_id);`);
    this.addSql(`alter table events drop column source_key;`);
  }
}
