import { Migration } from '@mikro-orm/migrations';

/**
 * What lets an instance answer a visitor without history from memory
 * (src/recommendations/popular-list-cache.ts):
 * - `recommendation_coverage` says when every visitor's list state was last rebuilt. Since
 *   then a profile with history has a row in `recommendation_lists` (the rebuild wrote it,
 *   or ingest inserted one when it marked a purchase or view), so a profile without one has
 *   no history and its FOR_YOU is the POPULAR fill.
 * - `product_popularity` announces its rewrites on `segmentary_popularity`, so the POPULAR
 *   list kept in memory goes when popularity is recomputed (product writes already say
 *   `{"all": true}` on `segmentary_recommendations`).
 */
export class Migration20261209000001_recommendation_coverage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table recommendation_coverage (
        singleton boolean primary key default true check (singleton),
        lists_rebuilt_at timestamptz not null
      );`);
    for (const [operation, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']]) {
      this.addSql(`
        create trigger product_popularity_${operation}_notify after ${operation} on product_popularity
          referencing ${rows} table as changed_rows for each statement
          execute function segmentary_notify_all('segmentary_popularity');`);
    }
  }

  override async down(): Promise<void> {
    for (const operation of ['insert', 'update', 'delete']) this.addSql(`drop trigger if exists product_popularity_${operation}_notify on product_popularity;`);
    this.addSql(`drop table if exists recommendation_coverage;`);
  }
}
