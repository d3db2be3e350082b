/**
 * `npm run bench`: seeds (or reuses) a benchmark database, starts the real server
 * in-process, and runs each scenario against it and against a bare baseline in the
 * same process run, with autocannon in a child process. See bench/README.md.
 */
import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { initOrm, migrate } from '../src/db/orm';
import { startBenchApp } from './app';
import { BENCH_DATABASE, lockBenchDatabase, openBenchDatabase } from './database';
import { runLoad } from './load/run-load';
import { benchPostgresPids, machineInfo } from './machine';
import { parseArgs, type BenchOptions } from './options';
import { failuresOf, formatGrowth, formatTable, formatTarget, summarize, targetResult, writeResult, type RunInfo, type ScenarioResult, type TargetResult } from './report';
import { ensureSeed, vacuumChurnedTables } from './seed';
import { scenarios, selectScenarios } from './scenarios';
import { BASELINE_SHARES, type LatencyAim, type LoadTarget, type Scenario, type ScenarioContext } from './scenarios/types';
import { formatTrace, SqlTrace } from './sql-trace';
import { CpuProfile } from './cpu-profile';

const RESULTS_DIR = path.resolve(__dirname, '../../bench/results');
const log = (m: string) => process.stdout.write(`[bench] ${m}\n`);

/** One load against one target, logged, with its checks; the figures join `rounds` and any failure `failures`. */
async function measure(
  scenario: Scenario,
  ctx: ScenarioContext,
  target: LoadTarget,
  which: TargetResult['target'],
  round: number,
  load: { connections: number; overallRate?: number; trace?: SqlTrace; profileFile?: string },
): Promise<{ result: TargetResult; failures: string[] }> {
  const { options } = ctx;
  await target.before?.();
  const rate = load.overallRate ? `, ${Math.round(load.overallRate).toLocaleString('en-US')} req/s offered` : '';
  log(`${scenario.name} ${which}${options.rounds > 1 && round > 0 ? ` round ${round}` : ''}: ${options.warmup} s warm-up, ${options.duration} s measured, ${load.connections} connections${rate}`);
  const profile = load.profileFile ? new CpuProfile() : undefined;
  const outcome = await runLoad(
    { url: target.url, method: 'POST', headers: target.headers, connections: load.connections, duration: options.duration, warmup: options.warmup, overallRate: load.overallRate, source: target.source },
    {
      onMeasuring: () => {
        load.trace?.start();
        profile?.start();
      },
      postgresPids: () => benchPostgresPids(ctx.pool),
    },
  );
  const traceRows = load.trace?.stop();
  const written = load.profileFile ? await profile?.stop(load.profileFile) : undefined;
  if (written) log(`  CPU profile of our server: ${path.relative(process.cwd(), written)}`);
  const checks = (await target.after?.(outcome)) ?? [];
  const result = targetResult(which, round, scenario, outcome, checks, traceRows);
  log(`  ${formatTarget(scenario, result)}`);
  if (result.cpu.otherPct > 25) log(`  warning: other processes used ${result.cpu.otherPct}% of a core during this run; figures are noisy (try --rounds 3)`);
  for (const c of checks) log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
  if (traceRows) log(`  where our server's time went (wall clock, measured run):\n${formatTrace(traceRows).replace(/^/gm, '    ')}`);
  return { result, failures: failuresOf(result, outcome.source) };
}

async function runScenario(scenario: Scenario, ctx: ScenarioContext, trace: SqlTrace | undefined): Promise<ScenarioResult> {
  const { options } = ctx;
  const connections = options.connections ?? scenario.defaultConnections;
  log(`${scenario.name}: ${scenario.description}`);
  await vacuumChurnedTables(ctx.pool, log);
  const run = await scenario.setup(ctx);
  // Set-up writes too (segments, memberships, recommendation tables): measure on tidy tables.
  await vacuumChurnedTables(ctx.pool, log);
  const rounds: TargetResult[] = [];
  const failures: string[] = [];
  try {
    for (const { round, which } of alternating(options.rounds)) {
      const target = run[which];
      if (!target) continue;
      const ours = which === 'ours';
      const profileFile = ours && options.cpuProfile ? path.join(RESULTS_DIR, `${scenario.name}${options.rounds > 1 ? `.${round}` : ''}.cpuprofile`) : undefined;
      const measured = await measure(scenario, ctx, target, which, round, { connections, trace: ours ? trace : undefined, profileFile });
      rounds.push(measured.result);
      failures.push(...measured.failures);
    }
    const latency = scenario.aim.latency;
    if (latency) {
      const offered = options.offeredRate ?? offeredRate(latency, rounds);
      if (offered === undefined) failures.push('latency run: no baseline rate to derive the offered load from');
      // The same load on the bare baseline shows the floor that the machine and load generator set.
      else {
        for (const { round, which } of alternating(options.rounds)) {
          const target = run[which];
          if (!target) continue;
          const measured = await measure(scenario, ctx, target, `${which} at load`, round, { connections, overallRate: offered });
          rounds.push({ ...measured.result, offeredRps: offered });
          failures.push(...measured.failures);
        }
      }
    }
  } finally {
    await run.teardown?.();
  }
  return summarize(scenario, connections, rounds, failures);
}

