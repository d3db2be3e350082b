/**
 * What a failure from the database means for the request that met it, decided here once:
 * `unavailable`, the database cannot be reached or is going away (answer 503 and retry
 * later; a connection that saw it is not reused); `bad-value`, a data exception (SQLSTATE
 * class 22: a value out of range, malformed or not text) or an index entry too large (54000),
 * which only a client's value causes and the edge checks missed; undefined for anything else.
 */
export type DatabaseFailure = 'unavailable' | 'bad-value';

/** SQLSTATEs of a server that is shutting down or refusing connections: admin/crash shutdown, cannot connect now, too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** Socket errors when the server is not there (or went away mid-conversation). */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** What `pg` and `pg-pool` (and knex, under MikroORM) say when the connection is lost or cannot be had in time. */
const UNAVAILABLE_MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is closed|Timeout acquiring a connection/i;

type ErrorLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

export function classifyDatabaseError(error: unknown): DatabaseFailure | undefined {
  // Wrappers (MikroORM's exceptions, AggregateError of a dual-stack connect) carry the driver's error inside.
  for (let e = error as ErrorLike | undefined, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_STATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code)) return 'unavailable';
    if (code.length === 5 && (code.startsWith('22') || code === '54000')) return 'bad-value';
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return 'unavailable';
    e = (e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined)) as ErrorLike | undefined;
  }
  return undefined;
}
