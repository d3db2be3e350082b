import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import type pg from 'pg';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  postgres: string;
  gitCommit?: string;
  gitDirty?: boolean;
}

export async function machineInfo(pool: pg.Pool): Promise<MachineInfo> {
  const { rows } = await pool.query<{ server_version: string }>('show server_version');
  let gitCommit: string | undefined;
  let gitDirty: boolean | undefined;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    gitDirty = execFileSync('git', ['status', '--porcelain'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().length > 0;
  } catch {
    // not a git checkout
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    postgres: rows[0].server_version,
    gitCommit,
    gitDirty,
  };
}

/** CPU time (ms) used so far by this process, the load generator, PostgreSQL, and the whole machine. */
export interface CpuSnapshot {
  wallMs: number;
  selfMs: number;
  childMs: number;
  postgresMs: Map<string, number>;
  machineBusyMs: number;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

function procCpuMs(pid: number | string): { comm: string; ms: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    return { comm, ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms of every PostgreSQL process by pid (empty where /proc is not available). */
function postgresCpuMs(): Map<string, number> {
  const byPid = new Map<string, number>();
  try {
    for (const pid of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const p = procCpuMs(pid);
      if (p && (p.comm === 'postgres' || p.comm.startsWith('postgres:'))) byPid.set(pid, p.ms);
    }
  } catch {
    // not Linux
  }
  return byPid;
}

/**
 * Backends come and go: count what each process alive at the end used since the start
 * (all of it if it is new), only for `pids` (ours) when given.
 */
function postgresDelta(a: Map<string, number>, b: Map<string, number>, pids?: Set<string>): number {
  if (!b.size) return NaN;
  let total = 0;
  for (const [pid, ms] of b) if (!pids || pids.has(pid)) total += ms - (a.get(pid) ?? 0);
  return total;
}

/** PostgreSQL processes serving the bench database, plus the cluster's background processes. */
export async function benchPostgresPids(pool: pg.Pool): Promise<Set<string>> {
  const { rows } = await pool.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() or datname is null`);
  return new Set(rows.map((r) => String(r.pid)));
}

export function cpuSnapshot(childPid?: number): CpuSnapshot {
  const self = process.cpuUsage();
  const machine = os.cpus().reduce((acc, c) => acc + c.times.user + c.times.nice + c.times.sys + c.times.irq, 0);
  return {
    wallMs: performance.now(),
    selfMs: (self.user + self.system) / 1000,
    childMs: childPid ? (procCpuMs(childPid)?.ms ?? NaN) : NaN,
    postgresMs: postgresCpuMs(),
    machineBusyMs: machine,
  };
}

export interface CpuShares {
  /** Percent of one core, over the measured run. */
  serverPct: number;
  /** PostgreSQL processes of the bench database and the cluster's background processes. */
  postgresPct: number;
  loadGeneratorPct: number;
  /** Percent of one core used by everything else on the machine (other processes: noise). */
  otherPct: number;
  /** Percent of all cores. */
  machineBusyPct: number;
}

export function cpuShares(a: CpuSnapshot, b: CpuSnapshot, postgresPids?: Set<string>): CpuShares {
  const wall = b.wallMs - a.wallMs;
  const pct = (ms: number) => Math.round((ms / wall) * 1000) / 10;
  const server = b.selfMs - a.selfMs;
  const postgres = postgresDelta(a.postgresMs, b.postgresMs, postgresPids);
  const loadGenerator = b.childMs - a.childMs;
  const busy = b.machineBusyMs - a.machineBusyMs;
  return {
    serverPct: pct(server),
    postgresPct: pct(postgres),
    loadGeneratorPct: pct(loadGenerator),
    otherPct: pct(Math.max(0, busy - server - (postgres || 0) - (loadGenerator || 0))),
    machineBusyPct: Math.round((busy / (wall * os.cpus().length)) * 1000) / 10,
  };
}
