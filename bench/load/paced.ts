import net from 'node:net';
import type { LoadFigures, LoadSpec, RequestSource } from './types';

/**
 * An open-loop load at a steady offered rate over a fixed set of keep-alive
 * connections, for latency aims. autocannon's `overallRate` releases each second's
 * requests in a burst at the start of the second, which measures the burst, not the
 * server. Here requests are due at even intervals, and each latency is counted from
 * when its request was due, not from when it could be sent (so a server that falls
 * behind is charged for the wait, as wrk2 does against coordinated omission).
 *
 * HTTP/1.1 is spoken over plain sockets, one request in flight per connection, with
 * each request written in one piece: node:http's client costs about as much CPU per
 * request as the servers measured here, and on a 2-core machine the generator's own
 * stalls would otherwise show up in every latency figure.
 */
export function runPaced(spec: LoadSpec, source: RequestSource, seconds: number): Promise<LoadFigures> {
  const rate = spec.overallRate!;
  const url = new URL(spec.url);
  const head = requestHead(spec, url);
  const latencies: number[] = [];
  /** How late this generator noticed each request was due (its own timer and event-loop delays). */
  const lags: number[] = [];
  const counts = { errors: 0, timeouts: 0, non2xx: 0, mismatches: 0 };
  const waiting: number[] = []; // due times of requests no connection was free for
  const idle: Connection[] = [];

  class Connection {
    private readonly socket: net.Socket;
    private received: Buffer[] = [];
    private receivedBytes = 0;
    private inFlight?: { due: number; context: Record<string, unknown> };

    constructor() {
      this.socket = net.connect(Number(url.port), url.hostname);
      this.socket.setNoDelay(true);
      this.socket.once('connect', () => release(this));
      this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
      this.socket.on('error', () => {});
      this.socket.once('close', () => this.closed());
    }

    get busySince(): number | undefined {
      return this.inFlight?.due;
    }

    send(due: number): void {
      const context: Record<string, unknown> = {};
      const body = source.body(context);
      this.inFlight = { due, context };
      this.socket.write(`${head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }

    timeOut(): void {
      counts.timeouts++;
      this.inFlight = undefined;
      this.socket.destroy();
    }

    close(): void {
      this.inFlight = undefined;
      this.socket.destroy();
    }

    private receive(chunk: Buffer): void {
      this.received.push(chunk);
      this.receivedBytes += chunk.length;
      const data = this.received.length === 1 ? this.received[0] : Buffer.concat(this.received, this.receivedBytes);
      const response = parseResponse(data);
      if (!response) {
        this.received = [data];
        return;
      }
      this.received = [];
      this.receivedBytes = 0;
      const request = this.inFlight;
      this.inFlight = undefined;
      if (!request) return;
      latencies.push(performance.now() - request.due);
      if (response.status < 200 || response.status >= 300) counts.non2xx++;
      if (source.verify && !source.verify(response.body)) counts.mismatches++;
      source.onResponse?.(response.status, response.body, request.context);
      if (response.closes) this.socket.end();
      else release(this);
    }

    /** A connection the server closed is replaced; a request it was carrying counts as an error. */
    private closed(): void {
      if (this.inFlight) counts.errors++;
      this.inFlight = undefined;
      const index = idle.indexOf(this);
      if (index >= 0) idle.splice(index, 1);
      const at = all.indexOf(this);
      if (at >= 0) all.splice(at, 1);
      if (!stopped) setTimeout(() => stopped || all.push(new Connection()), 10);
    }
  }

  /** A free connection takes the longest-waiting request, else waits its turn (round robin). */
  const release = (connection: Connection) => {
    const due = waiting.shift();
    if (due === undefined) idle.push(connection);
    else connection.send(due);
  };

  let stopped = false;
  const all: Connection[] = Array.from({ length: spec.connections }, () => new Connection());

  return new Promise((resolve) => {
    const start = performance.now();
    const end = start + seconds * 1000;
    let sent = 0;
    const tick = setInterval(() => {
      const now = Math.min(performance.now(), end);
      const due = Math.floor(((now - start) / 1000) * rate);
      const noticed = performance.now();
      for (; sent < due; sent++) {
        const at = start + (sent * 1000) / rate;
        lags.push(noticed - at);
        const connection = idle.shift();
        if (connection) connection.send(at);
        else waiting.push(at);
      }
      for (const c of all) if (c.busySince !== undefined && now - c.busySince > 30_000) c.timeOut();
      if (now < end) return;
      clearInterval(tick);
      const drained = setInterval(() => {
        const busy = waiting.length > 0 || all.some((c) => c.busySince !== undefined);
        if (busy && performance.now() < end + 30_000) return;
        clearInterval(drained);
        stopped = true;
        counts.timeouts += waiting.length;
        for (const c of [...all]) c.close();
        resolve({ ...figures(latencies, counts, seconds), generatorLag: percentiles(lags) });
      }, 5);
    }, 1);
  });
}

function requestHead(spec: LoadSpec, url: URL): string {
  const headers = Object.entries(spec.headers)
    .filter(([name]) => !['host', 'content-length', 'connection'].includes(name.toLowerCase()))
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  return `${spec.method} ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nConnection: keep-alive\r\n${headers}Content-Length: `;
}

interface ParsedResponse {
  status: number;
  body: string;
  /** The server said it closes the connection after this response. */
  closes: boolean;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** One complete HTTP/1.1 response at the start of `data`, or undefined while it is incomplete. */
export function parseResponse(data: Buffer): ParsedResponse | undefined {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return undefined;
  const head = data.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const closes = /\r\nconnection:\s*close/i.test(head);
  const bodyStart = headerEnd + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const bodyEnd = bodyStart + Number(length[1]);
    return data.length < bodyEnd ? undefined : { status, closes, body: data.toString('utf8', bodyStart, bodyEnd) };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const body = dechunk(data, bodyStart);
    return body === undefined ? undefined : { status, closes, body };
  }
  return { status, closes: true, body: '' }; // no framing: the body runs to the close, which this generator does not wait for
}

function dechunk(data: Buffer, from: number): string | undefined {
  const parts: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) return '';
    const chunkStart = lineEnd + 2;
    if (size === 0) return data.length < chunkStart + 2 ? undefined : Buffer.concat(parts).toString('utf8'); // no trailers expected
    if (data.length < chunkStart + size + 2) return undefined;
    parts.push(data.subarray(chunkStart, chunkStart + size));
    at = chunkStart + size + 2;
  }
}

function percentiles(values: number[]): LoadFigures['latency'] {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]) : NaN);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: round(mean), max: at(1) };
}

function figures(latencies: number[], counts: { errors: number; timeouts: number; non2xx: number; mismatches: number }, seconds: number): LoadFigures {
  return {
    rps: latencies.length / seconds,
    latency: percentiles(latencies),
    requests: latencies.length,
    ...counts,
    duration: seconds,
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
