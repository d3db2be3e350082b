import type http from 'node:http';
import type { Queryable } from '../db';
import type { AppMetrics, Readiness } from '../ops';
import type { Admission } from './admission';
import type { CorsPolicy } from './cors';
import { send, sendJson, serveHealth, serveMetrics, serveReadiness } from './endpoints';
import { landingPage } from './landing-page';
import type { Route } from './request-cycle';
import type { RequestInfo } from './request-log';
import { handleSegmentRequest, type SegmentEndpointDeps } from './segment-v1';

export interface RoutesDeps {
  graphql: Route;
  cors: CorsPolicy;
  admission: Admission;
  ingest: SegmentEndpointDeps['ingest'];
  wrote?: SegmentEndpointDeps['wrote'];
  maxBodyBytes: number;
  database: Queryable;
  readiness: Readiness;
  metrics: AppMetrics;
  metricsToken?: string;
}

/** Every path the server answers: /graphql and /v1/* (both behind CORS), the probes and /metrics, the landing page. */
export function routes(deps: RoutesDeps): Route {
  const { cors, admission } = deps;
  const segmentEndpoint = (req: http.IncomingMessage, info: RequestInfo): SegmentEndpointDeps => ({
    ingest: deps.ingest,
    wrote: deps.wrote,
    maxBodyBytes: deps.maxBodyBytes,
    // The ingest handler authenticates itself (the write key may be in the body): admit it there.
    authenticate: async (secret: string, userToken?: string) => {
      const principal = await admission.writeKey(secret, userToken, req.headers.origin);
      if (principal) admission.admit(principal, info);
      return principal;
    },
  });

  return async (req, res, url, info) => {
    if (url.pathname === '/graphql') return cors.apply(req, res) ? deps.graphql(req, res, url, info) : undefined;
    if (url.pathname.startsWith('/v1/')) return cors.apply(req, res) ? handleSegmentRequest(req, res, url.pathname, segmentEndpoint(req, info)) : undefined;
    if (url.pathname === '/healthz') return serveHealth(res, deps.database);
    if (url.pathname === '/readyz') return serveReadiness(res, deps.readiness);
    if (url.pathname === '/metrics') return serveMetrics(req, res, deps.metrics, deps.metricsToken);
    if (url.pathname === '/') return send(res, 200, landingPage(), 'text/html; charset=utf-8');
    return sendJson(res, 404, { error: { message: `No route ${url.pathname}`, code: 'NOT_FOUND' } });
  };
}
