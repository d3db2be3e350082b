/**
 * A request source makes the bodies the load generator sends. It runs inside the
 * load-generator child process (bench/load/driver.ts), so a scenario names it by
 * module path and passes it plain JSON options.
 */
export interface RequestSource {
  /** The body of the next request; `context` lives until that request's response. */
  body(context: Record<string, unknown>): string;
  /** Sees each response with the context of the request it answers. */
  onResponse?(status: number, body: string, context: Record<string, unknown>): void;
  /** False marks the response a mismatch (e.g. a 200 carrying GraphQL `errors`). */
  verify?(body: string): boolean;
  /** Whatever the scenario wants back after the run (counts, ids, first error). */
  summary?(): unknown;
}

export interface SourceSpec {
  /** Absolute path of a compiled module exporting `createSource(options): RequestSource`. */
  module: string;
  options: unknown;
}

export interface LoadSpec {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  connections: number;
  /** Seconds. */
  duration: number;
  warmup: number;
  /** Offered load in requests/s over all connections; unset = as fast as answers come (saturation). */
  overallRate?: number;
  source: SourceSpec;
}

export interface LoadFigures {
  /** Mean requests per second over the measured run (autocannon's per-second samples). */
  rps: number;
  latency: { p50: number; p90: number; p99: number; mean: number; max: number };
  /** Paced runs: how late the generator itself noticed requests were due (its own stalls, counted in `latency` too). */
  generatorLag?: LoadFigures['latency'];
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  mismatches: number;
  duration: number;
}

/** What the driver sends back to the parent. */
export type DriverMessage =
  | { type: 'measuring' }
  | { type: 'done'; warmup?: LoadFigures; measured: LoadFigures; source: unknown }
  | { type: 'failed'; error: string };

/** A GraphQL response body with no `errors` key (cheap check first, parse only if needed). */
export function graphqlOk(body: string): boolean {
  if (!body.includes('"errors"')) return true;
  try {
    return !(JSON.parse(body) as { errors?: unknown }).errors;
  } catch {
    return false;
  }
}
