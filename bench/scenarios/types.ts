import type pg from 'pg';
import type { BenchApp } from '../app';
import type { LoadOutcome } from '../load/run-load';
import type { SourceSpec } from '../load/types';
import type { BenchOptions } from '../options';
import type { SeedInfo } from '../seed';

/** What every scenario gets: the seeded database, the running server, the options. */
export interface ScenarioContext {
  options: BenchOptions;
  databaseUrl: string;
  /** A pool on the bench database for the scenario's own set-up and checks (not the server's). */
  pool: pg.Pool;
  app: BenchApp;
  seed: SeedInfo;
  log(message: string): void;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** One server under load: ours (the real app) or a baseline. */
export interface LoadTarget {
  url: string;
  headers: Record<string, string>;
  source: SourceSpec;
  /** Runs before the warm-up (e.g. empty a table, note a high-water mark). */
  before?(): Promise<void>;
  /** Runs after the measured run; a failed check fails the scenario. */
  after?(outcome: LoadOutcome): Promise<Check[]>;
}

export interface ScenarioRun {
  ours: LoadTarget;
  baseline?: LoadTarget;
  teardown?(): Promise<void>;
}

export interface Aim {
  /** ours / baseline in the scenario's unit. */
  minRatio?: number;
  /** Our rate in the scenario's unit. */
  minRate?: number;
  latency?: LatencyAim;
}

/**
 * A p99 aim is checked in a separate run at a set offered load: under a closed loop
 * that saturates the server, latency is just connections / throughput (Little's law),
 * so a p99 aim there would only restate the throughput aim.
 */
export interface LatencyAim {
  maxP99Ms: number;
  /**
   * Requests/s offered over all connections, or a share of the baseline's measured rate:
   * half (the load a ratio aim of 0.5 says we must carry) or a quarter.
   */
  atRate: number | BaselineShare;
}

export type BaselineShare = 'halfOfBaseline' | 'quarterOfBaseline';

/** The share of the baseline's rate each named offered load stands for. */
export const BASELINE_SHARES: Record<BaselineShare, { fraction: number; label: string }> = {
  halfOfBaseline: { fraction: 1 / 2, label: '1/2 baseline' },
  quarterOfBaseline: { fraction: 1 / 4, label: '1/4 baseline' },
};

export interface Scenario {
  name: string;
  description: string;
  /** The unit rates are reported in, e.g. "req/s" or "events/s". */
  unit: string;
  /** Units per request (100 for a 100-event batch). */
  perRequest: number;
  defaultConnections: number;
  aim: Aim;
  /** Starts baselines and prepares data; called once per scenario. */
  setup(ctx: ScenarioContext): Promise<ScenarioRun>;
}

export const graphqlHeaders = (key?: string): Record<string, string> => ({
  'content-type': 'application/json',
  ...(key ? { authorization: `Bearer ${key}` } : {}),
});
