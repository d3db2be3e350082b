import crypto from 'node:crypto';
import type { TestApp } from './app';
import { ok } from './graphql';
import { CreateExperimentDocument, StartExperimentDocument, type CreateExperimentInput } from '../generated/graphql';

/** Steps the experiment tests share. */

/** Creates a RUNNING experiment with variants control and treatment and goal Order Completed (`input` overrides). */
export async function createRunningExperiment(t: TestApp, key: string, input: Partial<CreateExperimentInput> = {}): Promise<void> {
  await ok(t, CreateExperimentDocument, { input: { key, name: key, goalEvent: 'Order Completed', variants: [{ key: 'control' }, { key: 'treatment' }], ...input } });
  await ok(t, StartExperimentDocument, { key });
}

/** The recorded exposures of an experiment by the exposed profile's user id, in user id order. */
export async function exposuresByUserId(t: TestApp, experimentKey: string): Promise<{ value: string; variant: string }[]> {
  const { rows } = await t.db.query<{ value: string; variant: string }>(
    `select i.value, x.variant from exposures x join experiments e on e.id = x.experiment_id join identities i on i.profile_id = x.profile_id and i.kind = 'user_id'
      where e.key = $1 order by i.value`, [experimentKey]);
  return rows;
}

/** Whether `id` is in a holdout of `share` with `seed`, computed here as bucketing.ts documents SHA-256 positions (not with its code). */
export function heldOut(seed: string, id: string, share: number): boolean {
  const digest = crypto.createHash('sha256').update(`${seed}:${id}`).digest();
  return (digest.readUInt32BE(0) * 2 ** 21 + (digest.readUInt32BE(4) >>> 11)) / 2 ** 53 < share;
}
