import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Database } from '../../src/db/database';
import { Rng } from '../../src/demo/random';
import { evaluateRecommendations, type EvaluationReport } from '../../src/recommendations/evaluation/evaluate';
import { formatReport } from '../../src/recommendations/evaluation/report';
import { loadRecommendationsConfig } from '../../src/config';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * A generated transaction log in the Online Retail layout: 8 clusters of 10 products,
 * 240 customers who buy 2–4 orders of 3–5 items, 85% from their own cluster and the
 * rest from a few global best sellers; plus a guest row, a cancellation and a postage
 * line that the cleaning must drop.
 */
function writeLog(file: string): void {
  const rng = new Rng(11);
  const rows = ['invoice,stock_code,description,quantity,invoice_date,unit_price,customer_id,country'];
  const orders: { day: number; customer: number; items: string[] }[] = [];
  const bestSellers = ['G1', 'G2', 'G3', 'G4'];
  for (let c = 0; c < 240; c++) {
    const cluster = c % 8;
    const r = rng.fork(c);
    const n = r.int(2, 4);
    for (let o = 0; o < n; o++) {
      const items = new Set<string>();
      const size = r.int(3, 5);
      while (items.size < size) items.add(r.chance(0.85) ? `K${cluster}-${r.int(0, 9)}` : r.pick(bestSellers));
      orders.push({ day: r.int(0, 299), customer: 10000 + c, items: [...items] });
    }
  }
  orders.sort((a, b) => a.day - b.day || a.customer - b.customer);
  orders.forEach((o, i) => {
    const date = new Date(Date.UTC(2025, 0, 1) + o.day * 86_400_000 + (i % 600) * 60_000).toISOString().slice(0, 19);
    const country = o.customer % 2 ? 'France' : 'Germany';
    for (const item of o.items) rows.push(`${500000 + i},${item},THING ${item},2,${date},1.50,${o.customer},${country}`);
  });
  rows.push('600001,K1-1,GUEST THING,1,2025-11-01T10:00:00,1.50,,France');
  rows.push('C600002,K1-1,CANCELLED,-1,2025-11-01T11:00:00,1.50,10001,France');
  rows.push('600003,POST,POSTAGE,1,2025-11-01T12:00:00,18.00,10001,France');
  fs.writeFileSync(file, `${rows.join('\n')}\n`);
}

let database: TestDatabase;
let db: Database;
let report: EvaluationReport;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-eval-'));
  const file = path.join(dir, 'generated-transactions.csv');
  writeLog(file);
  database = await createTestDatabase();
  db = Database.connect(database.url, 4);
  report = await evaluateRecommendations(db, file, loadRecommendationsConfig({}));
});
afterAll(async () => {
  await db.close();
  await database.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const hitRate = (strategy: string) => report.scores.find((s) => s.strategy === strategy)!.score.hitRate;
const ndcg = (strategy: string) => report.scores.find((s) => s.strategy === strategy)!.score.ndcg;

test('FOR_YOU and ALSO_BOUGHT beat POPULAR on held-out last orders of clustered buyers', () => {
  expect(report.split.evaluated).toBeGreaterThan(150);
  expect(hitRate('FOR_YOU')).toBeGreaterThan(hitRate('POPULAR') * 1.5);
  expect(hitRate('ALSO_BOUGHT')).toBeGreaterThan(hitRate('POPULAR'));
  expect(ndcg('FOR_YOU')).toBeGreaterThan(ndcg('POPULAR'));
  for (const { score } of report.scores) expect(score.users).toBe(report.split.evaluated);
});

test('the log is cleaned the way the importer cleans it, and the report prints every strategy beside POPULAR', () => {
  expect(report.log.refunds).toBe(1);
  expect(report.log.rejectedRows).toBe(1);
  expect(report.split.products).toBe(8 * 10 + 4);
  const table = formatReport(report, loadRecommendationsConfig({}));
  for (const strategy of ['POPULAR', 'TRENDING', 'SEGMENT_POPULAR', 'ALSO_BOUGHT', 'FOR_YOU']) expect(table).toMatch(new RegExp(`^${strategy} +\\d\\.\\d{4} +\\d+\\.\\d\\d×`, 'm'));
});
