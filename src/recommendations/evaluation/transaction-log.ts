import { readCsv, checkTransactionHeader, TransactionMapping, type TransactionColumns } from '../../import';

/** One completed order of a transaction log, as the offline evaluation loads it. */
export interface EvalOrder {
  orderId: string;
  customer: string;
  at: string;
  country: string | null;
  lines: { product_id: string; name: string; price: number; quantity: number }[];
}

export interface TransactionLogStats {
  rows: number;
  rejectedRows: number;
  refunds: number;
}

/**
 * Orders from a transaction CSV (optionally .gz), cleaned by the importer's own mapping
 * (src/import/transactions.mapping.ts), so the evaluation sees exactly what an import
 * would store: guest rows (no customer) and unparseable rows are rejected, charges and
 * fees (POST, M, BANK CHARGES…), zero or negative prices and exact duplicate lines are
 * skipped, and cancellation invoices (C…) are dropped here.
 */
export async function* readOrders(file: string, stats: TransactionLogStats, columns?: Partial<TransactionColumns>): AsyncGenerator<EvalOrder> {
  const mapping = new TransactionMapping({ columns });
  const countries = new Map<string, string>();
  const records = readCsv(file, { bytesRead: 0, totalBytes: 0 }, (header) => checkTransactionHeader(mapping.columns, header));
  const counted = (async function* () {
    for await (const record of records) {
      stats.rows++;
      yield record;
    }
  })();
  for await (const item of mapping.map(counted)) {
    if (item.kind === 'reject') {
      stats.rejectedRows++;
      continue;
    }
    const m = item.message as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (m.type === 'identify') countries.set(String(m.userId), String(m.traits?.country ?? ''));
    else if (m.event === 'Order Refunded') stats.refunds++;
    else if (m.event === 'Order Completed') {
      const customer = String(m.userId);
      yield { orderId: String(m.properties.order_id), customer, at: String(m.timestamp), country: countries.get(customer) || null, lines: m.properties.products };
    }
  }
}
