/**
 * `node dist/bench/explain-ingest.js [batches]` (after `npm run build`): where one
 * ingest batch spends its time with no concurrency, on the seeded bench database.
 * Sends the ingest-batch scenario's batches one at a time and reports
 *   - the whole GraphQL request (HTTP + Apollo + ingest) per batch,
 *   - the service call alone (IngestService.ingest on already-normalized events),
 *   - normalization alone,
 *   - each statement of the ingestion transaction (mean ms),
 * then EXPLAIN (ANALYZE, BUFFERS) of every statement of one more batch (run inside a
 * savepoint that is rolled back, then executed for real). Restores the seed after.
 * `--segments`: with ingest-20-segments' 20 segments; `--computed`: and its 10 computed traits.
 */
import 'reflect-metadata';
import pg from 'pg';
import { initOrm, migrate } from '../src/db/orm';
import { Database, type Queryable } from '../src/db/database';
import { startBenchApp } from './app';
import { lockBenchDatabase, openBenchDatabase } from './database';
import { restoreSeed, sampleUsers, type SeedInfo } from './seed';
import { createSource } from './scenarios/ingest-batch.source';
import { formatTrace, type TraceRow } from './sql-trace';
import { createComputedTraits, createSegments, removeComputedTraits, removeSegments } from './scenarios/bench-segments';
import { COMPUTED_TRAITS, SEGMENTS } from './scenarios/ingest-20-segments';

const log = (m: string) => process.stdout.write(`${m}\n`);

/** A Database whose transactions time every statement and can EXPLAIN them first. */
class TimedDatabase extends Database {
  readonly times = new Map<string, { calls: number; ms: number }>();
  explain = false;
  timing = false;
  readonly plans: string[] = [];

  override async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    const tx: Queryable = {
      query: async (sql, params, name?: string) => {
        const label = sql.replace(/\s+/g, ' ').trim().slice(0, 90);
        if (this.explain && !/^\s*set /i.test(sql)) {
          await client.query('savepoint bench_explain');
          const plan = await client.query(`explain (analyze, buffers, costs off) ${sql}`, params);
          await client.query('rollback to savepoint bench_explain');
          this.plans.push(`-- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
        const t = performance.now();
        // Named as the server names them, so PostgreSQL's plan cache behaves as it does there.
        const result = name ? await client.query({ name, text: sql, values: params as unknown[] }) : await client.query(sql, params);
        if (this.timing) {
          const s = this.times.get(label) ?? { calls: 0, ms: 0 };
          s.calls++;
          s.ms += performance.now() - t;
          this.times.set(label, s);
        }
        return result as never;
      },
    };
    try {
      await client.query('begin');
      const result = await work(tx);
      await client.query('commit');
      return result;
    } catch (error) {
      await client.query('rollback').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }
}

async function main() {
  const args = process.argv.slice(2);
  const batches = Number(args.find((a) => /^\d+$/.test(a)) ?? 200);
  const database = await openBenchDatabase(log);
  const unlock = await lockBenchDatabase(database.url);
  const orm = await initOrm(database.url);
  await migrate(orm, database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  const seed = (await pool.query<{ value: SeedInfo }>(`select value from bench_meta where key = 'seed'`).catch(() => ({ rows: [] }))).rows[0]?.value;
  if (!seed) throw new Error('no seed: run `npm run bench` once first');
  await restoreSeed(pool, seed, log);

  const users = await sampleUsers(pool, 10_000);
  const source = createSource({
    users: users.map((u) => [u.userId, u.anonymousId]),
    batchSize: 100,
    usersPerBatch: 25,
    newAnonymousShare: 0.02,
    identifyShare: 0.03,
    orderShare: 0.1,
  });
  const db = new TimedDatabase(new pg.Pool({ connectionString: database.url, max: 8 }));
  const bench = await startBenchApp(database.url, 8, db);
  const ingest = bench.app.services.ingest;
  const services = bench.app.services;
  if (args.includes('--computed')) {
    await createComputedTraits(services, COMPUTED_TRAITS);
  }
  if (args.includes('--segments') || args.includes('--computed')) await createSegments(services, SEGMENTS);
  const eventsOf = (body: string) =>
    (JSON.parse(body) as { variables: { events: Record<string, unknown>[] } }).variables.events.map((e) => ({ ...e, type: String(e.type).toLowerCase() }));
  const time = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };

  try {
    for (let i = 0; i < 20; i++) await ingest.ingest(ingest.normalize(eventsOf(source.body({})), { source: 'graphql' }));

    let http = 0;
    for (let i = 0; i < batches; i++) {
      const body = source.body({});
      http += await time(async () => {
        const res = await fetch(bench.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bench.adminKey}` }, body });
        const text = await res.text();
        if (!text.includes('"accepted":100')) throw new Error(text.slice(0, 300));
      });
    }

    let normalize = 0;
    let service = 0;
    db.timing = true;
    for (let i = 0; i < batches; i++) {
      const raw = eventsOf(source.body({}));
      let normalized: ReturnType<typeof ingest.normalize> = [];
      normalize += await time(async () => {
        normalized = ingest.normalize(raw, { source: 'graphql' });
      });
      service += await time(() => ingest.ingest(normalized));
    }
    db.timing = false;

    log(`\nOne batch of 100 events at a time (${batches} batches each), mean ms per batch:`);
    log(`  GraphQL request end to end (HTTP + Apollo + normalize + ingest): ${(http / batches).toFixed(2)}`);
    log(`  IngestService.ingest alone (one transaction):                    ${(service / batches).toFixed(2)}`);
    log(`  normalize alone:                                                 ${(normalize / batches).toFixed(2)}`);
    log(`  => HTTP + GraphQL parse/validate/coerce + response:              ${((http - service - normalize) / batches).toFixed(2)}\n`);
    const rows: TraceRow[] = [...db.times].map(([label, s]) => ({
      label,
      calls: s.calls,
      totalMs: Math.round(s.ms),
      meanMs: Math.round((s.ms / s.calls) * 100) / 100,
      perRequest: Math.round((s.calls / batches) * 100) / 100,
      msPerRequest: Math.round((s.ms / batches) * 100) / 100,
    }));
    log(formatTrace(rows.sort((a, b) => b.totalMs - a.totalMs)));

    db.explain = true;
    await ingest.ingest(ingest.normalize(eventsOf(source.body({})), { source: 'graphql' }));
    db.explain = false;
    log(`\nEXPLAIN (ANALYZE, BUFFERS) of each statement of one batch:\n`);
    log(db.plans.join('\n\n'));
  } finally {
    await removeSegments(services, SEGMENTS.map((x) => x.key));
    await removeComputedTraits(services, COMPUTED_TRAITS);
    await bench.close();
    await restoreSeed(pool, seed, log);
    await pool.end();
    await orm.close();
    await unlock();
    await database.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
