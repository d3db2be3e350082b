import type { Queryable } from '../db';
import { applyOrderEvent, EMPTY_ORDER, type OrderAction, type OrderEffect, type OrderState } from './order-ledger';
import { LOCK_ORDERS } from './orders.sql';

/** One order event of a batch, with the profile it was resolved to. */
export interface OrderEventInput {
  profileId: string;
  order: OrderAction;
  occurredAt: Date;
  /** The event's `products`, kept on the order when a completion or update revises it. */
  products: unknown;
}

interface StoredOrder {
  profile_id: string;
  order_id: string;
  gross: number;
  refunded: number;
  fully_refunded: boolean;
  cancelled: boolean;
  completed_at: Date | null;
  revised_at: Date | null;
}

const keyOf = (profileId: string, orderId: string) => `${profileId}\u0000${orderId}`;
const cents = (amount: number) => Math.round(amount * 100);

/** Each event's effect on its buyer's counters, and the orders' new states to save (rows for `saveOrdersCte`). */
export interface RecordedOrders {
  effects: OrderEffect[];
  orders: object[];
}

/**
 * Inside the ingest transaction: folds a batch's order events, in arrival order, into the
 * orders they name (locked first) and returns each event's effect on its buyer's counters
 * with the orders' new states, which the caller saves in its own statement. An event
 * naming no order is an order of its own (no state kept).
 */
export async function foldOrderEvents(tx: Queryable, events: readonly OrderEventInput[]): Promise<RecordedOrders> {
  const named = events.filter((e) => e.order.orderId !== null);
  const states = await lockOrders(tx, named);
  const products = new Map<string, unknown>();
  const effects = events.map((e) => {
    const key = e.order.orderId === null ? null : keyOf(e.profileId, e.order.orderId);
    const { order, effect } = applyOrderEvent((key && states.get(key)) || EMPTY_ORDER, e.order, e.occurredAt);
    if (key) {
      // `revisedAt` is this event's own Date when it revised the order (a later completion or update wins).
      if (order.revisedAt === e.occurredAt) products.set(key, e.products ?? null);
      states.set(key, order);
    }
    return effect;
  });
  return { effects, orders: rowsToSave(named, states, products) };
}

async function lockOrders(tx: Queryable, named: readonly OrderEventInput[]): Promise<Map<string, OrderState>> {
  const states = new Map<string, OrderState>();
  if (!named.length) return states;
  const { rows } = await tx.query<StoredOrder>(LOCK_ORDERS, [named.map((e) => e.profileId), named.map((e) => e.order.orderId)], 'ingest-lock-orders');
  for (const r of rows) {
    states.set(keyOf(r.profile_id, r.order_id), {
      grossCents: cents(r.gross),
      refundedCents: cents(r.refunded),
      fullyRefunded: r.fully_refunded,
      cancelled: r.cancelled,
      completedAt: r.completed_at,
      revisedAt: r.revised_at,
    });
  }
  return states;
}

function rowsToSave(named: readonly OrderEventInput[], states: Map<string, OrderState>, products: Map<string, unknown>): object[] {
  const rows = new Map<string, object>();
  for (const { profileId, order } of named) {
    const key = keyOf(profileId, order.orderId!);
    const s = states.get(key)!;
    rows.set(key, {
      profile_id: profileId,
      order_id: order.orderId,
      gross: s.grossCents / 100,
      refunded: s.refundedCents / 100,
      fully_refunded: s.fullyRefunded,
      cancelled: s.cancelled,
      completed_at: s.completedAt?.toISOString() ?? null,
      revised_at: s.revisedAt?.toISOString() ?? null,
      products: products.get(key) ?? null,
    });
  }
  return [...rows.values()];
}
