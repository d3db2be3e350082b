import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';

/** What one HTTP request leaves behind in the log and the metrics. */
export interface RequestInfo {
  requestId: string;
  method: string;
  path: string;
  startedAt: number;
  operationName?: string;
  operationType?: string;
  /** The API key's name (never the key). */
  keyName?: string;
  /** The API key's id: its reads see its recent writes (src/db/read-replicas.ts); not logged. */
  keyId?: string;
}

/** Paths polled by probes and scrapers: logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** A caller's x-request-id is kept when it is a sane token, so ids join logs across services. */
export function requestIdFrom(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given)) return given;
  return crypto.randomUUID();
}

export function startRequest(req: IncomingMessage, path: string): RequestInfo {
  return { requestId: requestIdFrom(req), method: req.method ?? 'GET', path, startedAt: performance.now() };
}

export function elapsedSeconds(info: RequestInfo): number {
  return (performance.now() - info.startedAt) / 1000;
}

/** One line per request, written when the response is done (or the client went away). */
export function logRequest(logger: Logger, info: RequestInfo, status: number, completed: boolean): void {
  const line = {
    requestId: info.requestId,
    method: info.method,
    path: info.path,
    status,
    ms: Math.round(elapsedSeconds(info) * 10_000) / 10,
    ...(info.operationName ? { operationName: info.operationName } : {}),
    ...(info.operationType ? { operationType: info.operationType } : {}),
    ...(info.keyName ? { key: info.keyName } : {}),
    ...(completed ? {} : { aborted: true }),
  };
  if (QUIET_PATHS.has(info.path)) logger.debug(line, 'request');
  else logger.info(line, 'request');
}

// Apollo hands plugins a shallow copy of the context object; a symbol-keyed property
// survives that copy, so the HTTP layer and the plugins share one RequestInfo.
const REQUEST_INFO = Symbol('requestInfo');

export function attachRequestInfo<T extends object>(context: T, info: RequestInfo): T {
  Object.defineProperty(context, REQUEST_INFO, { value: info, enumerable: true });
  return context;
}

export function requestInfoOf(context: unknown): RequestInfo | undefined {
  return context && typeof context === 'object' ? (context as { [REQUEST_INFO]?: RequestInfo })[REQUEST_INFO] : undefined;
}

const FIXED_ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/']);

/** The route label for metrics: a known path, a /v1 path the ingest handler accepted, else "unmatched" (bounded cardinality). */
export function routeLabel(path: string, status: number): string {
  if (FIXED_ROUTES.has(path)) return path;
  if (/^\/v1\/[a-z]{1,10}$/.test(path) && status !== 404) return path;
  return 'unmatched';
}
