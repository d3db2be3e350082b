import { Migration } from '@mikro-orm/migrations';

/**
 * Per-visitor FOR_YOU candidate lists, kept as Gorse keeps its recommendation cache:
 * the refresh job writes every visitor's ranked candidates set-based, ingest marks the
 * visitors whose purchases or views changed, and a worker recomputes those shortly after.
 *
 * - `recommendation_lists`: one row per visitor whose list was computed or is due.
 *   `version` is bumped by ingest in the same transaction as the purchase or view, and
 *   `stale` stays true until a recompute that started from that version commits; a
 *   stale or missing row sends the request to the live query, so a cached answer is
 *   never older than the visitor's own history. `complete`: the list holds every
 *   candidate (so a short list is the whole answer, not a cut-off).
 * - `user_recommendations`: the ranked candidates, what the live FOR_YOU query would
 *   return with `excludePurchased` (inactive products are filtered when read).
 *
 * Both are per-profile tables (profile_id first, no foreign key: a derived cache):
 * erasure finds them by their `profile_id` column; merges drop the merged profile's
 * list and mark the survivor's stale.
 */
export class Migration20261207700001_user_recommendations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table recommendation_lists (
        profile_id uuid primary key,
        version bigint not null default 1,
        stale boolean not null default true,
        has_seeds boolean not null default false,
        complete boolean not null default false,
        computed_at timestamptz
      );`);
    this.addSql(`create index recommendation_lists_stale_idx on recommendation_lists (profile_id) where stale;`);
    this.addSql(`
      create table user_recommendations (
        profile_id uuid not null,
        rank integer not null,
        product_id text not null,
        score double precision not null,
        because_product_id text,
        because_viewed boolean not null,
        seeds integer not null,
        primary key (profile_id, rank)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists user_recommendations, recommendation_lists;`);
  }
}
