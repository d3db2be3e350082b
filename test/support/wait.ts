export interface UntilOptions {
  /** How long to keep checking before failing (default 5 s). */
  timeoutMs?: number;
  /** What is awaited, for the error message, e.g. 'the server to start'. */
  what?: string;
  /**
   * The pause between checks. 0 (the default) checks again on the next turn of the event
   * loop, for state in this process; conditions that query a database or another process
   * want a pause of some milliseconds.
   */
  intervalMs?: number;
}

/** Waits, without fixed sleeps, until `condition` (sync or async) holds; throws once `timeoutMs` has passed. */
export async function until(condition: () => boolean | Promise<boolean>, options: UntilOptions = {}): Promise<void> {
  const { timeoutMs = 5_000, what = 'the condition', intervalMs = 0 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => (intervalMs > 0 ? setTimeout(resolve, intervalMs) : setImmediate(resolve)));
  }
}
