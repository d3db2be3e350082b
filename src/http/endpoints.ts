import crypto from 'node:crypto';
import type http from 'node:http';
import type { Queryable } from '../db';
import type { AppMetrics, Readiness } from '../ops';

export function send(res: http.ServerResponse, status: number, body: string, type: string): void {
  // A known length spares chunked encoding (one write instead of three).
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');
}

/** /healthz: liveness — the process runs and its database answers. */
export async function serveHealth(res: http.ServerResponse, db: Queryable): Promise<void> {
  try {
    await db.query('select 1');
    sendJson(res, 200, { status: 'ok' });
  } catch {
    sendJson(res, 503, { status: 'unavailable', reason: 'database did not answer' });
  }
}

/** /readyz: readiness — 503 with the reasons while this instance should get no traffic. */
export async function serveReadiness(res: http.ServerResponse, readiness: Readiness): Promise<void> {
  const report = await readiness.check();
  const replicas = report.replicas ? { replicas: report.replicas } : {};
  if (report.ready) sendJson(res, 200, { status: 'ready', ...replicas });
  else sendJson(res, 503, { status: 'not ready', reasons: report.reasons, ...replicas });
}

/** /metrics in Prometheus text format; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
export async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, metrics: AppMetrics, token?: string): Promise<void> {
  if (token && !bearerMatches(req.headers.authorization, token)) {
    res.setHeader('www-authenticate', 'Bearer realm="metrics"');
    return sendJson(res, 401, { error: { message: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>"', code: 'UNAUTHENTICATED' } });
  }
  const { contentType, body } = await metrics.render();
  send(res, 200, body, contentType);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] ?? '';
  // Equal-length digests let timingSafeEqual compare without leaking the token's length.
  const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
  return crypto.timingSafeEqual(digest(given), digest(token));
}
