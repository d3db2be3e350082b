import type { Scenario } from './types';
import { profileById } from './profile-by-id';
import { ingestBatch } from './ingest-batch';
import { segmentRecompute } from './segment-recompute';
import { segmentRecomputeMix } from './segment-recompute-mix';
import { segmentStatsHistory } from './segment-stats-history';
import { ingest20Segments, ingest20SegmentsComputed } from './ingest-20-segments';
import { expiryLapse } from './expiry-lapse';
import { personalize } from './personalize';
import { experimentVariant } from './experiment-variant';
import { subscriberLatency } from './subscriber-latency';
import { recommendationsForYou, userContext } from './user-queries';
import { twoInstancesIngestBatch, twoInstancesProfileById } from './two-instances';

/**
 * Every scenario `npm run bench` knows, in run order. To add one, write
 * bench/scenarios/<name>.ts exporting a Scenario (and, for varying bodies, a
 * <name>.source.ts exporting createSource) and list it here.
 */
export const scenarios: Scenario[] = [profileById, ingestBatch, segmentRecompute, segmentRecomputeMix, segmentStatsHistory, ingest20Segments, ingest20SegmentsComputed, expiryLapse, subscriberLatency, personalize, experimentVariant, recommendationsForYou, userContext, twoInstancesProfileById, twoInstancesIngestBatch];

export function selectScenarios(only: string[]): Scenario[] {
  if (!only.length) return scenarios;
  const unknown = only.filter((n) => !scenarios.some((s) => s.name === n));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}`);
  return only.map((n) => scenarios.find((s) => s.name === n)!);
}
