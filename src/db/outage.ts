import type { Logger } from 'pino';
import type { Queryable } from './database';
import { classifyDatabaseError } from './failures';

/**
 * Tells the operator once per outage that the database cannot be reached: a warning at the
 * first failure reported, an info when it answers again, instead of an error with a stack
 * for every request that met it. While it is down it asks `select 1` every `probeMs`.
 */
export class DatabaseOutage {
  private since: number | undefined;
  private failures = 0;
  private probe: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: Queryable,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    private readonly probeMs = 1_000,
  ) {}

  /** Whether an outage is under way (the database has not answered since the last failure reported). */
  get down(): boolean {
    return this.since !== undefined;
  }

  /** Notes a failure; true when it was the database being unreachable (then it is logged here, once per outage), false for anything else. */
  report(error: unknown): boolean {
    if (classifyDatabaseError(error) !== 'unavailable') return false;
    this.failures++;
    if (this.since === undefined) {
      this.since = Date.now();
      const { code, message } = (error ?? {}) as { code?: string; message?: string };
      this.logger.warn({ code, reason: message }, 'database unreachable: requests get 503 with Retry-After until it answers again');
      this.schedule();
    }
    return true;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.probe);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.probe = setTimeout(() => void this.check(), this.probeMs);
    this.probe.unref();
  }

  private async check(): Promise<void> {
    try {
      await this.db.query('select 1');
    } catch {
      return this.schedule();
    }
    this.logger.info({ downMs: Date.now() - this.since!, failures: this.failures }, 'database reachable again');
    this.since = undefined;
    this.failures = 0;
  }
}
