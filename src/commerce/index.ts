/** Commerce semantics of the Segment e-commerce spec: orders by order_id, updates, refunds and cancellations, and what they do to a buyer's counters. */
export { isOrderEventSql, ORDER_EVENT_NAMES, ORDER_EVENTS, orderCents, parseOrderAction } from './order-events';
export { applyOrderEvent, counts, EMPTY_ORDER, grossOf, netOf, ORDER_EVENT_KINDS, type OrderAction, type OrderEffect, type OrderEventKind, type OrderState } from './order-ledger';
export { foldOrderEvents, type OrderEventInput, type RecordedOrders } from './order-book';
export { DROP_MERGED_ORDERS, MOVE_ORDERS, saveOrdersCte } from './orders.sql';
