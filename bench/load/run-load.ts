import { fork } from 'node:child_process';
import path from 'node:path';
import { cpuShares, cpuSnapshot, type CpuShares, type CpuSnapshot } from '../machine';
import type { DriverMessage, LoadFigures, LoadSpec } from './types';

export interface LoadOutcome {
  measured: LoadFigures;
  warmup?: LoadFigures;
  /** What the request source reported (counts, answered requests, first error...). */
  source: unknown;
  cpu: CpuShares;
}

/**
 * Runs one load (warm-up + measured run) from a child process and measures CPU shares
 * over the measured run. `onMeasuring` fires when the measured run starts.
 */
export function runLoad(
  spec: LoadSpec,
  hooks: { onMeasuring?: () => void; postgresPids?: () => Promise<Set<string>> } = {},
): Promise<LoadOutcome> {
  const child = fork(path.join(__dirname, 'driver.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let start: CpuSnapshot | undefined;
  let startPids: Promise<Set<string> | undefined> = Promise.resolve(undefined);
  const pids = () => (hooks.postgresPids ? hooks.postgresPids().catch(() => undefined) : Promise.resolve(undefined));
  return new Promise<LoadOutcome>((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      child.kill();
      reject(error);
    };
    child.on('message', (message: DriverMessage) => {
      if (message.type === 'measuring') {
        start = cpuSnapshot(child.pid);
        startPids = pids();
        hooks.onMeasuring?.();
      } else if (message.type === 'done') {
        const end = cpuSnapshot(child.pid);
        settled = true;
        void Promise.all([startPids, pids()]).then(([a, b]) => {
          const ours = a && b ? new Set([...a, ...b]) : undefined;
          resolve({ measured: message.measured, warmup: message.warmup, source: message.source, cpu: cpuShares(start ?? end, end, ours) });
        });
      } else if (message.type === 'failed') {
        fail(new Error(`load generator failed: ${message.error}`));
      }
    });
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`load generator exited with code ${code} before reporting`)));
    child.send(spec);
  });
}
