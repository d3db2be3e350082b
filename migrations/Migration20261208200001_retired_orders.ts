import { Migration } from '@mikro-orm/migrations';

/**
 * `retired_orders`: what the scoring job needs of the order events in months retention
 * dropped (src/event-partitions). One row per profile and order key, with the same sums the
 * scoring job takes over events (order_delta, revenue) and the first instant the order was
 * placed, so RFM, lifecycle and BG/NBD score the whole history after a drop.
 */
export class Migration20261208200001_retired_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table retired_orders (
        profile_id uuid not null references profiles(id) on delete cascade,
        order_key text not null,
        delta int not null,
        revenue numeric(14,2) not null default 0,
        placed_at timestamptz,
        primary key (profile_id, order_key)
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists retired_orders;`);
  }
}
