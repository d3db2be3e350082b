import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { untilQuiet } from '../app';

export interface ApiInstance {
  port: number;
  pid: number;
  /** Resolves once the instance has served no request but the scrape for a few polls in a row (requests cut off by the load generator finished). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * The built server (`dist/src/main.js`, as `npm start` runs it) in a process of its own on
 * the bench database: no demo data, no scheduler, a pool of 8 like the in-process bench app.
 * Resolves once /readyz answers 200.
 */
export async function startApiInstance(databaseUrl: string): Promise<ApiInstance> {
  const port = await freePort();
  const main = path.join(__dirname, '../../src/main.js');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', DEMO_DATA: 'false', SCHEDULER_ENABLED: 'false', DATABASE_POOL_SIZE: '8', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`API instance exited with ${child.exitCode}: ${errors.join('')}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 600) {
      child.kill('SIGKILL');
      throw new Error(`API instance on port ${port} not ready after 60 s: ${errors.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    pid: child.pid!,
    settled: () => requestsSettled(port),
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Quiet when the only request in flight is the scrape asking. */
function requestsSettled(port: number): Promise<void> {
  return untilQuiet(async () => {
    const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text(), () => '');
    return /^segmentary_http_requests_in_flight 1$/m.test(text);
  }, 3);
}
