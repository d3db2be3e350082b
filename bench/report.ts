import fs from 'node:fs';
import path from 'node:path';
import type { LoadOutcome } from './load/run-load';
import type { LoadFigures } from './load/types';
import type { CpuShares, MachineInfo } from './machine';
import { BASELINE_SHARES, type Aim, type Check, type LatencyAim, type Scenario } from './scenarios/types';
import type { TraceRow } from './sql-trace';

export interface TargetResult {
  /** `… at load`: the latency run at a set offered load (Aim.latency); the baseline's is the reference. */
  target: 'ours' | 'baseline' | 'ours at load' | 'baseline at load';
  round: number;
  /** Requests per second (autocannon's mean of per-second samples). */
  rps: number;
  /** rps × units per request, in the scenario's unit. */
  rate: number;
  /** Latency percentiles of one request in ms (autocannon, whole-millisecond resolution). */
  latency: LoadFigures['latency'];
  /** Latency runs: how late the load generator noticed requests were due (a floor under `latency`). */
  generatorLag?: LoadFigures['latency'];
  requests: number;
  errors: { errors: number; timeouts: number; non2xx: number; mismatches: number };
  cpu: CpuShares;
  /** CPU ms per request of this process (the server) and of PostgreSQL: less sensitive to other load than rates. */
  cpuMsPerRequest: { server: number; postgres: number };
  checks: Check[];
  warmup?: { rps: number; requests: number };
  trace?: TraceRow[];
  /** Requests/s offered (latency run only). */
  offeredRps?: number;
}

export interface ScenarioResult {
  scenario: string;
  description: string;
  unit: string;
  connections: number;
  aim: Aim;
  ours: TargetResult;
  baseline?: TargetResult;
  ratio?: number;
  /** The latency run (the round with the median p99), when the scenario has a latency aim. */
  atLoad?: TargetResult;
  /** The baseline at the same offered load (median round): what the machine and load generator allow. */
  baselineAtLoad?: TargetResult;
  /** Every aim met (and the run clean). */
  met: boolean;
  /** Errors, non-2xx or failed checks: the figures are not to be trusted. */
  failures: string[];
  rounds: TargetResult[];
}

export function targetResult(target: TargetResult['target'], round: number, scenario: Scenario, outcome: LoadOutcome, checks: Check[], trace?: TraceRow[]): TargetResult {
  const m = outcome.measured;
  return {
    target,
    round,
    rps: Math.round(m.rps * 10) / 10,
    rate: Math.round(m.rps * scenario.perRequest),
    latency: m.latency,
    ...(m.generatorLag && { generatorLag: m.generatorLag }),
    requests: m.requests,
    errors: { errors: m.errors, timeouts: m.timeouts, non2xx: m.non2xx, mismatches: m.mismatches },
    cpu: outcome.cpu,
    cpuMsPerRequest: {
      server: m.rps > 0 ? Math.round(((outcome.cpu.serverPct * 10) / m.rps) * 1000) / 1000 : NaN,
      postgres: m.rps > 0 ? Math.round(((outcome.cpu.postgresPct * 10) / m.rps) * 1000) / 1000 : NaN,
    },
    checks,
    warmup: outcome.warmup && { rps: outcome.warmup.rps, requests: outcome.warmup.requests },
    trace,
  };
}

/** Problems that make a target's figures invalid. */
export function failuresOf(r: TargetResult, source: unknown): string[] {
  const out: string[] = [];
  const e = r.errors;
  const bad = e.errors + e.timeouts + e.non2xx + e.mismatches;
  if (r.requests === 0) out.push(`${r.target}: no request completed in the measured run (server stuck?)`);
  if (bad) {
    const first = (source as { firstError?: string } | undefined)?.firstError;
    out.push(`${r.target}: ${e.errors} errors, ${e.timeouts} timeouts, ${e.non2xx} non-2xx, ${e.mismatches} GraphQL errors${first ? ` (first: ${first})` : ''}`);
  }
  for (const c of r.checks) if (!c.ok) out.push(`${r.target}: check "${c.name}" failed: ${c.detail}`);
  return out;
}

