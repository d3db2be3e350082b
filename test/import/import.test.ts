import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Database } from '../../src/db/database';
import { ImportService } from '../../src/import/import.service';
import { ImportFileError } from '../../src/import/import.types';
import { TransactionMapping } from '../../src/import/transactions.mapping';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
let db: Database;
let importer: ImportService;
let dir: string;

beforeAll(async () => {
  t = await startTestApp();
  db = t.db;
  importer = new ImportService(t.app.services.ingest, t.config.ingest);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-import-'));
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEADER = 'invoice,stock_code,description,quantity,invoice_date,unit_price,customer_id,country';

function write(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  const text = lines.join('\n') + '\n';
  fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync(text) : text);
  return file;
}

async function* asAsync<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

async function statsOf(userId: string) {
  const { rows } = await db.query(
    `select s.orders, s.revenue, s.events, p.traits from identities i
       join profiles p on p.id = i.profile_id left join profile_stats s on s.profile_id = p.id
      where i.kind = 'user_id' and i.value = $1`,
    [userId],
  );
  return rows[0];
}

async function eventsOf(userId: string, name: string) {
  const { rows } = await db.query(
    `select e.message_id, e.properties, e.occurred_at from events e join identities i on i.profile_id = e.profile_id
      where i.kind = 'user_id' and i.value = $1 and e.name = $2 order by e.occurred_at`,
    [userId, name],
  );
  return rows;
}

describe('transactions mapping', () => {
  const shop = () =>
    write('shop.csv.gz', [
      HEADER,
      '1001,A1,RED MUG,2,2024-03-01T10:00:00,3.50,c1,United Kingdom',
      '1001,B2,BLUE PLATE,1,2024-03-01T10:00:00,10.00,c1,United Kingdom',
      '1001,POST,POSTAGE,1,2024-03-01T10:00:00,18.00,c1,United Kingdom',
      '1001,A1,RED MUG,2,2024-03-01T10:00:00,3.50,c1,United Kingdom',
      '1002,A1,RED MUG,1,2024-03-02T11:00:00,3.50,,United Kingdom',
      '1003,G9,FREE GIFT,1,2024-03-03T09:30:00,0,c2,France',
      '1003,B2,BLUE PLATE,3,2024-03-03T09:30:00,10.00,c2,France',
      'C1004,A1,RED MUG,-1,2024-03-05T12:00:00,3.50,c1,United Kingdom',
      'C1004,Z7,OLD VASE,-2,2024-03-05T12:00:00,6.00,c1,United Kingdom',
      '1005,A1,RED MUG,1,2024-03-06T08:00:00,3.333,c2,France',
      '1005,B2,BLUE PLATE,1,2024-03-06T08:00:00,9.999,c2,France',
      '1006,M,MANUAL,1,2024-03-07T08:00:00,5.00,c3,Spain',
    ]);

  test('groups lines into one order per invoice, with revenue, refunds, rejections and skips', async () => {
    const summary = await importer.importFile({ file: shop(), mapping: 'transactions', batchSize: 3 });
    expect(summary).toMatchObject({ format: 'csv', mapping: 'transactions', rows: 12, events: 7, accepted: 7, duplicates: 0, rejectedCount: 1 });
    expect(summary.rejected).toEqual([{ row: 6, reason: 'no customer id' }]);
    expect(summary.details).toMatchObject({
      orders: 3,
      refunds: 1,
      'refund lines matched to the order they cancel': 1,
      'refund lines not matched to an order (attributed to the customer)': 1,
      customers: 2,
      'skipped lines: non-product code': 2,
      'skipped lines: exact duplicate': 1,
      'skipped lines: zero or negative price': 1,
      'orders with no product lines (not imported)': 1,
    });
    expect(summary.notes.join('\n')).toMatch(/without an offset were read as UTC/);

    const [order] = await eventsOf('c1', 'Order Completed');
    expect(order.message_id).toBe('import-order-1001');
    expect(order.occurred_at.toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(order.properties).toEqual({
      order_id: '1001',
      revenue: 17,
      currency: 'GBP',
      products: [
        { product_id: 'A1', name: 'RED MUG', price: 3.5, quantity: 2 },
        { product_id: 'B2', name: 'BLUE PLATE', price: 10, quantity: 1 },
      ],
    });
    // One cancellation invoice: the mug refunds order 1001 (which held it at that price); the vase, bought before the log began, is the customer's.
    const refunds = await eventsOf('c1', 'Order Refunded');
    expect(refunds.map((r) => [r.message_id, r.properties])).toEqual([
      ['import-refund-C1004-1001', { order_id: '1001', cancellation_invoice: 'C1004', total: 3.5, currency: 'GBP', products: [{ product_id: 'A1', name: 'RED MUG', price: 3.5, quantity: 1 }] }],
      ['import-order-C1004', { order_id: 'C1004', cancellation_invoice: 'C1004', total: 12, currency: 'GBP', products: [{ product_id: 'Z7', name: 'OLD VASE', price: 6, quantity: 2 }] }],
    ]);
    const { rows: orders } = await db.query(`select order_id, gross::float, refunded::float, net::float from orders where order_id in ('1001', 'C1004') order by 1`);
    expect(orders).toEqual([{ order_id: '1001', gross: 17, refunded: 3.5, net: 13.5 }, { order_id: 'C1004', gross: 0, refunded: 12, net: -12 }]);

    // Net revenue: 17 − 3.50 − 12.00; the refunds leave the order count alone.
    expect(await statsOf('c1')).toMatchObject({ orders: 1, revenue: 1.5, traits: { country: 'United Kingdom' } });
    // 30 + 3.333 + 9.999 = 43.332 → cents
    expect(await statsOf('c2')).toMatchObject({ orders: 2, revenue: 43.33, traits: { country: 'France' } });
    expect(await statsOf('c3')).toBeUndefined();
  });

  test('re-importing the same file stores nothing new', async () => {
    const before = await db.query('select (select count(*) from events) as events, (select count(*) from profiles) as profiles');
    const summary = await importer.importFile({ file: shop(), mapping: 'transactions' });
    expect(summary).toMatchObject({ events: 7, accepted: 0, duplicates: 7 });
    const after = await db.query('select (select count(*) from events) as events, (select count(*) from profiles) as profiles');
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(await statsOf('c1')).toMatchObject({ orders: 1, revenue: 1.5 });
  });

  test('many orders across batch boundaries, with custom column names', async () => {
    const lines = ['order_no;sku;qty;at;price;client'.replace(/;/g, ',')];
    let expected = 0;
    for (let o = 0; o < 40; o++) {
      for (let l = 1; l <= 3; l++) {
        lines.push(`X${o},P${l},${l},2024-05-${String(1 + (o % 28)).padStart(2, '0')} 12:00,${(l * 1.25).toFixed(2)},bulk-${o % 4}`);
        expected += l * l * 1.25;
      }
    }
    const file = write('custom.csv', lines);
    const summary = await importer.importFile({
      file,
      mapping: 'transactions',
      batchSize: 7,
      columns: { order: 'order_no', product: 'sku', quantity: 'qty', time: 'at', price: 'price', customer: 'client' },
    });
    expect(summary).toMatchObject({ rows: 120, events: 40, accepted: 40, rejectedCount: 0 });
    const { rows } = await db.query(`select count(*)::int as n, sum(revenue) as total from events where message_id like 'import-order-X%'`);
    expect(rows[0]).toEqual({ n: 40, total: Math.round(expected * 100) / 100 });
  });

  test('a row that comes back to a recent order joins it; one too far back is rejected, not silently lost', async () => {
    const rows = [
      'S1,A1,MUG,1,2024-06-01T10:00:00,2,s-1,UK',
      'CS2,A1,MUG,-1,2024-06-01T10:01:00,2,s-2,UK',
      'S1,B2,PLATE,1,2024-06-01T10:02:00,5,s-1,UK',
      'S3,A1,MUG,1,2024-06-01T11:00:00,2,s-1,UK',
      'S1,C3,BOWL,1,2024-06-01T11:01:00,4,s-1,UK',
    ].map((text, i) => ({ row: i + 2, values: Object.fromEntries(HEADER.split(',').map((h, j) => [h, text.split(',')[j]])) }));
    const mapped = async (openOrders: number) => {
      const items = [];
      for await (const item of new TransactionMapping({ openOrders }).map(asAsync(rows))) items.push(item);
      return items;
    };
    const wide = await mapped(8);
    const s1 = wide.find((i) => i.kind === 'event' && i.message.messageId === 'import-order-S1');
    expect(s1 && s1.kind === 'event' && s1.message.properties).toMatchObject({ revenue: 11, products: [{ product_id: 'A1' }, { product_id: 'B2' }, { product_id: 'C3' }] });
    const narrow = await mapped(1);
    expect(narrow.filter((i) => i.kind === 'reject')).toEqual([
      { kind: 'reject', row: 4, reason: expect.stringMatching(/order S1 appeared earlier/), category: 'order rows not contiguous' },
      { kind: 'reject', row: 6, reason: expect.stringMatching(/order S1 appeared earlier/), category: 'order rows not contiguous' },
    ]);
  });

  test('a header without the mapped columns fails before importing anything', async () => {
    const file = write('wrong.csv', ['a,b,c', '1,2,3']);
    await expect(importer.importFile({ file, mapping: 'transactions' })).rejects.toThrow(/no column "invoice"/);
  });
});

describe('Segment messages (NDJSON) and generic CSV', () => {
  const good = (i: number) => JSON.stringify({ type: 'track', userId: 'nd-1', event: 'Product Viewed', messageId: `nd-${i}`, timestamp: `2024-04-0${1 + (i % 9)}T10:00:00Z`, properties: { product_id: `p${i}` } });

  test('a bad row inside a batch costs only itself', async () => {
    const lines = [good(1), good(2), good(3), JSON.stringify({ type: 'track', userId: 'nd-1', event: 'X', messageId: 'nd-bad-1', timestamp: 'yesterday' }), good(5)];
    lines.push(JSON.stringify({ type: 'track', userId: 'nd-1', messageId: 'nd-bad-2' }), '{ not json', good(8), JSON.stringify({ type: 'identify', traits: { plan: 'pro' } }), good(10));
    const file = write('events.ndjson.gz', lines);
    const summary = await importer.importFile({ file, batchSize: 10 });
    expect(summary).toMatchObject({ format: 'ndjson', rows: 10, events: 9, accepted: 6, rejectedCount: 4 });
    expect(summary.rejected.map((r) => r.row)).toEqual([7, 4, 6, 9]);
    expect(summary.rejected[1].reason).toMatch(/^timestamp: unparseable timestamp "yesterday"/);
    expect(summary.rejected[2].reason).toMatch(/^event: a track event needs a non-empty event name/);
    expect(summary.rejected[3].reason).toMatch(/missing identity/);
    expect(summary.rejectedByReason).toMatchObject({ 'not JSON': 1, 'invalid timestamp': 1, 'invalid event': 1 });
    expect((await statsOf('nd-1')).events).toBe(6);
  });

  test('generic CSV columns name Segment fields; missing messageIds are derived so re-import is idempotent', async () => {
    const file = write('generic.csv', [
      'type,userId,event,timestamp,properties.order_id,properties.revenue,traits.plan,traits.address.city,extra',
      'identify,g-1,,2024-02-01T00:00:00Z,,,pro,Paris,x',
      ',g-1,Order Completed,2024-02-02T00:00:00Z,007,12.5,,,y',
    ]);
    const first = await importer.importFile({ file, mapping: 'events' });
    expect(first).toMatchObject({ mapping: 'events', rows: 2, accepted: 2, rejectedCount: 0 });
    expect(first.notes).toContain('ignored columns: extra');
    expect(await statsOf('g-1')).toMatchObject({ orders: 1, revenue: 12.5, traits: { plan: 'pro', address: { city: 'Paris' } } });
    const [order] = await eventsOf('g-1', 'Order Completed');
    expect(order.properties).toEqual({ order_id: '007', revenue: 12.5 });
    expect(await importer.importFile({ file, mapping: 'events' })).toMatchObject({ accepted: 0, duplicates: 2 });
  });

  test('progress is reported after every batch', async () => {
    const file = write('progress.ndjson', Array.from({ length: 25 }, (_, i) => good(100 + i)));
    const seen: number[] = [];
    await importer.importFile({ file, batchSize: 10, onProgress: (p) => seen.push(p.events) });
    expect(seen).toEqual([10, 20, 25]);
  });

  test('an unreadable or unrecognised file is an ImportFileError', async () => {
    await expect(importer.importFile({ file: path.join(dir, 'missing.csv') })).rejects.toBeInstanceOf(ImportFileError);
    await expect(importer.importFile({ file: write('data.txt', ['x']) })).rejects.toThrow(/cannot tell the format/);
    fs.writeFileSync(path.join(dir, 'broken.ndjson.gz'), Buffer.from('definitely not gzip'));
    await expect(importer.importFile({ file: path.join(dir, 'broken.ndjson.gz') })).rejects.toBeInstanceOf(ImportFileError);
  });
});