/** Ours and the baseline once per round, the first of them alternating so neither always runs on a warmer machine. */
function* alternating(rounds: number): Generator<{ round: number; which: 'ours' | 'baseline' }> {
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? (['ours', 'baseline'] as const) : (['baseline', 'ours'] as const);
    for (const which of order) yield { round, which };
  }
}

/** Requests/s the latency run offers (see LatencyAim). */
function offeredRate(aim: LatencyAim, rounds: TargetResult[]): number | undefined {
  if (typeof aim.atRate === 'number') return aim.atRate;
  const baseline = rounds.filter((r) => r.target === 'baseline').map((r) => r.rps).sort((a, b) => a - b);
  return baseline.length ? Math.round(baseline[Math.floor((baseline.length - 1) / 2)] * BASELINE_SHARES[aim.atRate].fraction) : undefined;
}

async function main(options: BenchOptions): Promise<number> {
  if (options.list) {
    for (const s of scenarios) process.stdout.write(`${s.name.padEnd(20)} ${s.description}\n`);
    return 0;
  }
  const selected = selectScenarios(options.only);
  const startedAt = new Date().toISOString();
  // A scaled seed lives in a database of its own, so the 1× seed is kept for comparison.
  const database = await openBenchDatabase(log, options.scale === 1 ? BENCH_DATABASE : `${BENCH_DATABASE}_x${options.scale}`);
  log(`database: ${database.origin}`);
  const unlock = await lockBenchDatabase(database.url).catch(async (error) => {
    await database.stop();
    throw error;
  });
  const orm = await initOrm(database.url);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => {});
  let app: Awaited<ReturnType<typeof startBenchApp>> | undefined;
  try {
    const applied = await migrate(orm, database.url);
    if (applied.length) log(`migrations applied: ${applied.join(', ')}`);
    const seed = await ensureSeed(pool, options, log);
    if (seed.reused) log(`reusing the seed: ${seed.profiles.toLocaleString('en-US')} profiles, ${seed.events.toLocaleString('en-US')} events (seeded in ${seed.seconds} s; --reseed to redo)`);
    const machine = await machineInfo(pool);
    log(`machine: ${machine.cpus} × ${machine.cpuModel}, node ${machine.node}, PostgreSQL ${machine.postgres}`);
    app = await startBenchApp(database.url);
    const trace = options.traceSql ? new SqlTrace(app.db, app.app.http!.server) : undefined;
    const ctx: ScenarioContext = { options, databaseUrl: database.url, pool, app, seed, log };
    const info: RunInfo = {
      startedAt,
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      options: { duration: options.duration, warmup: options.warmup, rounds: options.rounds, connectionsOverride: options.connections },
      database: { origin: database.origin, profiles: seed.profiles, events: seed.events, seedSeconds: seed.seconds, seedReused: !!seed.reused },
      machine,
    };

    const results: ScenarioResult[] = [];
    const broken: string[] = [];
    for (const scenario of selected) {
      try {
        const result = await runScenario(scenario, ctx, trace);
        results.push(result);
        log(`wrote ${path.relative(process.cwd(), writeResult(RESULTS_DIR, info, result, options.scale))}`);
      } catch (error) {
        broken.push(`${scenario.name} FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        log(broken[broken.length - 1]);
      }
    }
    trace?.detach();

    if (results.length) process.stdout.write(`\n${formatTable(results)}\n`);
    if (results.length && options.scale !== 1) process.stdout.write(`\n${formatGrowth(RESULTS_DIR, options.scale, results)}\n`);
    const failed = results.filter((r) => r.failures.length);
    for (const r of failed) for (const f of r.failures) process.stdout.write(`${r.scenario} FAILED: ${f}\n`);
    for (const b of broken) process.stdout.write(`${b.split('\n')[0]}\n`);
    return failed.length || broken.length ? 1 : 0;
  } finally {
    await app?.close();
    await pool.end();
    await orm.close();
    await unlock();
    await database.stop();
  }
}

main(parseArgs(process.argv.slice(2))).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
