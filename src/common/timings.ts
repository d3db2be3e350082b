/** Receives how long a named piece of work took. */
export type TimingListener = (name: string, seconds: number) => void;

/** Names services report under (the metrics in src/ops/metrics.ts listen for these). */
export const TIMED = {
  segmentsRealtime: 'segments.realtime',
  /** Full recomputes, by what asked: an admin, the scheduler (time-sensitive), scoring (segments on scores). */
  recomputeRequest: 'segments.recompute.request',
  recomputeSchedule: 'segments.recompute.schedule',
  recomputeStats: 'segments.recompute.stats',
} as const;

/**
 * A metrics port: the composition root times work through it without the services
 * knowing about prom-client or who listens.
 */
export class Timings {
  private readonly listeners = new Set<TimingListener>();

  on(listener: TimingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const seconds = (performance.now() - started) / 1000;
      for (const listener of this.listeners) listener(name, seconds);
    }
  }
}