/** The round in the middle by `value` (undefined without rounds): throughput and latency runs alike. */
function medianBy(rs: TargetResult[], value: (r: TargetResult) => number): TargetResult | undefined {
  return rs.length ? [...rs].sort((a, b) => value(a) - value(b))[Math.floor((rs.length - 1) / 2)] : undefined;
}

export function summarize(scenario: Scenario, connections: number, rounds: TargetResult[], failures: string[]): ScenarioResult {
  const of = (target: TargetResult['target']) => rounds.filter((r) => r.target === target);
  const ours = medianBy(of('ours'), (r) => r.rate)!;
  const baseline = medianBy(of('baseline'), (r) => r.rate);
  const atLoad = medianBy(of('ours at load'), (r) => r.latency.p99);
  const baselineAtLoad = medianBy(of('baseline at load'), (r) => r.latency.p99);
  const ratio = baseline && baseline.rate > 0 ? Math.round((ours.rate / baseline.rate) * 1000) / 1000 : undefined;
  const aim = scenario.aim;
  const met =
    failures.length === 0 &&
    (aim.minRatio === undefined || (ratio !== undefined && ratio >= aim.minRatio)) &&
    (aim.minRate === undefined || ours.rate >= aim.minRate) &&
    (aim.latency === undefined || (atLoad !== undefined && latencyMet(aim.latency, atLoad)));
  return {
    scenario: scenario.name, description: scenario.description, unit: scenario.unit, connections, aim, ours, baseline, ratio, atLoad, baselineAtLoad, met, failures, rounds,
  };
}

/** Under the p99 bound, and the offered load was actually carried (within 5%). */
function latencyMet(aim: LatencyAim, run: TargetResult): boolean {
  return run.latency.p99 < aim.maxP99Ms && run.rps >= 0.95 * (run.offeredRps ?? Infinity);
}

const num = (n: number) => Math.round(n).toLocaleString('en-US');

function aimText(aim: Aim, unit: string): string {
  const parts: string[] = [];
  if (aim.minRatio !== undefined) parts.push(`ratio >= ${aim.minRatio}`);
  if (aim.minRate !== undefined) parts.push(`>= ${num(aim.minRate)} ${unit}`);
  if (aim.latency) {
    const { atRate } = aim.latency;
    parts.push(`p99 < ${aim.latency.maxP99Ms} ms at ${typeof atRate === 'number' ? `${num(atRate)} req/s` : BASELINE_SHARES[atRate].label}`);
  }
  return parts.join(', ') || '-';
}

