/**
 * The order ledger: how the Segment e-commerce events change an order, and what each
 * change does to a buyer's counters. Pure: the ingest transaction loads the orders a batch
 * names (locked), folds the batch's order events through `applyOrderEvent` in arrival
 * order, stores the final states and, on each event, its effect. Sums of the effects up to
 * any instant are the stats as of that instant, so the counters, merges, point-in-time
 * segments and scoring all add the same numbers.
 *
 * Amounts are whole cents (no floating-point drift over many refunds).
 */

export const ORDER_EVENT_KINDS = ['completed', 'updated', 'refunded', 'cancelled'] as const;
export type OrderEventKind = (typeof ORDER_EVENT_KINDS)[number];

/** What an order event says, after validation (order-events.ts). */
export interface OrderAction {
  kind: OrderEventKind;
  /** `properties.order_id`; null when the sender gave none (then nothing can refer to the order later). */
  orderId: string | null;
  /** Completed / updated: the order's gross in cents. Refunded: the amount refunded, or null for the whole order. */
  amountCents: number | null;
}

export interface OrderState {
  grossCents: number;
  refundedCents: number;
  fullyRefunded: boolean;
  cancelled: boolean;
  /** When it was first completed; null while only updates, refunds or a cancellation are known. */
  completedAt: Date | null;
  /** The time of the completion or update its gross comes from (a later one wins). */
  revisedAt: Date | null;
}

/** What one event did to its buyer's counters. */
export interface OrderEffect {
  /** Change of net revenue, cents (negative for refunds). */
  netCents: number;
  /** Change of gross revenue, cents. */
  grossCents: number;
  /** +1 when the order started counting as an order, −1 when it stopped, else 0. */
  orders: -1 | 0 | 1;
}

export const EMPTY_ORDER: OrderState = { grossCents: 0, refundedCents: 0, fullyRefunded: false, cancelled: false, completedAt: null, revisedAt: null };

/** An order counts once it is completed, until it is cancelled (a refunded order was still placed). */
export function counts(order: OrderState): boolean {
  return order.completedAt !== null && !order.cancelled;
}

/** Gross revenue an order contributes: its amount while it counts. */
export function grossOf(order: OrderState): number {
  return counts(order) ? order.grossCents : 0;
}

/**
 * Net revenue an order contributes: nothing once cancelled or refunded in full; gross less
 * refunds, never below zero, for a completed order; and for an order never seen completed
 * (a refund of an order placed before the history began) the refund itself, attributed to
 * the buyer.
 */
export function netOf(order: OrderState): number {
  if (order.cancelled || order.fullyRefunded) return 0;
  if (order.completedAt === null) return -order.refundedCents;
  return Math.max(order.grossCents - order.refundedCents, 0);
}

/** netOf over an `orders` row aliased `o`, for statements that sum net revenue (experiment metrics); test/commerce checks they agree. */
export function orderNetRevenueSql(o: string): string {
  return `case when ${o}.cancelled or ${o}.fully_refunded then 0 when ${o}.completed_at is null then -${o}.refunded else greatest(${o}.gross - ${o}.refunded, 0) end`;
}

export function applyOrderEvent(order: OrderState, action: OrderAction, at: Date): { order: OrderState; effect: OrderEffect } {
  const next = { ...order };
  switch (action.kind) {
    case 'completed':
    case 'updated':
      if (action.kind === 'completed' && next.completedAt === null) next.completedAt = at;
      if (next.revisedAt === null || at >= next.revisedAt) {
        next.grossCents = action.amountCents ?? 0;
        next.revisedAt = at;
      }
      break;
    case 'refunded':
      if (action.amountCents === null) next.fullyRefunded = true;
      else next.refundedCents += action.amountCents;
      break;
    case 'cancelled':
      next.cancelled = true;
      break;
  }
  return { order: next, effect: effectOf(order, next) };
}

function effectOf(before: OrderState, after: OrderState): OrderEffect {
  return {
    netCents: netOf(after) - netOf(before),
    grossCents: grossOf(after) - grossOf(before),
    orders: ((counts(after) ? 1 : 0) - (counts(before) ? 1 : 0)) as OrderEffect['orders'],
  };
}
