import 'reflect-metadata';
import { loadConfig } from '../src/config';
import pino from 'pino';
import { bootstrap } from '../src/app/bootstrap';
import { StatsInterval, StatsSource } from '../src/analytics';

/**
 * Figures for the README on a database holding an imported transaction log
 * (`npm run import -- <file> --mapping transactions`): scoring as of the log's newest
 * event (what SCORING_AS_OF=latest-event does), the RFM grid, event-window segments as of
 * then beside hand-written SQL, and segmentStats(source: HISTORY) by month for two segments.
 * Usage: DATABASE_URL=... npx ts-node --transpile-only scripts/retail-report.ts [asOf]
 */
const quiet = { info: () => {}, warn: () => {} };

/** Event-window segments evaluated as of the end of the log (previewSegment(asOf:)), each with hand-written SQL for $1 = asOf. */
const WINDOWS = [
  { label: 'ordered in the last 30 days', definition: { event: { name: 'Order Completed', within: { lastDays: 30 }, op: 'gte', value: 1 } }, sql: `select count(distinct profile_id)::int n from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '30 days' and $1` },
  { label: '3+ orders in the last 90 days', definition: { event: { name: 'Order Completed', within: { lastDays: 90 }, op: 'gte', value: 3 } }, sql: `select count(*)::int n from (select profile_id from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '90 days' and $1 group by 1 having count(*) >= 3) x` },
  { label: 'spent over 1,000 in the last 180 days', definition: { event: { name: 'Order Completed', aggregate: 'sum', property: 'revenue', within: { lastDays: 180 }, op: 'gt', value: 1000 } }, sql: `select count(*)::int n from (select profile_id from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '180 days' and $1 group by 1 having sum((properties->>'revenue')::numeric) > 1000) x` },
  { label: 'bought before, not in the last 90 days', definition: { all: [{ stat: { name: 'orders', op: 'gte', value: 1 } }, { event: { name: 'Order Completed', within: { lastDays: 90 }, op: 'eq', value: 0 } }] }, sql: `select count(*)::int n from profile_stats s where s.orders >= 1 and not exists (select 1 from events e where e.profile_id = s.profile_id and e.name = 'Order Completed' and e.occurred_at between $1::timestamptz - interval '90 days' and $1)` },
];

/** The two segments whose 2011 history the README shows. */
const HISTORY_SEGMENTS = [
  {
    key: 'retail-active-repeat', name: 'Repeat buyers (2+ orders in 90 days)', definition: { event: { name: 'Order Completed', within: { lastDays: 90 }, op: 'gte', value: 2 } },
    sizeSql: `select count(*)::int n from (select profile_id from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '90 days' and $1 group by 1 having count(*) >= 2) x`,
  },
  {
    key: 'retail-uk-big-spenders', name: 'UK customers with over 2,000 spent (net of refunds)', definition: { all: [{ trait: { path: 'country', op: 'eq', value: 'United Kingdom' } }, { stat: { name: 'revenue', op: 'gt', value: 2000 } }] },
    // Net revenue by then from the raw order and refund amounts (not the stored effects), the country from the identify calls.
    sizeSql: `select count(*)::int n from (
      select e.profile_id from events e
       where e.name in ('Order Completed', 'Order Refunded') and e.occurred_at <= $1
         and exists (select 1 from events t where t.profile_id = e.profile_id and t.traits->>'country' = 'United Kingdom' and t.occurred_at <= $1)
       group by 1 having sum(case when e.name = 'Order Completed' then (e.properties->>'revenue')::numeric else -(e.properties->>'total')::numeric end) > 2000) x`,
  },
];

const n = (x: number) => x.toLocaleString('en-US');

async function main() {
  const config = loadConfig();
  const { database, services, close } = await bootstrap(config, { serve: false, logger: pino({ level: 'warn' }), databaseLog: quiet });
  const { rows } = await database.db.query(`select max(occurred_at) as last from events`);
  const asOf = process.argv[2] ? new Date(process.argv[2]) : new Date(rows[0].last);
  const run = await services.scoring.run(asOf);
  console.log(`scoring as of ${asOf.toISOString()}: ${n(run.buyersScored)} buyers in ${run.durationMs} ms`);
  if (run.model) console.log(`BG/NBD: r=${run.model.r.toFixed(3)} alpha=${run.model.alpha.toFixed(3)} a=${run.model.a.toFixed(3)} b=${run.model.b.toFixed(3)} LL=${run.model.logLikelihood.toFixed(1)} n=${run.model.sampleSize}`);
  console.log('\n| RFM cell | buyers |\n|---|---|');
  for (const c of run.rfmCells) console.log(`| ${c.name} | ${n(c.count)} |`);
  console.log('\n| lifecycle | people |\n|---|---|');
  for (const c of run.lifecycleStages) console.log(`| ${c.name} | ${n(c.count)} |`);

  const grid = await services.analytics.rfmGrid();
  console.log('\nRFM grid (buyers; rows recency 5 = most recent, columns frequency 1..5):\n\n| R \\ F | 1 | 2 | 3 | 4 | 5 |\n|---|---|---|---|---|---|');
  for (let r = 5; r >= 1; r--) {
    const cells = [1, 2, 3, 4, 5].map((f) => grid.find((c) => c.recency === r && c.frequency === f)?.count ?? 0);
    console.log(`| ${r} | ${cells.map(n).join(' | ')} |`);
  }

  console.log('\n| segment (as of the end of the log) | previewSegment(asOf) | hand-written SQL |\n|---|---|---|');
  for (const w of WINDOWS) {
    const preview = await services.segments.preview(w.definition, 0, asOf);
    const check = await database.db.query(w.sql, [asOf]);
    console.log(`| ${w.label} | ${n(preview.size)} | ${n(check.rows[0].n)} |`);
  }

  for (const segment of HISTORY_SEGMENTS) {
    await services.segments.delete(segment.key).catch(() => undefined);
    await services.segments.create({ key: segment.key, name: segment.name, definition: segment.definition });
    const started = Date.now();
    const points = await services.analytics.segmentStats(segment.key, new Date('2011-01-01T00:00:00Z'), new Date('2012-01-01T00:00:00Z'), StatsInterval.MONTH, StatsSource.HISTORY);
    console.log(`\n${segment.name}: \`${JSON.stringify(segment.definition)}\` (${Date.now() - started} ms)\n`);
    console.log('| month | size | size by hand-written SQL | entered | exited | members | orders | net revenue | buyers | conversion | AOV |\n|---|---|---|---|---|---|---|---|---|---|---|');
    for (const p of points) {
      const aov = p.averageOrderValue === null ? '–' : p.averageOrderValue.toFixed(2);
      const end = new Date(p.start);
      end.setUTCMonth(end.getUTCMonth() + 1);
      const hand = (await database.db.query(segment.sizeSql, [new Date(end.getTime() - 1)])).rows[0].n;
      console.log(`| ${p.start.toISOString().slice(0, 7)} | ${n(p.size)} | ${n(hand)} | ${n(p.entered)} | ${n(p.exited)} | ${n(p.members)} | ${n(p.orders)} | ${n(Math.round(p.revenue))} | ${n(p.buyers)} | ${(p.conversionRate * 100).toFixed(1)}% | ${aov} |`);
    }
  }
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
