import { ValidationError } from '../common';
import type { ExperimentVariant } from './experiments.types';

export const EXPERIMENT_KEY = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const KEY_HELP = 'must be 1–64 characters of a-z, 0-9, _ . - starting with a letter or digit';
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 10;
const MAX_EVENT_NAME = 200;

export interface VariantInput {
  key: string;
  weight?: number | null;
  control?: boolean | null;
}

export function validateExperimentKey(key: string, path = 'key'): string {
  if (typeof key !== 'string' || !EXPERIMENT_KEY.test(key)) throw new ValidationError(KEY_HELP, path);
  return key;
}

export function validateName(name: string | undefined | null, path = 'name'): string {
  if (typeof name !== 'string' || !name.trim()) throw new ValidationError('must not be empty', path);
  return name.trim();
}

export function validateGoalEvent(goalEvent: string | undefined | null, path = 'goalEvent'): string {
  if (typeof goalEvent !== 'string' || !goalEvent.trim()) throw new ValidationError('is required: the event name that counts as a conversion', path);
  if (goalEvent.length > MAX_EVENT_NAME) throw new ValidationError(`must be at most ${MAX_EVENT_NAME} characters`, path);
  return goalEvent.trim();
}

const MAX_SEED = 200;

/** A seed, or null for "the key". */
export function validateSeed(seed: string | null | undefined, path = 'seed'): string | null {
  if (seed == null) return null;
  if (typeof seed !== 'string' || !seed.length || seed.length > MAX_SEED) throw new ValidationError(`must be 1–${MAX_SEED} characters`, path);
  return seed;
}

/** A share of traffic in (0, 1]; 1 when absent. */
export function validateCoverage(coverage: number | null | undefined, path = 'coverage'): number {
  if (coverage == null) return 1;
  if (typeof coverage !== 'number' || !Number.isFinite(coverage) || coverage <= 0 || coverage > 1) throw new ValidationError('must be a number in (0, 1]', path);
  return coverage;
}

/**
 * 2–10 variants with unique keys and positive weights, normalized to sum to 1. Exactly one
 * is the control: the one marked, or the first when none is.
 */
export function validateVariants(variants: readonly VariantInput[] | undefined | null, path = 'variants'): ExperimentVariant[] {
  if (!Array.isArray(variants) || variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    throw new ValidationError(`must hold ${MIN_VARIANTS} to ${MAX_VARIANTS} variants`, path);
  }
  const seen = new Map<string, number>();
  let controlAt: number | null = null;
  variants.forEach((v, i) => {
    validateExperimentKey(v.key, `${path}[${i}].key`);
    const first = seen.get(v.key);
    if (first !== undefined) throw new ValidationError(`duplicates ${path}[${first}].key "${v.key}"`, `${path}[${i}].key`);
    seen.set(v.key, i);
    const weight = v.weight ?? 1;
    if (typeof weight !== 'number' || !Number.isFinite(weight) || weight <= 0) throw new ValidationError('must be a positive number', `${path}[${i}].weight`);
    if (v.control) {
      if (controlAt !== null) throw new ValidationError(`only one variant may be the control (${path}[${controlAt}] already is)`, `${path}[${i}].control`);
      controlAt = i;
    }
  });
  const total = variants.reduce((sum, v) => sum + (v.weight ?? 1), 0);
  const control = controlAt ?? 0;
  return variants.map((v, i) => ({ key: v.key, weight: (v.weight ?? 1) / total, control: i === control }));
}

/** While RUNNING only weights may move: same keys, same order (bucketing order), same control. */
export function sameArms(current: readonly ExperimentVariant[], next: readonly ExperimentVariant[]): boolean {
  return current.length === next.length && current.every((v, i) => v.key === next[i].key && v.control === next[i].control);
}
