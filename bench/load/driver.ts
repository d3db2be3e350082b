/**
 * The load generator, run as a child process so it never shares an event loop with
 * the server under test. It receives a LoadSpec over IPC, runs autocannon for the
 * warm-up and then the measured run with the same request source, and reports back.
 */
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import type { DriverMessage, LoadFigures, LoadSpec, RequestSource } from './types';
import { runPaced } from './paced';

type SourceModule = { createSource?: (options: unknown) => RequestSource; default?: { createSource?: (options: unknown) => RequestSource } };

async function loadSource(spec: LoadSpec['source']): Promise<RequestSource> {
  const mod = (await import(pathToFileURL(spec.module).href)) as SourceModule;
  const create = mod.createSource ?? mod.default?.createSource;
  if (!create) throw new Error(`${spec.module} does not export createSource`);
  return create(spec.options);
}

function runOnce(spec: LoadSpec, source: RequestSource, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    duration,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        method: spec.method,
        headers: spec.headers,
        setupRequest: (req, context) => ({ ...req, body: source.body(context as Record<string, unknown>) }),
        onResponse: source.onResponse
          ? (status, body, context) => source.onResponse!(status, body, context as Record<string, unknown>)
          : undefined,
      },
    ],
    verifyBody: source.verify ? (body: string) => source.verify!(body) : undefined,
  } as autocannon.Options);
}

function figures(r: autocannon.Result): LoadFigures {
  const l = r.latency as unknown as Record<string, number>;
  return {
    rps: r.requests.average,
    latency: { p50: l.p50, p90: l.p90, p99: l.p99, mean: l.mean, max: l.max },
    requests: r.requests.total,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
    duration: r.duration,
  };
}

function send(message: DriverMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

process.once('message', async (spec: LoadSpec) => {
  try {
    const source = await loadSource(spec.source);
    // A set offered rate (a latency aim) runs paced; otherwise autocannon as fast as answers come.
    const run = async (seconds: number) => (spec.overallRate ? runPaced(spec, source, seconds) : figures(await runOnce(spec, source, seconds)));
    const warmup = spec.warmup > 0 ? await run(spec.warmup) : undefined;
    await send({ type: 'measuring' });
    const measured = await run(spec.duration);
    await send({ type: 'done', warmup, measured, source: source.summary?.() });
  } catch (error) {
    await send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
  process.exit(0);
});
