import crypto from 'node:crypto';
import { GrowthBook } from '@growthbook/growthbook';
import { positionOf, variantAt } from '../../src/experiments/bucketing';
import { ExperimentsService } from '../../src/experiments';
import { wallClock } from '../../src/common';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { countStatements } from '../support/statements';
import { createRunningExperiment } from '../support/experiments';
import { CreateExperimentDocument, UpdateExperimentDocument, type CreateExperimentInput, type EventInput } from '../generated/graphql';

/**
 * Experiments v2 assignment (issue 16 §1): any id gets a variant with no profile and one read;
 * GrowthBook hashing gives the real GrowthBook SDK's buckets; the variant recorded with the
 * exposure stays through sign-up and merges.
 */
let t: TestApp;
let frontendKey: string;
beforeAll(async () => {
  t = await startTestApp();
  frontendKey = await t.keyWith('personalize');
});
afterAll(() => t.close());

const VARIANT = `query($e: String!, $u: String, $a: String) { experimentVariant(experiment: $e, userId: $u, anonymousId: $a) { experimentKey variant } }`;
const randomIds = (n: number) => Array.from({ length: n }, () => crypto.randomUUID());

const createRunning = (key: string, input: Partial<CreateExperimentInput>) => createRunningExperiment(t, key, input);

/** What GrowthBook's SDK serves this id: the variation's key, or null when it is not in the experiment. */
function growthbookVariant(gb: GrowthBook, id: string, setup: { key: string; seed: string; keys: string[]; weights: number[]; coverage: number }): string | null {
  gb.setAttributes({ id });
  const result = gb.run({ key: setup.key, seed: setup.seed, hashVersion: 2, variations: setup.keys as [string, string, ...string[]], weights: setup.weights, coverage: setup.coverage, hashAttribute: 'id' });
  return result.inExperiment ? result.value : null;
}

test.each([
  { name: '20/30/50 at 80% coverage', seed: 'gb-seed-1', weights: [0.2, 0.3, 0.5], coverage: 0.8 },
  { name: 'three equal thirds, full coverage', seed: 'homepage-hero', weights: [1 / 3, 1 / 3, 1 / 3], coverage: 1 },
  { name: '50/50 at 5% coverage', seed: 'ünïcode seed ✓', weights: [0.5, 0.5], coverage: 0.05 },
])('GrowthBook hashing agrees with the GrowthBook SDK for 10,000 random ids: $name', ({ seed, weights, coverage }) => {
  const keys = weights.map((_, i) => `v${i}`);
  const variants = keys.map((key, i) => ({ key, weight: weights[i] }));
  const gb = new GrowthBook({});
  let included = 0;
  for (const id of randomIds(10_000)) {
    const ours = variantAt('GROWTHBOOK', variants, positionOf('GROWTHBOOK', seed, id), coverage)?.key ?? null;
    expect({ id, ours }).toEqual({ id, ours: growthbookVariant(gb, id, { key: 'x', seed, keys, weights, coverage }) });
    if (ours !== null) included++;
  }
  // Not vacuous: the coverage includes about its share (±5 standard deviations).
  const sd = Math.sqrt(10_000 * coverage * (1 - coverage));
  expect(Math.abs(included - 10_000 * coverage)).toBeLessThanOrEqual(5 * sd + 1);
});

test('a first visit gets the GrowthBook variant through the API, with one read and no profile', async () => {
  const setup = { key: 'first-visit', seed: 'fv-seed', keys: ['control', 'treatment'], weights: [0.4, 0.6], coverage: 0.7 };
  await createRunning(setup.key, {
    hashing: 'GROWTHBOOK', hashingUnit: 'ANONYMOUS_ID', seed: setup.seed, coverage: setup.coverage,
    variants: [{ key: 'control', weight: 0.4 }, { key: 'treatment', weight: 0.6 }],
  });
  const profilesBefore = (await t.db.query(`select count(*)::int as n from profiles`)).rows[0].n;
  // The experiments are kept in memory: once the NOTIFYs of the writes above have arrived, one decision loads them.
  expect(await t.app.services.feed.fence(t.db)).toBe(true);
  expect(await countStatements(t, () => ok(t, VARIANT, { e: setup.key, a: 'warm-up' }, frontendKey))).toBe(2);
  const gb = new GrowthBook({});
  const served: (string | null)[] = [];
  for (const id of randomIds(200)) {
    let answer: { experimentVariant: { variant: string } | null } | undefined;
    const statements = await countStatements(t, async () => {
      answer = (await ok(t, VARIANT, { e: setup.key, a: id }, frontendKey)) as typeof answer;
    });
    expect(statements).toBeLessThanOrEqual(1);
    const variant = answer!.experimentVariant?.variant ?? null;
    expect({ id, variant }).toEqual({ id, variant: growthbookVariant(gb, id, setup) });
    served.push(variant);
  }
  expect(new Set(served)).toEqual(new Set(['control', 'treatment', null]));
  expect((await t.db.query(`select count(*)::int as n from profiles`)).rows[0].n).toBe(profilesBefore);
});

