/** Where a failed background refresh is reported (the server's logger). */
export interface RefreshLog {
  error(details: Record<string, unknown>, message: string): void;
}

/** The two refreshes ingest calls for; each says false when it must come back later (lock busy, work left). */
export interface IngestRefreshWork {
  popularity(): Promise<boolean>;
  lists(): Promise<boolean>;
}

/**
 * Keeps popularity and the asked-for FOR_YOU lists current after ingest without slowing the
 * ingestion transaction or the read: a committed batch with orders (or a read of a stale list) only sets a flag,
 * and one refresh runs `delayMs` later, whatever arrived meanwhile (a trailing throttle:
 * under steady traffic it runs once per interval rather than never, as a debounce would).
 * Single-flight per instance; the work itself takes the refresh lock, so instances do not
 * pile up either. Not started in command-line tools: the importer refreshes once at the end.
 */
export class RefreshAfterIngest {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;
  private popularityDue = false;
  private listsDue = false;
  private log: RefreshLog | undefined;

  constructor(
    private readonly delayMs: number,
    private readonly work: IngestRefreshWork,
  ) {}

  start(log: RefreshLog): void {
    this.log = log;
    this.started = this.delayMs > 0;
    this.schedule();
  }

  /** Stops scheduling and waits for a refresh in progress. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** What is due: popularity (a batch with orders committed), lists (a read asked for a stale one). */
  noticed(due: { popularity?: boolean; lists?: boolean }): void {
    this.popularityDue ||= !!due.popularity;
    this.listsDue ||= !!due.lists;
    this.schedule();
  }

  /** Resolves when no refresh is scheduled or running (tests, and a drain). */
  async idle(): Promise<void> {
    while (this.running || this.timer) await (this.running ?? new Promise((resolve) => setTimeout(resolve, 10)));
  }

  private schedule(): void {
    if (!this.started || this.timer || this.running || !(this.popularityDue || this.listsDue)) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, this.delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    const popularity = this.popularityDue;
    const lists = this.listsDue;
    this.popularityDue = this.listsDue = false;
    // Flags set while this runs (batches committed meanwhile) stay set for the next run.
    if (popularity && !(await this.attempt(() => this.work.popularity()))) this.popularityDue = true;
    if (lists && !(await this.attempt(() => this.work.lists()))) this.listsDue = true;
  }

  /** A failure is logged and retried after the next interval, like a busy lock. */
  private async attempt(work: () => Promise<boolean>): Promise<boolean> {
    try {
      return await work();
    } catch (error) {
      this.log?.error({ err: error }, 'refreshing recommendations after ingest failed; retrying after the next interval');
      return false;
    }
  }
}
