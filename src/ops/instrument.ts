import { TIMED, type Timings } from '../common';
import type { IngestService } from '../ingest';
import type { AppMetrics, RecomputeTrigger } from './metrics';

/** The parts of the composition root whose work the metrics observe. */
export interface Instrumented {
  ingest: Pick<IngestService, 'onOutcome'>;
  timings: Timings;
}

const RECOMPUTES: Record<string, RecomputeTrigger> = {
  [TIMED.recomputeRequest]: 'request',
  [TIMED.recomputeSchedule]: 'schedule',
  [TIMED.recomputeStats]: 'stats',
};

/**
 * Feeds the metrics from where the work happens, without the services knowing about
 * prom-client: ingestion reports what became of the events it was offered; segments
 * time their real-time evaluation and full recomputes through the Timings port.
 */
export function instrumentServices(services: Instrumented, metrics: AppMetrics): void {
  services.ingest.onOutcome((outcome, events, reason) => metrics.countIngest(outcome, events, reason));
  services.timings.on((name, seconds) => {
    if (name === TIMED.segmentsRealtime) metrics.observeRealtime(seconds);
    else if (RECOMPUTES[name]) metrics.observeRecompute(RECOMPUTES[name], seconds);
  });
}