function viewed(anonymousId: string, experiment: string, messageId: string, variation = 'whatever-the-client-says'): EventInput {
  return { type: 'TRACK', messageId, anonymousId, event: 'Experiment Viewed', properties: { experiment_id: experiment, variation_id: variation } };
}

test('the variant recorded with the exposure stays through sign-up, re-weighting and a merge', async () => {
  await createRunning('sticky-signup', { hashingUnit: 'ANONYMOUS_ID' });
  const visitor = 'anon-sticky-1';
  const first = (await ok(t, VARIANT, { e: 'sticky-signup', a: visitor })).experimentVariant.variant;
  // The frontend reports the exposure: the server records its own assignment, not the client's claim.
  await ingest(t, [viewed(visitor, 'sticky-signup', 'sticky-view-1')]);
  const { rows: recorded } = await t.db.query(
    `select x.variant, a.variant as assigned from exposures x join assignments a using (profile_id, experiment_id)
       join identities i on i.profile_id = x.profile_id where i.kind = 'anonymous_id' and i.value = $1`, [visitor]);
  expect(recorded).toEqual([{ variant: first, assigned: first }]);

  // Everyone would now hash to the other variant: the recorded one still wins.
  const other = first === 'control' ? 'treatment' : 'control';
  await ok(t, UpdateExperimentDocument, { key: 'sticky-signup', input: { variants: [{ key: 'control', weight: other === 'control' ? 1e6 : 1e-6 }, { key: 'treatment', weight: other === 'treatment' ? 1e6 : 1e-6 }] } });
  expect((await ok(t, VARIANT, { e: 'sticky-signup', a: 'anon-sticky-fresh' })).experimentVariant.variant).toBe(other);

  // Sign-up: the same profile gains a user id; asked by user id alone (no anonymous id to hash), the variant holds.
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'sticky-signup-identify', anonymousId: visitor, userId: 'user-sticky-1' }]);
  expect((await ok(t, VARIANT, { e: 'sticky-signup', u: 'user-sticky-1' })).experimentVariant.variant).toBe(first);

  // A merge: a known user (with a profile of their own) is later seen with the visitor's anonymous id.
  const visitor2 = 'anon-sticky-2';
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'sticky-known', userId: 'user-sticky-2', traits: { plan: 'pro' } }]);
  await ok(t, UpdateExperimentDocument, { key: 'sticky-signup', input: { variants: [{ key: 'control' }, { key: 'treatment' }] } });
  const before = (await ok(t, VARIANT, { e: 'sticky-signup', a: visitor2 })).experimentVariant.variant;
  await ingest(t, [viewed(visitor2, 'sticky-signup', 'sticky-view-2')]);
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'sticky-merge', anonymousId: visitor2, userId: 'user-sticky-2' }]);
  const merged = await t.db.query(`select count(*)::int as n from profile_merges`);
  expect(merged.rows[0].n).toBeGreaterThan(0);
  expect((await ok(t, VARIANT, { e: 'sticky-signup', u: 'user-sticky-2' })).experimentVariant.variant).toBe(before);
});

