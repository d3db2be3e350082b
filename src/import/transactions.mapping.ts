import { ImportFileError, type CsvRecord, type ImportItem, type MappingReport, type SegmentMessage } from './import.types';
import { parseTimestamp } from './timestamps';

/** Which CSV column holds each field of an order line. */
export interface TransactionColumns {
  order: string;
  customer: string;
  product: string;
  quantity: string;
  price: string;
  time: string;
  name: string;
  country: string;
}

/** Column names of the UCI "Online Retail" log as shipped in ../shared/data. */
export const DEFAULT_TRANSACTION_COLUMNS: TransactionColumns = {
  order: 'invoice',
  customer: 'customer_id',
  product: 'stock_code',
  quantity: 'quantity',
  price: 'unit_price',
  time: 'invoice_date',
  name: 'description',
  country: 'country',
};

/** Stock codes that are charges, fees or adjustments rather than goods. */
export const NON_PRODUCT_CODES = new Set(['POST', 'M', 'D', 'BANK CHARGES', 'DOT', 'AMAZONFEE', 'CRUK', 'PADS', 'S', 'B', 'C2']);

export interface TransactionOptions {
  columns?: Partial<TransactionColumns>;
  currency?: string;
  /** How many orders stay open for late rows before the oldest is emitted (default 8). */
  openOrders?: number;
}

interface OrderLine {
  product_id: string;
  name: string;
  price: number;
  quantity: number;
}

interface OrderGroup {
  orderId: string;
  customer: string;
  country: string;
  timestamp: string;
  firstRow: number;
  lines: OrderLine[];
  lineKeys: Set<string>;
}

/** Fails on a header that lacks a mapped column, before any row is read. */
export function checkTransactionHeader(columns: TransactionColumns, header: string[]): void {
  const required: (keyof TransactionColumns)[] = ['order', 'customer', 'product', 'quantity', 'price', 'time'];
  const missing = required.map((k) => columns[k]).filter((c) => !header.includes(c));
  if (missing.length) {
    throw new ImportFileError(`the CSV has no column ${missing.map((m) => JSON.stringify(m)).join(', ')} (it has ${header.join(', ')}); name the columns with --order, --customer, --product, --quantity, --price, --time`);
  }
}

/**
 * Transaction log (one row per order line) → one `Order Completed` per order, refunds for a
 * cancellation invoice (`C…`), plus one `identify` per customer carrying the country.
 * A cancellation line refunds the customer's most recent earlier order holding the same
 * product at the same price with enough quantity not yet refunded (`PurchasedLines`): one
 * `Order Refunded` per order it refunds, naming that order; lines no order matches form
 * one `Order Refunded` under the cancellation's own number, attributed to the customer
 * (the order it cancels predates the log). Rows of an order are (nearly) contiguous in such
 * logs, so only the last few orders are held open: a row may come back to an order a
 * few rows after another began (a cancellation keyed in mid-invoice), but memory stays
 * bounded. MessageIds derive from the order and customer ids, so a re-import is a no-op.
 */
export class TransactionMapping {
  readonly columns: TransactionColumns;
  private readonly report: MappingReport = { details: {}, notes: [] };
  private readonly customers = new Set<string>();
  private readonly finished = new Set<string>();
  private readonly purchased = new PurchasedLines();
  /** Orders still accepting rows, oldest first (a Map keeps insertion order). */
  private readonly open = new Map<string, OrderGroup>();
  private readonly openLimit: number;
  private assumedUtc = false;

  constructor(private readonly options: TransactionOptions = {}) {
    this.columns = { ...DEFAULT_TRANSACTION_COLUMNS, ...options.columns };
    this.openLimit = Math.max(1, options.openOrders ?? 8);
  }

  async *map(records: AsyncIterable<CsvRecord>): AsyncGenerator<ImportItem> {
    for await (const record of records) yield* this.accept(record);
    while (this.open.size) yield* this.flushOldest();
  }

  summary(): MappingReport {
    const { details, notes } = this.report;
    const extra = [
      'revenue = Σ quantity × unit price over product lines (charges, fees and zero/negative prices excluded), rounded to cents',
      'cancellation invoices (C…) become Order Refunded events (total = the positive amount refunded): of the orders they cancel when an earlier order of the customer holds the product at that price, else under their own number, attributed to the customer',
    ];
    if (this.assumedUtc) extra.unshift('timestamps without an offset were read as UTC');
    return { details: { ...details, customers: this.customers.size }, notes: [...extra, ...notes] };
  }

