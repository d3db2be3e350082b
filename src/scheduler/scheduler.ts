import pg from 'pg';
import type { Logger } from 'pino';

export interface ScheduledJob {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

const LEADER_LOCK = 7357003;

/**
 * Runs periodic jobs on exactly one instance: the one holding a session-level
 * advisory lock on a dedicated connection. If that instance dies, its connection
 * closes, the lock is released and another instance takes over on its next tick.
 */
export class Scheduler {
  private client?: pg.Client;
  private timer?: NodeJS.Timeout;
  private readonly lastRun = new Map<string, number>();
  private running?: Promise<void>;
  private stopped = false;
  isLeader = false;
  runs = 0;

  constructor(
    private readonly url: string,
    private readonly jobs: ScheduledJob[],
    private readonly logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>,
    private readonly tickMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.tick().finally(() => (this.running = undefined));
    }, this.tickMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    if (this.client) {
      await this.client.query('select pg_advisory_unlock_all()').catch(() => {});
      await this.client.end().catch(() => {});
    }
    this.isLeader = false;
  }

  private async tick(): Promise<void> {
    if (this.stopped || !(await this.lead())) return;
    for (const job of this.jobs) {
      const last = this.lastRun.get(job.name) ?? 0;
      if (Date.now() - last < job.everyMs) continue;
      this.lastRun.set(job.name, Date.now());
      const started = Date.now();
      try {
        await job.run();
        this.runs++;
        this.logger.debug({ job: job.name, ms: Date.now() - started }, 'scheduled job done');
      } catch (error) {
        this.logger.error({ err: error, job: job.name }, 'scheduled job failed');
      }
    }
  }

  /** Takes (or keeps) leadership; a broken connection means we are no longer leader. */
  private async lead(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.url });
        client.on('error', () => {});
        client.on('end', () => {
          if (this.client !== client) return;
          this.client = undefined;
          this.isLeader = false;
        });
        await client.connect();
        this.client = client;
      }
      if (!this.isLeader) {
        const { rows } = await this.client.query('select pg_try_advisory_lock($1) as ok', [LEADER_LOCK]);
        this.isLeader = rows[0].ok;
        if (this.isLeader) this.logger.info({}, 'this instance now runs the scheduler');
      }
      return this.isLeader;
    } catch {
      await this.client?.end().catch(() => {});
      this.client = undefined;
      this.isLeader = false;
      return false;
    }
  }
}
