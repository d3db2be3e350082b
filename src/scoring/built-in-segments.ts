/**
 * Built-in segments: one per RFM cell, lifecycle stage and value tier, defined as stat
 * leaves on the scores, so they follow every scoring run (recomputeUsingStats).
 */
import { ConflictError } from '../common';
import type { SegmentInput, SegmentsService } from '../segments';
import { LIFECYCLE_STAGES, VALUE_TIERS } from './lifecycle';
import { RFM_CELLS, slugOf } from './rfm';

type ScoreStat = 'rfm_segment' | 'lifecycle' | 'value_tier';

function builtIn(prefix: string, label: string, stat: ScoreStat, value: string, description: string): SegmentInput {
  return {
    key: `${prefix}-${slugOf(value)}`,
    name: `${label}: ${value.replace(/_/g, ' ')}`,
    description,
    definition: { stat: { name: stat, op: 'eq', value } },
  };
}

/** Keys `rfm-champions` …, `lifecycle-new` …, `value-high-value`, `value-potential`. */
export function builtInSegmentInputs(): SegmentInput[] {
  return [
    ...RFM_CELLS.map((cell) => builtIn('rfm', 'RFM', 'rfm_segment', cell, `Buyers in the RFM cell "${cell}" (scoring job).`)),
    ...LIFECYCLE_STAGES.map((stage) =>
      builtIn('lifecycle', 'Lifecycle', 'lifecycle', stage, stage === 'prospect'
        ? 'Registered people (a userId) who have not ordered (ingest and the scoring job).'
        : `Buyers in the lifecycle stage "${stage}" (ingest when they order, the scoring job as time passes).`),
    ),
    ...VALUE_TIERS.map((tier) => builtIn('value', 'Value', 'value_tier', tier, `Buyers in the value tier "${tier}" (scoring job).`)),
  ];
}

const UNIQUE_VIOLATION = '23505';

/**
 * Creates the built-in segments that do not exist yet; leaves existing ones alone.
 * Safe to call on every start and from several instances at once. Returns the keys created.
 */
export async function ensureBuiltInSegments(services: { segments: SegmentsService }): Promise<string[]> {
  const existing = await services.segments.catalog.byKey();
  const created: string[] = [];
  for (const input of builtInSegmentInputs().filter((s) => !existing.has(s.key))) {
    try {
      await services.segments.create(input, { builtIn: true });
      created.push(input.key);
    } catch (e) {
      // Another instance created it between our read and our insert.
      if (!(e instanceof ConflictError) && (e as { code?: string }).code !== UNIQUE_VIOLATION) throw e;
    }
  }
  return created;
}
