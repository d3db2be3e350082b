import { Migration } from '@mikro-orm/migrations';

/**
 * Commerce semantics of the Segment e-commerce spec (src/commerce/README.md).
 *
 * - `orders`: one row per (profile, order_id), the state the order ledger folds its events
 *   into: gross (the latest completion's amount), refunds, cancelled, when it was completed.
 * - `events.order_id`, `events.order_delta` (+1 when the event made an order count, −1 when it
 *   stopped counting, 0 otherwise), `events.order_gross` (the change of gross revenue) and
 *   `events.revenue`, which now holds the change of NET revenue an order event made (a refund
 *   is negative). Sums of these up to any instant are the stats as of that instant.
 * - `profile_stats.gross_revenue` and `refunds` beside `revenue` (net).
 * - `lifecycle_stage(...)`: the one lifecycle rule, used by ingest and the scoring job.
 *
 * Existing `Order Completed` events are re-read with the new rule: a repeat of an order id
 * already seen (same profile) is an update, not a second order; stats are rebuilt.
 */
export class Migration20261207800001_orders extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table orders (
        profile_id uuid not null references profiles(id) on delete cascade,
        order_id text not null,
        gross numeric(14,2) not null default 0,
        refunded numeric(14,2) not null default 0,
        fully_refunded boolean not null default false,
        cancelled boolean not null default false,
        completed_at timestamptz,
        revised_at timestamptz,
        products jsonb,
        net numeric(14,2) generated always as (
          case when cancelled or fully_refunded then 0
               when completed_at is null then -refunded
               else greatest(gross - refunded, 0) end) stored,
        updated_at timestamptz not null default now(),
        primary key (profile_id, order_id)
      );`);
    this.addSql(`alter table events add column order_id text, add column order_delta smallint, add column order_gross numeric(14,2);`);
    this.addSql(`
      with completions as (
        select id, profile_id, properties->>'order_id' as order_id, revenue,
               lag(revenue) over w as previous, row_number() over w as nth
          from events
         where name = 'Order Completed'
        window w as (partition by profile_id, coalesce(properties->>'order_id', 'event:' || id) order by occurred_at, id)
      )
      update events e
         set order_id = c.order_id,
             order_delta = case when c.nth = 1 then 1 else 0 end,
             order_gross = coalesce(c.revenue, 0) - coalesce(c.previous, 0),
             revenue = coalesce(c.revenue, 0) - coalesce(c.previous, 0)
        from completions c
       where e.id = c.id;`);
    this.addSql(`
      insert into orders (profile_id, order_id, gross, completed_at, revised_at, products)
      select distinct on (profile_id, order_id) profile_id, order_id, coalesce(revenue_at_last, 0), first_at, occurred_at, properties->'products'
        from (select e.*, min(occurred_at) over (partition by profile_id, order_id) as first_at,
                     sum(order_gross) over (partition by profile_id, order_id) as revenue_at_last
                from events e where e.order_id is not null and e.name = 'Order Completed') x
       order by profile_id, order_id, occurred_at desc, id desc;`);
    this.addSql(`alter table profile_stats add column gross_revenue numeric(14,2) not null default 0, add column refunds numeric(14,2) not null default 0;`);
    this.addSql(`
      update profile_stats s
         set orders = coalesce(o.orders, 0), revenue = coalesce(o.net, 0), gross_revenue = coalesce(o.gross, 0), refunds = coalesce(o.gross, 0) - coalesce(o.net, 0),
             first_order_at = o.first_at, last_order_at = o.last_at
        from (select profile_id, sum(order_delta)::int as orders, sum(revenue) as net, sum(order_gross) as gross,
                     min(occurred_at) filter (where order_delta > 0) as first_at, max(occurred_at) filter (where order_delta > 0) as last_at
                from events where order_delta is not null group by profile_id) o
       where o.profile_id = s.profile_id;`);
    this.addSql(`
      create function lifecycle_stage(first_order_at timestamptz, last_order_at timestamptz, previous_order_at timestamptz,
                                      as_of timestamptz, new_days int, active_days int, churn_days int) returns text
      language sql immutable parallel safe as $$
        select case
          when first_order_at is null then null
          when floor(extract(epoch from (as_of - first_order_at)) / 86400) < new_days then 'new'
          when floor(extract(epoch from (as_of - last_order_at)) / 86400) < active_days then
            case when previous_order_at is not null
                  and floor(extract(epoch from (last_order_at - previous_order_at)) / 86400) >= churn_days
                 then 'reactivated' else 'active' end
          when floor(extract(epoch from (as_of - last_order_at)) / 86400) < churn_days then 'silent'
          else 'churned' end
      $$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists lifecycle_stage(timestamptz, timestamptz, timestamptz, timestamptz, int, int, int);`);
    this.addSql(`alter table profile_stats drop column gross_revenue, drop column refunds;`);
    this.addSql(`update events set revenue = order_gross where name = 'Order Completed';`);
    this.addSql(`alter table events drop column order_id, drop column order_delta, drop column order_gross;`);
    this.addSql(`drop table if exists orders;`);
  }
}
