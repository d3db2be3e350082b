import type http from 'node:http';
import type { Logger } from 'pino';
import { withReadSession, type ReadSession } from '../db';
import type { AppMetrics } from '../ops';
import { sendJson } from './endpoints';
import { errorBody, errorHeaders, expectedFailure, graphqlErrorBody } from './errors';
import type { FailureLog } from './failure-log';
import type { RequestTracker } from './graceful-shutdown';
import { elapsedSeconds, logRequest, routeLabel, startRequest, type RequestInfo } from './request-log';

/** What this request's reads follow (src/db/read-replicas.ts): its key's recent writes are visible; a mutation reads the primary. */
function readSessionOf(info: RequestInfo): ReadSession {
  return {
    get keyId() {
      return info.keyId;
    },
    get writes() {
      return info.operationType === 'mutation';
    },
  };
}

export type Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL, info: RequestInfo) => Promise<void>;

export interface RequestCycleDeps {
  route: Route;
  requests: RequestTracker;
  failures: FailureLog;
  metrics: AppMetrics;
  logger: Logger;
}

/**
 * What every HTTP request goes through around its route: a request id, tracking for the
 * drain at shutdown, one log line and one duration sample when it closes, and the one
 * answer to a failure (an expected one with its status and code, anything else a masked 500).
 */
export function requestCycle({ route, requests, failures, metrics, logger }: RequestCycleDeps) {
  function finished(info: RequestInfo, res: http.ServerResponse) {
    // 499 (nginx's "client closed request") when the client left before any answer was sent.
    const status = res.headersSent ? res.statusCode : 499;
    metrics.observeRequest({ route: routeLabel(info.path, status), operationName: info.operationName, operationType: info.operationType, status }, elapsedSeconds(info));
    logRequest(logger, info, status, res.writableFinished);
  }

  function failed(res: http.ServerResponse, url: URL, info: RequestInfo, error: unknown): void {
    failures.log([error], info);
    const failure = expectedFailure(error);
    if (failure && !res.headersSent) {
      const { status, body } = url.pathname === '/graphql' ? graphqlErrorBody(failure) : errorBody(failure);
      for (const [name, value] of Object.entries(errorHeaders(failure))) res.setHeader(name, value);
      return sendJson(res, status, body);
    }
    if (!res.headersSent) sendJson(res, 500, { error: { message: 'Internal server error', code: 'INTERNAL_SERVER_ERROR' } });
    else res.end();
  }

  return async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const info = startRequest(req, url.pathname);
    res.setHeader('x-request-id', info.requestId);
    requests.track(res);
    res.once('close', () => finished(info, res));
    try {
      await withReadSession(readSessionOf(info), () => route(req, res, url, info));
    } catch (error) {
      failed(res, url, info, error);
    }
  };
}
