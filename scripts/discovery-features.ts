/**
 * Writes the buyer features discoverSegments clusters on, standardized, with the project's
 * k-means labels, for an independent check (e.g. scikit-learn's KMeans and silhouette_score):
 * from a transaction log like ../shared/data/online-retail (invoice, stock_code, description,
 * quantity, invoice_date, unit_price, customer_id, country; gzipped CSV), as of its last
 * invoice. An order is an invoice not starting with C (C: a cancellation, whose negative lines
 * reduce net revenue). Nothing is written to a database.
 *
 *   npx ts-node --transpile-only scripts/discovery-features.ts <online_retail.csv.gz> <out.csv> [k]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { bestKMeans, silhouette, standardization, standardize } from '../src/discovery/clustering';
import { clusteringVector } from '../src/discovery/clustering-features';

const DAY = 86_400_000;

interface Customer {
  invoices: Set<string>;
  revenue: number;
  first: number;
  last: number;
}

function main(): void {
  const [input, output, kText = '4'] = process.argv.slice(2);
  if (!input || !output) throw new Error('usage: discovery-features.ts <online_retail.csv.gz> <out.csv> [k]');
  const lines = gunzipSync(readFileSync(input)).toString('utf8').split(/\r?\n/).slice(1);
  const customers = new Map<string, Customer>();
  let asOf = 0;
  for (const line of lines) {
    // Descriptions may hold commas inside quotes: read the fixed fields from both ends.
    const fields = line.split(',');
    if (fields.length < 8) continue;
    const [invoice] = fields;
    const [quantity, date, price, customerId] = fields.slice(-5, -1);
    if (!customerId) continue;
    const at = Date.parse(`${date}Z`);
    asOf = Math.max(asOf, at);
    const c = customers.get(customerId) ?? { invoices: new Set<string>(), revenue: 0, first: Infinity, last: -Infinity };
    c.revenue += Number(quantity) * Number(price);
    if (!invoice.startsWith('C')) {
      c.invoices.add(invoice);
      c.first = Math.min(c.first, at);
      c.last = Math.max(c.last, at);
    }
    customers.set(customerId, c);
  }
  // The stats a `stat` leaf compares: recency_days, orders, revenue, tenure_days, avg_order_value.
  const buyers = [...customers.values()].filter((c) => c.invoices.size > 0);
  const raw = buyers.map((c) => [Math.floor((asOf - c.last) / DAY), c.invoices.size, c.revenue, Math.floor((asOf - c.first) / DAY), c.revenue / c.invoices.size]);
  const points = standardize(raw.map(clusteringVector), standardization(raw.map(clusteringVector)));
  const k = Number(kText);
  const clustering = bestKMeans(points, k, 42);
  console.log(`${buyers.length} buyers as of ${new Date(asOf).toISOString()}; k = ${k}; inertia ${clustering.inertia.toFixed(2)}; silhouette ${silhouette(points, clustering.labels, k).toFixed(4)}`);
  writeFileSync(output, ['z_recency,z_frequency,z_monetary,z_tenure,z_aov,label', ...points.map((p, i) => [...p.map((v) => v.toFixed(10)), clustering.labels[i]].join(','))].join('\n') + '\n');
}

main();
