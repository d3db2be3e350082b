import { sampleRatio } from './sample-ratio';
import { compareToControl, conversionRate, type ArmCounts } from './statistics';
import type { Experiment, ExperimentResults, VariantResult } from './experiments.types';

export interface VariantCounts extends ArmCounts {
  key: string;
}

/** Rates per variant and each non-control variant against the control. */
export function summarizeResults(experiment: Experiment, counts: readonly VariantCounts[], heldOut: ArmCounts, computedAt: Date): ExperimentResults {
  const controlKey = experiment.variants.find((v) => v.control)?.key ?? experiment.variants[0].key;
  const control = counts.find((c) => c.key === controlKey) ?? { key: controlKey, exposures: 0, conversions: 0 };
  const variants = counts.map((arm): VariantResult => {
    const isControl = arm.key === controlKey;
    const base = { key: arm.key, control: isControl, exposures: arm.exposures, conversions: arm.conversions, rate: conversionRate(arm) };
    if (isControl) return { ...base, difference: null, lift: null, confidenceInterval: null, zScore: null, pValue: null };
    return { ...base, ...compareToControl(arm, control) };
  });
  const weights = counts.map((c) => experiment.variants.find((v) => v.key === c.key)?.weight ?? 0);
  return {
    sampleRatio: sampleRatio(counts.map((c) => c.exposures), weights),
    experiment,
    variants,
    totalExposures: counts.reduce((sum, c) => sum + c.exposures, 0),
    computedAt,
    heldOut,
  };
}
