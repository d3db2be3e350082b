import type http from 'node:http';
import cors from 'cors';
import vary from 'vary';
import { ForbiddenError } from '../common';
import type { Principal } from '../auth';
import type { CorsConfig } from '../config';
import { sendJson } from './endpoints';

/**
 * What a browser may send cross-origin: the key, the JSON body (maybe gzipped), an end-user
 * token, and the headers Apollo's CSRF prevention asks of a GET (persisted queries).
 */
const ALLOWED_HEADERS = ['authorization', 'content-type', 'content-encoding', 'x-user-token', 'apollo-require-preflight', 'x-apollo-operation-name'];
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 h). */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * CORS for /graphql and /v1/*. An origin is allowed when CORS_ORIGINS lists it (or is
 * `*`) or when some active key's `allowedOrigins` does: a preflight carries no key, so
 * this instance keeps that union in memory and refreshes it when keys change. Allowed
 * origins get the `cors` package's headers; others get none (and a preflight from one
 * gets a 403). A key's own list is checked after authentication (assertKeyServesOrigin).
 */
export class CorsPolicy {
  private readonly configured: '*' | ReadonlySet<string>;
  private keyOrigins: ReadonlySet<string> = new Set();
  private loading?: Promise<void>;
  private queued?: Promise<void>;
  private readonly answer = cors({
    origin: true,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: ['x-request-id', 'retry-after'],
    maxAge: PREFLIGHT_MAX_AGE_S,
  });

  constructor(
    config: CorsConfig,
    /** Every origin some active key is restricted to. */
    private readonly keyOriginsSource: () => Promise<string[]>,
  ) {
    this.configured = config.origins === '*' ? '*' : new Set(config.origins);
  }

  allows(origin: string): boolean {
    return this.configured === '*' || this.configured.has(origin) || this.keyOrigins.has(origin);
  }

  /**
   * Applies CORS to a request; false when it was a preflight and has been answered.
   * Requests without `Origin` (servers, curl) go on untouched but for `Vary: Origin`.
   */
  apply(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    vary(res, 'Origin');
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (!this.allows(origin)) {
      if (req.method !== 'OPTIONS') return true;
      sendJson(res, 403, { error: { message: `Origin ${origin} is not allowed: list it in CORS_ORIGINS or in a key's allowedOrigins`, code: 'FORBIDDEN' } });
      return false;
    }
    // The package calls next() synchronously for actual requests and ends preflights itself.
    let goesOn = false;
    this.answer(req, res, () => (goesOn = true));
    return goesOn;
  }

  /**
   * Reloads the keys' origins. A change arriving while a load runs queues one more load,
   * since the running one may have read before that change committed.
   */
  refresh(): Promise<void> {
    if (!this.loading) {
      this.loading = this.keyOriginsSource().then((origins) => {
        this.keyOrigins = new Set(origins);
      });
      const clear = () => (this.loading = undefined);
      this.loading.then(clear, clear);
      return this.loading;
    }
    this.queued ??= this.loading
      .catch(() => {})
      .then(() => {
        this.queued = undefined;
        return this.refresh();
      });
    return this.queued;
  }
}

/**
 * A key restricted to some origins, used from a browser at another: FORBIDDEN, before
 * anything runs. CORS_ORIGINS does not widen a key's own list. Without `Origin` (servers,
 * curl) there is nothing to check.
 */
export function assertKeyServesOrigin(principal: Principal, origin: string | undefined): void {
  if (origin === undefined || !principal.allowedOrigins || principal.allowedOrigins.includes(origin)) return;
  throw new ForbiddenError(`This key may be used only from its allowedOrigins; not from ${origin}`, { origin });
}
