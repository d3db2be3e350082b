import { ValidationError } from '../common';
import type { IngestService } from '../ingest';
import type { SegmentsService } from '../segments';
import type { AppMetrics, RecomputeTrigger } from './metrics';
import { TIMED, type Timings } from './timings';

/** The parts of the composition root this file instruments. */
export interface Instrumented {
  ingest: IngestService;
  segments: SegmentsService;
  timings: Timings;
}

/**
 * Feeds the metrics without the services knowing: the real-time evaluation reports through
 * the Timings port; ingest outcomes and full recomputes are counted by wrapping the methods
 * every caller (resolvers, /v1, the scheduler, scoring) goes through, on these instances only.
 */
export function instrumentServices(services: Instrumented, metrics: AppMetrics): void {
  services.timings.on((name, seconds) => {
    if (name === TIMED.segmentsRealtime) metrics.observeRealtime(seconds);
  });
  countIngestOutcomes(services.ingest, metrics);
  const recomputes: [keyof SegmentsService & ('recompute' | 'recomputeTimeSensitive' | 'recomputeUsingStats'), RecomputeTrigger][] = [
    ['recompute', 'request'],
    ['recomputeTimeSensitive', 'schedule'],
    ['recomputeUsingStats', 'stats'],
  ];
  for (const [method, trigger] of recomputes) {
    const original = services.segments[method].bind(services.segments) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(services.segments, {
      [method]: async (...args: unknown[]) => {
        const started = performance.now();
        try {
          return await original(...args);
        } finally {
          metrics.observeRecompute(trigger, (performance.now() - started) / 1000);
        }
      },
    });
  }
}

/** Normalizing refuses a whole batch when any event is invalid: all of its events count as rejected. */
function countIngestOutcomes(ingest: IngestService, metrics: AppMetrics): void {
  const normalize = ingest.normalize.bind(ingest);
  const normalizeOne = ingest.normalizeOne.bind(ingest);
  const store = ingest.ingest.bind(ingest);
  const rejecting = <A extends unknown[], R>(fn: (...args: A) => R, count: (...args: A) => number) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        if (error instanceof ValidationError) metrics.countIngest('rejected', count(...args));
        throw error;
      }
    };
  Object.assign(ingest, {
    normalize: rejecting(normalize, (raw) => (Array.isArray(raw) ? raw.length : 1)),
    normalizeOne: rejecting(normalizeOne, () => 1),
    ingest: async (...args: Parameters<IngestService['ingest']>) => {
      const result = await store(...args);
      metrics.countIngest('accepted', result.accepted);
      metrics.countIngest('duplicate', result.duplicates);
      metrics.countIngest('suppressed', result.suppressed);
      return result;
    },
  });
}
