import { ValidationError } from '../common';
import type { Queryable } from '../db';
import { positionOf } from './bucketing';

/**
 * The global holdout: a share of people who never see any experiment. Each experiment keeps
 * the holdout as it was when it started, so changing it never moves anyone already in a
 * running experiment. Someone held out is served the control's experience and recorded under
 * this variant key, which no real variant can have (keys start with a letter or digit), so
 * results report them apart from the arms.
 */
export const HOLDOUT_VARIANT = '_holdout';

/** At most half the traffic: a holdout is a small reference group, not an arm. */
export const MAX_HOLDOUT_SHARE = 0.5;

export interface HoldoutSettings {
  share: number;
  seed: string;
}

export interface GlobalHoldout extends HoldoutSettings {
  updatedAt: Date;
}

const SELECT_HOLDOUT = `select share, seed, updated_at from experiment_holdout`;
const UPDATE_HOLDOUT = `update experiment_holdout set share = $1, seed = $2, updated_at = now() returning share, seed, updated_at`;

/**
 * Held out when SHA-256 of (holdout seed, the experiment's hashing unit value) falls in the
 * first `share` of [0, 1): independent of every experiment's own hash, and the same person for
 * every experiment hashing the same unit.
 */
export function isHeldOut(holdout: HoldoutSettings | null, unitValue: string): boolean {
  return !!holdout && holdout.share > 0 && positionOf('SHA256', holdout.seed, unitValue) < holdout.share;
}

export function validateHoldout(share: number, seed: string | null | undefined): HoldoutSettings {
  if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > MAX_HOLDOUT_SHARE) {
    throw new ValidationError(`must be a number from 0 to ${MAX_HOLDOUT_SHARE}`, 'share');
  }
  const s = seed ?? 'holdout';
  if (typeof s !== 'string' || !s.length || s.length > 200) throw new ValidationError('must be 1–200 characters', 'seed');
  return { share, seed: s };
}

type HoldoutRow = { share: number; seed: string; updated_at: Date };
const toHoldout = (r: HoldoutRow): GlobalHoldout => ({ share: r.share, seed: r.seed, updatedAt: r.updated_at });

export async function readHoldout(q: Queryable): Promise<GlobalHoldout> {
  return toHoldout((await q.query<HoldoutRow>(SELECT_HOLDOUT)).rows[0]);
}

/** Applies to experiments started from now on; running ones keep the holdout they started with. */
export async function writeHoldout(q: Queryable, settings: HoldoutSettings): Promise<GlobalHoldout> {
  return toHoldout((await q.query<HoldoutRow>(UPDATE_HOLDOUT, [settings.share, settings.seed])).rows[0]);
}
