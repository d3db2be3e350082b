/** The orders a batch names, locked until the ingest transaction ends ($1 profile ids, $2 order ids, in pairs). */
export const LOCK_ORDERS = `
  select o.profile_id, o.order_id, o.gross, o.refunded, o.fully_refunded, o.cancelled, o.completed_at, o.revised_at
    from orders o
    join unnest($1::uuid[], $2::text[]) as k(profile_id, order_id) using (profile_id, order_id)
   order by o.profile_id, o.order_id
     for update of o`;

/**
 * The orders' states after the batch (the ledger computed them under LOCK_ORDERS), as a
 * data-modifying CTE the ingest statement runs beside storing the events (one round trip
 * fewer per batch); `param` is a jsonb array. Products only when a completion or update
 * revised them.
 */
export function saveOrdersCte(param: string): string {
  return `
  insert into orders as o (profile_id, order_id, gross, refunded, fully_refunded, cancelled, completed_at, revised_at, products)
  select profile_id, order_id, gross, refunded, fully_refunded, cancelled, completed_at, revised_at, products
    from jsonb_to_recordset(${param}::jsonb) as x(profile_id uuid, order_id text, gross numeric, refunded numeric, fully_refunded boolean,
                                            cancelled boolean, completed_at timestamptz, revised_at timestamptz, products jsonb)
  on conflict (profile_id, order_id) do update set
    gross = excluded.gross, refunded = excluded.refunded, fully_refunded = excluded.fully_refunded, cancelled = excluded.cancelled,
    completed_at = excluded.completed_at, revised_at = excluded.revised_at,
    products = coalesce(excluded.products, o.products), updated_at = now()`;
}

/**
 * A merge moves the merged profile's ($2) orders to the survivor ($1). An order id both hold
 * keeps the survivor's row (the same order sent under two identities before they were linked).
 */
export const MOVE_ORDERS = `
  with moved as (delete from orders where profile_id = $2 returning *)
  insert into orders (profile_id, order_id, gross, refunded, fully_refunded, cancelled, completed_at, revised_at, products, updated_at)
  select $1, order_id, gross, refunded, fully_refunded, cancelled, completed_at, revised_at, products, updated_at from moved
  on conflict (profile_id, order_id) do nothing`;