  private count(key: string, n = 1): void {
    this.report.details[key] = (this.report.details[key] ?? 0) + n;
  }

  private *accept({ row, values }: CsvRecord): Generator<ImportItem> {
    const c = this.columns;
    const orderId = (values[c.order] ?? '').trim();
    if (!orderId) return yield { kind: 'reject', row, reason: 'no order id' };
    const customer = (values[c.customer] ?? '').trim();
    if (!customer) return yield { kind: 'reject', row, reason: 'no customer id' };
    let order = this.open.get(orderId);
    if (!order) {
      const opened = this.openOrder(orderId, customer, row, values);
      if ('reason' in opened) return yield { kind: 'reject', row, ...opened };
      order = opened;
      if (this.open.size > this.openLimit) yield* this.flushOldest();
    }
    if (order.customer !== customer) {
      return yield { kind: 'reject', row, reason: `customer ${customer} differs from ${order.customer} on earlier rows of order ${orderId}`, category: 'customer differs within an order' };
    }
    const problem = this.addLine(order, values);
    if (problem) yield { kind: 'reject', row, ...problem };
  }

  /** Starts an order at its first usable row, which gives its time and country. */
  private openOrder(orderId: string, customer: string, row: number, values: Record<string, string>): OrderGroup | { reason: string; category: string } {
    const c = this.columns;
    if (this.finished.has(orderId)) {
      return { reason: `order ${orderId} appeared earlier in the file, too far back to rejoin; keep the rows of an order together`, category: 'order rows not contiguous' };
    }
    const timestamp = parseTimestamp(values[c.time]);
    if (!timestamp) return { reason: `unparseable ${c.time} ${JSON.stringify(values[c.time] ?? '')} (expected ISO 8601)`, category: `bad ${c.time}` };
    this.assumedUtc ||= timestamp.assumedUtc;
    const order: OrderGroup = { orderId, customer, country: (values[c.country] ?? '').trim(), timestamp: timestamp.iso, firstRow: row, lines: [], lineKeys: new Set<string>() };
    this.open.set(orderId, order);
    return order;
  }

  /** Adds a product line, or counts why it is skipped; returns a problem that rejects the row. */
  private addLine(order: OrderGroup, values: Record<string, string>): { reason: string; category: string } | null {
    const c = this.columns;
    const quantity = Number((values[c.quantity] ?? '').trim());
    const price = Number((values[c.price] ?? '').trim());
    if (!Number.isFinite(quantity) || !(values[c.quantity] ?? '').trim()) return { reason: `${c.quantity} is not a number: ${JSON.stringify(values[c.quantity] ?? '')}`, category: `bad ${c.quantity}` };
    if (!Number.isFinite(price) || !(values[c.price] ?? '').trim()) return { reason: `${c.price} is not a number: ${JSON.stringify(values[c.price] ?? '')}`, category: `bad ${c.price}` };
    const productId = (values[c.product] ?? '').trim();
    const skip = skipReason(productId, quantity, price, isRefund(order.orderId));
    if (skip) {
      this.count(`skipped lines: ${skip}`);
      return null;
    }
    // Exact repeats of a line within one invoice are a known artefact of such logs (double-recorded rows).
    const key = [productId, quantity, price, values[c.name] ?? ''].join('\u0000');
    if (order.lineKeys.has(key)) {
      this.count('skipped lines: exact duplicate');
      return null;
    }
    order.lineKeys.add(key);
    order.lines.push({ product_id: productId, name: (values[c.name] ?? '').trim(), price, quantity: Math.abs(quantity) });
    return null;
  }

  private *flushOldest(): Generator<ImportItem> {
    const [orderId, order] = this.open.entries().next().value as [string, OrderGroup];
    this.open.delete(orderId);
    this.finished.add(orderId);
    if (!order.lines.length) return this.count('orders with no product lines (not imported)');
    if (!this.customers.has(order.customer)) {
      this.customers.add(order.customer);
      if (order.country) yield { kind: 'event', row: order.firstRow, label: `customer ${order.customer}`, message: identifyMessage(order) };
    }
    const currency = this.options.currency ?? 'GBP';
    if (!isRefund(order.orderId)) {
      this.count('orders');
      this.purchased.add(order);
      return yield { kind: 'event', row: order.firstRow, label: `order ${order.orderId}`, message: orderMessage(order, currency) };
    }
    this.count('refunds');
    for (const [refunded, lines] of this.purchased.match(order)) {
      this.count(refunded === null ? 'refund lines not matched to an order (attributed to the customer)' : 'refund lines matched to the order they cancel', lines.length);
      yield { kind: 'event', row: order.firstRow, label: `refund ${order.orderId}`, message: refundMessage(order, refunded, lines, currency) };
    }
  }
}