export function formatTable(results: ScenarioResult[]): string {
  const head = ['scenario', 'ours', 'baseline', 'ratio', 'p50', 'p99', 'p50/p99 at load', 'aim', 'met?'];
  const rows = results.map((r) => [
    `${r.scenario} (c=${r.connections})`,
    `${num(r.ours.rate)} ${r.unit}`,
    r.baseline ? `${num(r.baseline.rate)} ${r.unit}` : '-',
    r.ratio !== undefined ? r.ratio.toFixed(2) : '-',
    `${r.ours.latency.p50} ms${r.baseline ? ` (${r.baseline.latency.p50})` : ''}`,
    `${r.ours.latency.p99} ms${r.baseline ? ` (${r.baseline.latency.p99})` : ''}`,
    r.atLoad ? `${r.atLoad.latency.p50}/${r.atLoad.latency.p99} ms${r.baselineAtLoad ? ` (${r.baselineAtLoad.latency.p50}/${r.baselineAtLoad.latency.p99})` : ''} at ${num(r.atLoad.rps)} req/s` : '-',
    aimText(r.aim, r.unit),
    r.failures.length ? 'FAILED' : r.met ? 'yes' : 'no',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
  const cpu = results.map((r) => {
    const c = (t?: TargetResult) => (t ? `${t.cpuMsPerRequest.server.toFixed(2)} + ${t.cpuMsPerRequest.postgres.toFixed(2)}` : '-');
    const noise = Math.max(...r.rounds.map((t) => t.cpu.otherPct));
    return `  ${r.scenario}: ours ${c(r.ours)}, baseline ${c(r.baseline)}; other processes up to ${noise}% of a core`;
  });
  return [
    line(head),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...rows.map(line),
    '(p50/p99: ours, baseline in parentheses, each as fast as it answers; "at load": at the offered load of the latency aim, ours (baseline))',
    'CPU ms per request, server + postgres:',
    ...cpu,
  ].join('\n');
}

export function formatTarget(scenario: Scenario, r: TargetResult): string {
  const c = r.cpu;
  return (
    `${r.target.padEnd(8)} ${num(r.rate)} ${scenario.unit} (${num(r.rps)} req/s), p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
    `${r.requests} requests; CPU % of a core: server ${c.serverPct}, postgres ${c.postgresPct}, load generator ${c.loadGeneratorPct}, other ${c.otherPct}; machine busy ${c.machineBusyPct}%` +
    (r.generatorLag ? `; generator lag p99 ${r.generatorLag.p99} ms, max ${r.generatorLag.max} ms` : '')
  );
}

export interface RunInfo {
  startedAt: string;
  command: string;
  options: { duration: number; warmup: number; rounds: number; connectionsOverride?: number };
  database: { origin: string; profiles: number; events: number; seedSeconds: number; seedReused: boolean };
  machine: MachineInfo;
}

/** Where a scenario's result is written: `<scenario>.json`, or `<scenario>.x<scale>.json` for a scaled seed. */
export function resultFile(dir: string, scenario: string, scale = 1): string {
  return path.join(dir, scale === 1 ? `${scenario}.json` : `${scenario}.x${scale}.json`);
}

export function writeResult(dir: string, run: RunInfo, result: ScenarioResult, scale = 1): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = resultFile(dir, result.scenario, scale);
  fs.writeFileSync(file, JSON.stringify({ ...result, run }, null, 2) + '\n');
  return file;
}

/**
 * How each scenario's cost grew from the 1× run (its result file, when there is one) to this
 * scaled run: throughput 1× ÷ N× (1.0 = flat; N = linear in the data), and CPU per request.
 */
export function formatGrowth(dir: string, scale: number, results: readonly ScenarioResult[]): string {
  const lines = [`growth from the 1× seed to ${scale}× (cost per request: 1× throughput ÷ ${scale}× throughput; 1.0 is flat, ${scale} is linear)`];
  lines.push('scenario               | 1× ours            | ' + `${scale}× ours`.padEnd(18) + ' | cost growth | CPU ms/req server + postgres, 1× → N×');
  for (const r of results) {
    const file = resultFile(dir, r.scenario);
    if (!fs.existsSync(file)) {
      lines.push(`${r.scenario.padEnd(22)} | no 1× result (${path.basename(file)}): run the same scenario without --scale first`);
      continue;
    }
    const one = JSON.parse(fs.readFileSync(file, 'utf8')) as ScenarioResult;
    const cpu = (t: TargetResult) => `${t.cpuMsPerRequest.server.toFixed(2)} + ${t.cpuMsPerRequest.postgres.toFixed(2)}`;
    const growth = one.ours.rps / r.ours.rps;
    lines.push(`${r.scenario.padEnd(22)} | ${`${one.ours.rps} ${r.unit}`.padEnd(18)} | ${`${r.ours.rps} ${r.unit}`.padEnd(18)} | ${growth.toFixed(2).padStart(11)} | ${cpu(one.ours)} → ${cpu(r.ours)}`);
  }
  return lines.join('\n');
}
