import 'reflect-metadata';
import { loadConfig } from '../src/config';
import pino from 'pino';
import { bootstrap } from '../src/app/bootstrap';

/**
 * Figures for the README on a database holding an imported transaction log
 * (`npm run import -- <file> --mapping transactions`): scoring as of the end of the
 * log, and a few event-window segments, each beside independent hand-written SQL.
 * Usage: DATABASE_URL=... npx ts-node --transpile-only scripts/retail-report.ts [asOf]
 */
const quiet = { info: () => {}, warn: () => {} };

const WINDOWS = (asOf: Date) => {
  const days = (n: number) => new Date(asOf.getTime() - n * 86400_000).toISOString();
  return [
    { label: 'ordered in the last 30 days', definition: { event: { name: 'Order Completed', within: { between: [days(30), asOf.toISOString()] }, op: 'gte', value: 1 } }, sql: `select count(distinct profile_id)::int n from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '30 days' and $1` },
    { label: '3+ orders in the last 90 days', definition: { event: { name: 'Order Completed', within: { between: [days(90), asOf.toISOString()] }, op: 'gte', value: 3 } }, sql: `select count(*)::int n from (select profile_id from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '90 days' and $1 group by 1 having count(*) >= 3) x` },
    { label: 'spent over 1,000 in the last 180 days', definition: { event: { name: 'Order Completed', aggregate: 'sum', property: 'revenue', within: { between: [days(180), asOf.toISOString()] }, op: 'gt', value: 1000 } }, sql: `select count(*)::int n from (select profile_id from events where name = 'Order Completed' and occurred_at between $1::timestamptz - interval '180 days' and $1 group by 1 having sum((properties->>'revenue')::numeric) > 1000) x` },
    { label: 'bought before, not in the last 90 days', definition: { all: [{ stat: { name: 'orders', op: 'gte', value: 1 } }, { event: { name: 'Order Completed', within: { between: [days(90), asOf.toISOString()] }, op: 'eq', value: 0 } }] }, sql: `select count(*)::int n from profile_stats s where s.orders >= 1 and not exists (select 1 from events e where e.profile_id = s.profile_id and e.name = 'Order Completed' and e.occurred_at between $1::timestamptz - interval '90 days' and $1)` },
  ];
};

async function main() {
  const config = loadConfig();
  const { database, services, close } = await bootstrap(config, { serve: false, logger: pino({ level: 'warn' }), databaseLog: quiet });
  const { rows } = await database.db.query(`select max(occurred_at) as last from events where name = 'Order Completed'`);
  const asOf = process.argv[2] ? new Date(process.argv[2]) : new Date(new Date(rows[0].last).getTime() + 86400_000);
  const run = await services.scoring.run(asOf);
  console.log(`scoring as of ${asOf.toISOString()}: ${run.buyersScored} buyers in ${run.durationMs} ms`);
  if (run.model) console.log(`BG/NBD: r=${run.model.r.toFixed(3)} alpha=${run.model.alpha.toFixed(3)} a=${run.model.a.toFixed(3)} b=${run.model.b.toFixed(3)} LL=${run.model.logLikelihood.toFixed(1)} n=${run.model.sampleSize}`);
  console.log('\n| RFM cell | buyers |\n|---|---|');
  for (const c of run.rfmCells) console.log(`| ${c.name} | ${c.count} |`);
  console.log('\n| lifecycle | buyers |\n|---|---|');
  for (const c of run.lifecycleStages) console.log(`| ${c.name} | ${c.count} |`);
  console.log('\n| segment (event window, as of the end of the log) | preview size | hand-written SQL |\n|---|---|---|');
  for (const w of WINDOWS(asOf)) {
    const preview = await services.segments.preview(w.definition, 0);
    const check = await database.db.query(w.sql, [asOf]);
    console.log(`| ${w.label} | ${preview.size} | ${check.rows[0].n} |`);
  }
  const churn = await database.db.query(`select count(*) filter (where churn_risk >= 0.5)::int high, round(avg(p_alive)::numeric, 3) p_alive from profile_stats where orders > 1`);
  console.log(`\nrepeat buyers with churn risk >= 0.5: ${churn.rows[0].high}; mean P(alive) of repeat buyers: ${churn.rows[0].p_alive}`);
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
