import fs from 'node:fs';
import zlib from 'node:zlib';
import pg from 'pg';
import { parse } from 'csv-parse';
import { NON_PRODUCT_CODES } from '../src/import/transactions.mapping';

/**
 * Checks the commerce counters of an imported transaction log against hand-written SQL over
 * the raw lines. Loads the CSV as it is into a scratch table (`raw_retail_lines`), applies
 * the import's documented mapping rules in SQL — product lines only (no charges, fees or
 * manual adjustments), a positive price, quantities with the invoice's sign, exact repeats
 * of a line within an invoice once — and compares per customer: orders (invoices with a
 * product line), gross (Σ quantity × price of order lines, each invoice rounded to cents),
 * refunds (the same over cancellation invoices) and net = gross − refunds, with
 * profile_stats. Prints the totals, a few customers and every mismatch.
 *
 * Usage: DATABASE_URL=... npx ts-node --transpile-only scripts/retail-commerce-check.ts [file]
 */
const FILE = process.argv[2] ?? '../shared/data/online-retail/online_retail.csv.gz';

const HAND_SQL = `
  with lines as (
    select distinct invoice, trim(stock_code) as stock_code, trim(description) as description, quantity, unit_price, trim(customer_id) as customer
      from raw_retail_lines
     where trim(customer_id) <> '' and trim(stock_code) <> '' and upper(trim(stock_code)) <> all($1::text[])
       and unit_price > 0 and quantity <> 0
       and (case when invoice ilike 'C%' then quantity < 0 else quantity > 0 end)
  ), invoices as (
    select customer, invoice, invoice ilike 'C%' as cancellation, round(sum(abs(quantity) * unit_price), 2) as amount
      from lines group by customer, invoice
  )
  select customer,
         (count(*) filter (where not cancellation))::int as orders,
         coalesce(sum(amount) filter (where not cancellation), 0) as gross,
         coalesce(sum(amount) filter (where cancellation), 0) as refunds
    from invoices group by customer`;

const OURS_SQL = `
  select i.value as customer, s.orders, s.gross_revenue as gross, s.refunds, s.revenue as net
    from identities i join profile_stats s on s.profile_id = i.profile_id
   where i.kind = 'user_id'`;

async function loadRawLines(db: pg.Client, file: string): Promise<number> {
  await db.query(`drop table if exists raw_retail_lines`);
  await db.query(`create table raw_retail_lines (invoice text, stock_code text, description text, quantity numeric, invoice_date text, unit_price numeric, customer_id text, country text)`);
  const rows = fs.createReadStream(file).pipe(zlib.createGunzip()).pipe(parse({ columns: true, relax_column_count: true }));
  let batch: Record<string, string>[] = [];
  let total = 0;
  const flush = async () => {
    const col = (k: string) => batch.map((r) => r[k] ?? '');
    await db.query(
      `insert into raw_retail_lines select * from unnest($1::text[], $2::text[], $3::text[], $4::numeric[], $5::text[], $6::numeric[], $7::text[], $8::text[])`,
      [col('invoice'), col('stock_code'), col('description'), col('quantity'), col('invoice_date'), col('unit_price'), col('customer_id'), col('country')],
    );
    total += batch.length;
    batch = [];
  };
  for await (const r of rows) {
    batch.push(r);
    if (batch.length === 20_000) await flush();
  }
  if (batch.length) await flush();
  return total;
}

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

async function main() {
  const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  console.log(`raw lines loaded: ${(await loadRawLines(db, FILE)).toLocaleString('en-US')}`);
  const hand = new Map((await db.query(HAND_SQL, [[...NON_PRODUCT_CODES]])).rows.map((r) => [r.customer, r]));
  const ours = new Map((await db.query(OURS_SQL)).rows.map((r) => [r.customer, r]));

  const mismatches: string[] = [];
  const totals = { hand: { orders: 0, gross: 0, refunds: 0 }, ours: { orders: 0, gross: 0, refunds: 0, net: 0 } };
  for (const customer of new Set([...hand.keys(), ...ours.keys()])) {
    const h = hand.get(customer) ?? { orders: 0, gross: 0, refunds: 0 };
    const o = ours.get(customer) ?? { orders: 0, gross: 0, refunds: 0, net: 0 };
    totals.hand.orders += h.orders;
    totals.hand.gross += Number(h.gross);
    totals.hand.refunds += Number(h.refunds);
    totals.ours.orders += o.orders;
    totals.ours.gross += Number(o.gross);
    totals.ours.refunds += Number(o.refunds);
    totals.ours.net += Number(o.net);
    const handNet = Math.round((Number(h.gross) - Number(h.refunds)) * 100);
    if (h.orders !== o.orders || handNet !== Math.round(Number(o.net) * 100) || Math.round(Number(h.gross) * 100) !== Math.round(Number(o.gross) * 100)) {
      mismatches.push(`| ${customer} | ${h.orders} / ${o.orders} | ${money(Number(h.gross))} / ${money(Number(o.gross))} | ${money(handNet / 100)} / ${money(Number(o.net))} |`);
    }
  }
  const handNet = totals.hand.gross - totals.hand.refunds;
  console.log(`\ncustomers: hand-written SQL ${hand.size.toLocaleString('en-US')}, profiles with a userId ${ours.size.toLocaleString('en-US')}`);
  console.log('\n| | orders | gross | refunds | net |\n|---|---|---|---|---|');
  console.log(`| hand-written SQL over the raw lines | ${totals.hand.orders.toLocaleString('en-US')} | ${money(totals.hand.gross)} | ${money(totals.hand.refunds)} | ${money(handNet)} |`);
  console.log(`| profile_stats | ${totals.ours.orders.toLocaleString('en-US')} | ${money(totals.ours.gross)} | ${money(totals.ours.refunds)} | ${money(totals.ours.net)} |`);

  const sample = ['12346', '12347', '12748', '14646', '17841', '17850', '18102'].filter((c) => hand.has(c) || ours.has(c));
  console.log('\n| customer | orders (SQL / ours) | gross (SQL / ours) | refunds (SQL / ours) | net (SQL / ours) |\n|---|---|---|---|---|');
  for (const c of sample) {
    const h = hand.get(c) ?? { orders: 0, gross: 0, refunds: 0 };
    const o = ours.get(c) ?? { orders: 0, gross: 0, refunds: 0, net: 0 };
    console.log(`| ${c} | ${h.orders} / ${o.orders} | ${money(Number(h.gross))} / ${money(Number(o.gross))} | ${money(Number(h.refunds))} / ${money(Number(o.refunds))} | ${money(Number(h.gross) - Number(h.refunds))} / ${money(Number(o.net))} |`);
  }
  const refundsMatched = await db.query(`
    select (count(*) filter (where order_id not ilike 'C%'))::int as matched, (count(*) filter (where order_id ilike 'C%'))::int as unmatched
      from events where name = 'Order Refunded'`);
  console.log(`\nOrder Refunded events: ${refundsMatched.rows[0].matched.toLocaleString('en-US')} name the order they cancel, ${refundsMatched.rows[0].unmatched.toLocaleString('en-US')} are attributed to the customer`);
  console.log(`customers whose orders, gross or net differ: ${mismatches.length}`);
  if (mismatches.length) console.log(`\n| customer | orders | gross | net |\n|---|---|---|---|\n${mismatches.slice(0, 50).join('\n')}`);
  await db.end();
  process.exitCode = mismatches.length ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
