import http from 'node:http';
import type { LoadFigures, LoadSpec, RequestSource } from './types';

/**
 * An open-loop load at a steady offered rate over a fixed set of keep-alive
 * connections, for latency aims. autocannon's `overallRate` releases each second's
 * requests in a burst at the start of the second, which measures the burst, not the
 * server. Here requests are due at even intervals, and each latency is counted from
 * when its request was due, not from when it could be sent (so a server that falls
 * behind is charged for the wait, as wrk2 does against coordinated omission).
 */
export function runPaced(spec: LoadSpec, source: RequestSource, seconds: number): Promise<LoadFigures> {
  const rate = spec.overallRate!;
  const url = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  const counts = { errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 };
  let sent = 0;
  let inFlight = 0;

  const send = (due: number) => {
    const context: Record<string, unknown> = {};
    const body = source.body(context);
    inFlight++;
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: spec.method, agent, headers: { ...spec.headers, 'content-length': Buffer.byteLength(body) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          inFlight--;
          latencies.push(performance.now() - due);
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) counts.non2xx++;
          if (source.verify && !source.verify(text)) counts.mismatches++;
          source.onResponse?.(status, text, context);
        });
      },
    );
    req.on('timeout', () => {
      counts.timeouts++;
      req.destroy();
    });
    req.on('error', () => {
      inFlight--;
      counts.errors++;
    });
    req.end(body);
  };

  return new Promise((resolve) => {
    const start = performance.now();
    const end = start + seconds * 1000;
    const tick = setInterval(() => {
      const now = Math.min(performance.now(), end);
      const due = Math.floor(((now - start) / 1000) * rate);
      for (; sent < due; sent++) send(start + (sent * 1000) / rate);
      if (now < end) return;
      clearInterval(tick);
      const drained = setInterval(() => {
        if (inFlight > 0 && performance.now() < end + 30_000) return;
        clearInterval(drained);
        agent.destroy();
        resolve(figures(latencies, counts, seconds));
      }, 5);
    }, 1);
  });
}

function figures(latencies: number[], counts: { errors: number; timeouts: number; non2xx: number; mismatches: number }, seconds: number): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : NaN);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN;
  return {
    rps: sorted.length / seconds,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(mean), max: at(1) },
    requests: sorted.length,
    ...counts,
    duration: seconds,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
