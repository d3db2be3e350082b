import type { ScheduledJob } from '../scheduler';
import type { Services } from './services';

/** Every scheduled job, in one list; the scheduler runs them on the one leading instance. */
export function scheduledJobs(services: Services): ScheduledJob[] {
  const { segmentsEveryMs, safetyNetEveryMs, scoringEveryMs } = services.config.scheduler;
  return [
    { name: 'time-sensitive segments without timers', everyMs: segmentsEveryMs, run: () => services.segments.recomputeTimeSensitive() },
    { name: 'computed traits (safety net)', everyMs: safetyNetEveryMs, run: () => services.computedTraits.recomputeAll() },
    { name: 'timed segments (safety net under the expiry worker)', everyMs: safetyNetEveryMs, run: () => services.segments.recomputeTimed() },
    { name: 'scoring (RFM, lifecycle, BG/NBD)', everyMs: scoringEveryMs, run: () => services.scoring.runScheduled() },
    services.triggers.scheduledJob(),
    services.webhooks.scheduledJob(),
    services.recommendations.scheduledJob(),
    services.eventPartitions.scheduledJob(),
  ];
}
