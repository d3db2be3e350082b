import type http from 'node:http';
import type pg from 'pg';
import type { Database } from '../src/db/database';

interface Stat {
  calls: number;
  ms: number;
}

export interface TraceRow {
  label: string;
  calls: number;
  totalMs: number;
  meanMs: number;
  perRequest: number;
  msPerRequest: number;
}

/**
 * Times every statement our server sends (through Database.query and transaction
 * clients), the wait for a pooled connection, each transaction from BEGIN to COMMIT,
 * and each HTTP request, without touching src/. Wall-clock times: under concurrency
 * they overlap, so compare them per request, not with the run's duration.
 */
export class SqlTrace {
  private stats = new Map<string, Stat>();
  private enabled = false;
  private readonly undo: (() => void)[] = [];

  constructor(db: Database, server: http.Server) {
    const record = (label: string, ms: number) => {
      if (!this.enabled) return;
      const s = this.stats.get(label) ?? { calls: 0, ms: 0 };
      s.calls++;
      s.ms += ms;
      this.stats.set(label, s);
    };

    const query = db.query.bind(db) as (...args: unknown[]) => Promise<unknown>;
    db.query = (async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await query(...args);
      } finally {
        record(`[pool] ${label(String(args[0]))}`, performance.now() - t);
      }
    }) as Database['query'];
    this.undo.push(() => delete (db as Partial<Database>).query);

    const pool = db.pool;
    const connect = pool.connect.bind(pool) as (cb?: unknown) => unknown;
    pool.connect = ((cb?: unknown) => {
      if (cb) return connect(cb);
      const t = performance.now();
      return (connect() as Promise<pg.PoolClient>).then((client) => {
        record('(wait for a pooled connection)', performance.now() - t);
        wrapClient(client, record);
        return client;
      });
    }) as typeof pool.connect;
    this.undo.push(() => delete (pool as Partial<pg.Pool>).connect);

    const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse) => {
      const t = performance.now();
      res.once('finish', () => record('(http request, end to end)', performance.now() - t));
    };
    server.prependListener('request', onRequest);
    this.undo.push(() => server.off('request', onRequest));
  }

  start(): void {
    this.stats = new Map();
    this.enabled = true;
  }

  stop(): TraceRow[] {
    this.enabled = false;
    const requests = this.stats.get('(http request, end to end)')?.calls || 1;
    return [...this.stats]
      .map(([label, s]) => ({
        label,
        calls: s.calls,
        totalMs: Math.round(s.ms),
        meanMs: Math.round((s.ms / s.calls) * 100) / 100,
        perRequest: Math.round((s.calls / requests) * 100) / 100,
        msPerRequest: Math.round((s.ms / requests) * 100) / 100,
      }))
      .sort((a, b) => b.totalMs - a.totalMs);
  }

  detach(): void {
    for (const u of this.undo.splice(0)) u();
  }
}

const TRACED = Symbol('bench.traced');

function wrapClient(client: pg.PoolClient, record: (label: string, ms: number) => void): void {
  const c = client as pg.PoolClient & { [TRACED]?: boolean; __txStart?: number };
  if (c[TRACED]) return;
  c[TRACED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>;
  (client as { query: unknown }).query = async (...args: unknown[]) => {
    const sql = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text);
    const t = performance.now();
    if (sql === 'begin') c.__txStart = t;
    try {
      return await query(...args);
    } finally {
      const now = performance.now();
      record(`[tx] ${label(sql)}`, now - t);
      if ((sql === 'commit' || sql === 'rollback') && c.__txStart !== undefined) {
        record('(transaction, begin to commit)', now - c.__txStart);
        c.__txStart = undefined;
      }
    }
  };
}

function label(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}

export function formatTrace(rows: TraceRow[]): string {
  const head = ['statement / phase', 'calls', 'per req', 'mean ms', 'ms/req', 'total ms'];
  const body = rows.map((r) => [r.label, String(r.calls), String(r.perRequest), r.meanMs.toFixed(2), r.msPerRequest.toFixed(2), String(r.totalMs)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}