/** Why an order line does not become a product, if it does not: charges, free lines, sign mismatches. */
function skipReason(productId: string, quantity: number, price: number, refund: boolean): string | null {
  if (!productId) return 'no product code';
  if (NON_PRODUCT_CODES.has(productId.toUpperCase())) return 'non-product code';
  if (price <= 0) return 'zero or negative price';
  if (quantity === 0) return 'zero quantity';
  if (refund && quantity > 0) return 'positive quantity on a cancellation';
  if (!refund && quantity < 0) return 'negative quantity on an order';
  return null;
}

function isRefund(orderId: string): boolean {
  return /^c/i.test(orderId);
}

const amountOf = (lines: OrderLine[]) => Math.round(lines.reduce((sum, l) => sum + l.quantity * l.price, 0) * 100) / 100;

function orderMessage(order: OrderGroup, currency: string): SegmentMessage {
  return {
    type: 'track',
    event: 'Order Completed',
    userId: order.customer,
    messageId: `import-order-${order.orderId}`,
    timestamp: order.timestamp,
    properties: { order_id: order.orderId, products: order.lines, revenue: amountOf(order.lines), currency },
    context: { source: 'import' },
  };
}

/** A refund of `refunded` (null: no order of the log matched) by cancellation invoice `cancellation`. */
function refundMessage(cancellation: OrderGroup, refunded: string | null, lines: OrderLine[], currency: string): SegmentMessage {
  return {
    type: 'track',
    event: 'Order Refunded',
    userId: cancellation.customer,
    messageId: refunded === null ? `import-order-${cancellation.orderId}` : `import-refund-${cancellation.orderId}-${refunded}`,
    timestamp: cancellation.timestamp,
    properties: { order_id: refunded ?? cancellation.orderId, cancellation_invoice: cancellation.orderId, products: lines, total: amountOf(lines), currency },
    context: { source: 'import' },
  };
}

/**
 * Per customer, the lines of their orders so far with the quantity not yet refunded, so a
 * cancellation line finds the order it cancels: the most recent one holding the same
 * product at the same unit price with at least the cancelled quantity left.
 */
class PurchasedLines {
  private readonly byCustomer = new Map<string, Map<string, { orderId: string; left: number }[]>>();

  add(order: OrderGroup): void {
    const lines = this.byCustomer.get(order.customer) ?? new Map<string, { orderId: string; left: number }[]>();
    this.byCustomer.set(order.customer, lines);
    for (const l of order.lines) {
      const key = `${l.product_id}\u0000${l.price}`;
      const held = lines.get(key);
      if (held) held.push({ orderId: order.orderId, left: l.quantity });
      else lines.set(key, [{ orderId: order.orderId, left: l.quantity }]);
    }
  }

  /** The cancellation's lines grouped by the order each refunds (null: none matched), matched orders first in the order met. */
  match(cancellation: OrderGroup): Map<string | null, OrderLine[]> {
    const groups = new Map<string | null, OrderLine[]>();
    const lines = this.byCustomer.get(cancellation.customer);
    for (const line of cancellation.lines) {
      const candidates = lines?.get(`${line.product_id}\u0000${line.price}`) ?? [];
      let hit: { orderId: string; left: number } | null = null;
      for (let i = candidates.length - 1; i >= 0 && !hit; i--) if (candidates[i].left >= line.quantity) hit = candidates[i];
      if (hit) hit.left -= line.quantity;
      const key = hit?.orderId ?? null;
      const group = groups.get(key);
      if (group) group.push(line);
      else groups.set(key, [line]);
    }
    const unmatched = groups.get(null);
    groups.delete(null);
    if (unmatched) groups.set(null, unmatched);
    return groups;
  }
}

function identifyMessage(order: OrderGroup): SegmentMessage {
  return {
    type: 'identify',
    userId: order.customer,
    messageId: `import-identify-${order.customer}`,
    timestamp: order.timestamp,
    traits: { country: order.country },
    context: { source: 'import' },
  };
}