test('coverage and hashing units: outside the coverage or without the unit, no variant and nothing recorded', async () => {
  await createRunning('signed-in-only', { hashingUnit: 'USER_ID', coverage: 0.5 });
  expect((await ok(t, VARIANT, { e: 'signed-in-only', a: 'anon-no-user' })).experimentVariant).toBeNull();
  const answers = await Promise.all(randomIds(400).map(async (u) => (await ok(t, VARIANT, { e: 'signed-in-only', u })).experimentVariant));
  const included = answers.filter((a) => a !== null).length;
  expect(included).toBeGreaterThan(400 * 0.5 - 5 * 10); // 5 standard deviations (sd = 10)
  expect(included).toBeLessThan(400 * 0.5 + 5 * 10);
  // Unknown users: no profile, so nothing was written.
  const { rows } = await t.db.query(`select count(*)::int as n from assignments a join experiments e on e.id = a.experiment_id where e.key = 'signed-in-only'`);
  expect(rows[0].n).toBe(0);
});

test('bad hashing settings are clear errors; a running experiment keeps its hashing but may ramp its coverage', async () => {
  const create = (input: Partial<CreateExperimentInput>) => t.gql(CreateExperimentDocument, { input: { key: 'bad-hashing', name: 'x', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }], ...input } });
  for (const [input, path] of [[{ coverage: 0 }, 'coverage'], [{ coverage: 1.5 }, 'coverage'], [{ seed: '' }, 'seed'], [{ seed: 'x'.repeat(201) }, 'seed']] as const) {
    const res = await create(input);
    expect({ input, error: res.errors?.[0].extensions }).toEqual({ input, error: expect.objectContaining({ code: 'BAD_USER_INPUT', path }) });
  }
  expect((await t.db.query(`select 1 from experiments where key = 'bad-hashing'`)).rowCount).toBe(0);

  await createRunning('ramping', { hashing: 'GROWTHBOOK', hashingUnit: 'ANONYMOUS_ID', coverage: 0.2 });
  for (const [input, path] of [[{ hashing: 'SHA256' }, 'hashing'], [{ hashingUnit: 'USER_ID' }, 'hashingUnit'], [{ seed: 'other' }, 'seed']] as const) {
    const res = await t.gql(UpdateExperimentDocument, { key: 'ramping', input });
    expect({ input, error: res.errors?.[0].extensions }).toEqual({ input, error: expect.objectContaining({ code: 'CONFLICT', path }) });
  }
  // Ramping up: everyone included at 20% is still in, in the same variant, at 60%.
  const ids = randomIds(300);
  const variantsAt = async () => Promise.all(ids.map(async (a) => (await ok(t, VARIANT, { e: 'ramping', a })).experimentVariant?.variant ?? null));
  const before = await variantsAt();
  expect((await ok(t, UpdateExperimentDocument, { key: 'ramping', input: { coverage: 0.6 } })).updateExperiment.coverage).toBe(0.6);
  const after = await variantsAt();
  expect(before.every((v, i) => v === null || after[i] === v)).toBe(true);
  expect(after.filter((v) => v !== null).length).toBeGreaterThan(before.filter((v) => v !== null).length);
});

test('an instance keeps the experiments in memory and reloads them when another instance changes one (NOTIFY from a trigger)', async () => {
  await createRunning('kept', { hashingUnit: 'ANONYMOUS_ID' });
  // A second service over the same database and feed stands for another instance: only the trigger's NOTIFY tells it.
  const other = new ExperimentsService(t.db, t.app.services.segments, wallClock, t.app.services.feed);
  expect(await t.app.services.feed.fence(t.db)).toBe(true);
  expect(await countStatements(t, () => other.serve('kept', { anonymousId: 'kept-1' }))).toBe(2);
  expect(await countStatements(t, () => other.serve('kept', { anonymousId: 'kept-2' }))).toBe(1);
  expect(await other.serve('kept', { anonymousId: 'kept-1' })).not.toBeNull();
  await t.app.services.experiments.stop('kept');
  expect(await t.app.services.feed.fence(t.db)).toBe(true);
  expect(await other.serve('kept', { anonymousId: 'kept-1' })).toBeNull();
  // A row deleted by hand reaches it the same way.
  await t.db.query(`delete from experiments where key = 'kept'`);
  expect(await t.app.services.feed.fence(t.db)).toBe(true);
  await expect(other.serve('kept', { anonymousId: 'kept-1' })).rejects.toThrow('No experiment "kept"');
});
