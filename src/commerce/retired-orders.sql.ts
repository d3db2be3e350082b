import { isOrderEventSql } from './order-events';

/**
 * `retired_orders`: the order events of months retention drops, folded per profile and
 * order key into exactly the sums the scoring job takes over events (scoring.sql.ts,
 * CREATE_BUYERS): the order's deltas, its revenue, and the first instant it was placed. An
 * order with events on both sides of the horizon is summed across them, as one group.
 */

/** Folds the order events before `$1` into `retired_orders` (run before those events are dropped). */
export const RETIRE_ORDER_EVENTS = `
  insert into retired_orders as r (profile_id, order_key, delta, revenue, placed_at)
  select e.profile_id, coalesce(e.order_id, 'event:' || e.id), sum(e.order_delta), sum(coalesce(e.revenue, 0)),
         min(e.occurred_at) filter (where e.order_delta > 0)
    from events e
   where ${isOrderEventSql('e')} and e.occurred_at < $1::timestamptz
   group by 1, 2
  on conflict (profile_id, order_key) do update set
    delta = r.delta + excluded.delta, revenue = r.revenue + excluded.revenue, placed_at = least(r.placed_at, excluded.placed_at)`;

/**
 * A merge moves the merged profile's ($2) retired orders to the survivor ($1). An order key
 * both hold is summed, as the scoring job sums the events of both under the survivor.
 */
export const MOVE_RETIRED_ORDERS = `
  with moved as (delete from retired_orders where profile_id = $2 returning *)
  insert into retired_orders as r (profile_id, order_key, delta, revenue, placed_at)
  select $1, order_key, delta, revenue, placed_at from moved
  on conflict (profile_id, order_key) do update set
    delta = r.delta + excluded.delta, revenue = r.revenue + excluded.revenue, placed_at = least(r.placed_at, excluded.placed_at)`;
