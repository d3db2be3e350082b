import { ValidationError } from '../common';
import type { OrderAction, OrderEventKind } from './order-ledger';

/** Segment e-commerce spec v2 events that change an order, by name. */
export const ORDER_EVENTS: Readonly<Record<string, OrderEventKind>> = {
  'Order Completed': 'completed',
  'Order Updated': 'updated',
  'Order Refunded': 'refunded',
  'Order Cancelled': 'cancelled',
};
export const ORDER_EVENT_NAMES = Object.keys(ORDER_EVENTS);

const MAX_ORDER_ID_LENGTH = 200;
/** events.revenue and the counters are numeric(14,2). */
const MAX_CENTS = 1e14;

type Properties = Record<string, unknown>;

/**
 * What an order event says, or null for any other event. Refuses, as bad input: a negative
 * order amount (a return is an `Order Refunded`), an update or cancellation that names no
 * order, a refund that names neither an order nor an amount.
 */
export function parseOrderAction(name: string | null, properties: Properties, path: string): OrderAction | null {
  const kind = name === null ? undefined : ORDER_EVENTS[name];
  if (!kind) return null;
  const orderId = parseOrderId(properties.order_id, `${path}.order_id`);
  if (orderId === null && (kind === 'updated' || kind === 'cancelled')) {
    throw new ValidationError(`an ${name} event must name its order (order_id)`, `${path}.order_id`);
  }
  if (kind === 'cancelled') return { kind, orderId, amountCents: null };
  if (kind === 'refunded') {
    const amountCents = refundCents(properties, path);
    if (amountCents === null && orderId === null) {
      throw new ValidationError('an Order Refunded event needs an order_id (a full refund) or an amount (total, revenue or products)', `${path}.order_id`);
    }
    return { kind, orderId, amountCents };
  }
  return { kind, orderId, amountCents: orderCents(properties, path) };
}

/** The order amount in cents as the spec gives it: `revenue`, else `total`, else Σ price × quantity of `products`. */
export function orderCents(properties: Properties, path: string): number {
  const field = properties.revenue !== undefined && properties.revenue !== null ? 'revenue' : 'total';
  const direct = money(properties[field], `${path}.${field}`);
  const amount = direct ?? productsAmount(properties.products, `${path}.products`) ?? 0;
  if (amount < 0) throw new ValidationError('must not be negative: send returns as Order Refunded', direct !== undefined ? `${path}.${field}` : `${path}.products`);
  return toCents(amount, direct !== undefined ? `${path}.${field}` : `${path}.products`);
}

/** A refund's amount (its magnitude: senders write refunds as positive or negative), or null for "the whole order". */
function refundCents(properties: Properties, path: string): number | null {
  const field = ['total', 'revenue'].find((f) => properties[f] !== undefined && properties[f] !== null);
  const direct = field ? money(properties[field], `${path}.${field}`) : undefined;
  const amount = direct ?? productsAmount(properties.products, `${path}.products`);
  if (amount === undefined) return null;
  return toCents(Math.abs(amount), field ? `${path}.${field}` : `${path}.products`);
}

function parseOrderId(value: unknown, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new ValidationError('must be a string', path);
  const id = value.trim();
  if (id.length > MAX_ORDER_ID_LENGTH) throw new ValidationError(`must be at most ${MAX_ORDER_ID_LENGTH} characters`, path);
  return id || null;
}

function productsAmount(products: unknown, path: string): number | undefined {
  if (products === undefined || products === null) return undefined;
  if (!Array.isArray(products)) throw new ValidationError('must be a list', path);
  let sum = 0;
  products.forEach((p, i) => {
    if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new ValidationError('must be a JSON object', `${path}[${i}]`);
    const item = p as Properties;
    const price = money(item.price, `${path}[${i}].price`) ?? 0;
    const quantity = money(item.quantity, `${path}[${i}].quantity`) ?? 1;
    if (price < 0) throw new ValidationError('must not be negative', `${path}[${i}].price`);
    if (quantity < 0) throw new ValidationError('must not be negative', `${path}[${i}].quantity`);
    sum += price * quantity;
  });
  return sum;
}

function money(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) >= 1e12) throw new ValidationError('must be a number', path);
  return n;
}

/** Whole cents; numeric(14,2) holds less than 10^12. */
function toCents(amount: number, path: string): number {
  const cents = Math.round(amount * 100);
  if (Math.abs(cents) >= MAX_CENTS) throw new ValidationError('an order total must be less than 1,000,000,000,000', path);
  return cents;
}

/**
 * SQL condition: `alias` is an order event with an effect on the counters (the name test
 * lets PostgreSQL use the events (profile_id, name, occurred_at) and (name, occurred_at) indexes).
 */
export function isOrderEventSql(alias: string): string {
  return `${alias}.name in (${ORDER_EVENT_NAMES.map((n) => `'${n}'`).join(', ')}) and ${alias}.order_delta is not null`;
}
