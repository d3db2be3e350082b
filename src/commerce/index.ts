/** Commerce semantics of the Segment e-commerce spec: orders by order_id, updates, refunds and cancellations, and what they do to a buyer's counters. */
export { isOrderEventSql, parseOrderAction } from './order-events';
export { applyOrderEvent, counts, EMPTY_ORDER, grossOf, netOf, orderNetRevenueSql, type OrderAction, type OrderEffect, type OrderState } from './order-ledger';
export { foldOrderEvents } from './order-book';
export { MOVE_ORDERS, saveOrdersCte } from './orders.sql';
export { MOVE_RETIRED_ORDERS, RETIRE_ORDER_EVENTS } from './retired-orders.sql';
