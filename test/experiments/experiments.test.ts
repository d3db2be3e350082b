import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import {
  CreateExperimentDocument, CreateSegmentDocument, StartExperimentDocument, StopExperimentDocument, UpdateExperimentDocument, type CreateExperimentInput,
  type EventInput,
} from '../generated/graphql';
import { Database } from '../../src/db/database';
import { ExperimentsService } from '../../src/experiments/experiments.service';
import { bucket } from '../../src/experiments/bucketing';
import { SegmentCatalog } from '../../src/segments/segment-catalog';
import { SegmentsService } from '../../src/segments/segments.service';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const VARIANT = `query($e: String!, $u: String, $a: String) { experimentVariant(experiment: $e, userId: $u, anonymousId: $a) { experimentKey variant } }`;
const RESULTS = `query($key: String!) { experimentResults(key: $key) {
  totalExposures experiment { key status }
  variants { key control exposures conversions rate difference lift confidenceInterval { lower upper } zScore pValue } } }`;

type Variant = { key: string; weight: number; control: boolean };

async function errorOf<V>(query: string | TypedDocumentNode<unknown, V>, variables?: NoInfer<V>, key?: string) {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toHaveLength(1);
  return { code: res.errors![0].extensions?.code, path: res.errors![0].extensions?.path, message: res.errors![0].message };
}

/** Profiles with user ids `${prefix}-0` … (and optional traits), created in one ingest batch. */
async function makeProfiles(prefix: string, n: number, traits: Record<string, unknown> = {}): Promise<string[]> {
  const events: EventInput[] = Array.from({ length: n }, (_, i) => ({ type: 'IDENTIFY', messageId: `${prefix}-id-${i}`, userId: `${prefix}-${i}`, traits }));
  return (await ingest(t, events)).profileIds;
}

async function createExperiment(key: string, input: Partial<CreateExperimentInput> = {}, start = true): Promise<{ id: string; variants: Variant[] }> {
  const created = await ok(t, CreateExperimentDocument, {
    // These tests are about profiles, hashed by profile id (experiments v2's unit tests are in experiment-units.test.ts).
    input: { key, name: key, goalEvent: 'Order Completed', variants: [{ key: 'control' }, { key: 'treatment' }], hashingUnit: 'PROFILE_ID', ...input },
  });
  if (start) await ok(t, StartExperimentDocument, { key });
  return created.createExperiment;
}

test('lifecycle: DRAFT → RUNNING → STOPPED, one way; a running experiment may only re-weight', async () => {
  const created = (await ok(t, CreateExperimentDocument, {
    input: { key: 'life', name: ' Lifecycle ', goalEvent: 'Signed Up', variants: [{ key: 'a', weight: 1 }, { key: 'b', weight: 3, control: true }] },
  })).createExperiment;
  expect(created).toMatchObject({ key: 'life', name: 'Lifecycle', status: 'DRAFT', startedAt: null, targetingSegment: null });
  expect(created.variants).toEqual([{ key: 'a', weight: 0.25, control: false }, { key: 'b', weight: 0.75, control: true }]);
  expect((await errorOf(CreateExperimentDocument, { input: { key: 'life', name: 'again', goalEvent: 'X', variants: [{ key: 'a' }, { key: 'b' }] } })).code).toBe('CONFLICT');

  const draftEdit = (await ok(t, UpdateExperimentDocument, { key: 'life', input: { goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }, { key: 'c' }] } })).updateExperiment;
  expect(draftEdit.goalEvent).toBe('Order Completed');
  expect(draftEdit.variants.map((v: Variant) => [v.key, v.control])).toEqual([['a', true], ['b', false], ['c', false]]);

  const started = (await ok(t, StartExperimentDocument, { key: 'life' })).startExperiment;
  expect(started.status).toBe('RUNNING');
  expect(Date.parse(started.startedAt!)).toBeGreaterThan(Date.now() - 60_000);
  expect(await errorOf(StartExperimentDocument, { key: 'life' })).toMatchObject({ code: 'CONFLICT' });
  expect(await errorOf(UpdateExperimentDocument, { key: 'life', input: { goalEvent: 'Other' } })).toMatchObject({ code: 'CONFLICT', path: 'goalEvent' });
  expect(await errorOf(UpdateExperimentDocument, { key: 'life', input: { variants: [{ key: 'a' }, { key: 'b' }] } })).toMatchObject({ code: 'CONFLICT', path: 'variants' });
  const reweighted = (await ok(t, UpdateExperimentDocument, { key: 'life', input: { name: 'Ramped', variants: [{ key: 'a', weight: 2 }, { key: 'b', weight: 1 }, { key: 'c', weight: 1 }] } })).updateExperiment;
  expect(reweighted.variants.map((v: Variant) => v.weight)).toEqual([0.5, 0.25, 0.25]);

  const stopped = (await ok(t, StopExperimentDocument, { key: 'life' })).stopExperiment;
  expect(stopped.status).toBe('STOPPED');
  expect(stopped.stoppedAt).not.toBeNull();
  expect((await errorOf(StopExperimentDocument, { key: 'life' })).code).toBe('CONFLICT');
  expect((await errorOf(StartExperimentDocument, { key: 'life' })).code).toBe('CONFLICT');
  expect((await errorOf(UpdateExperimentDocument, { key: 'life', input: { name: 'x' } })).code).toBe('CONFLICT');
  expect((await errorOf(StartExperimentDocument, { key: 'no-such' })).code).toBe('NOT_FOUND');

  const listed = await ok(t, `{ experiments { key status } experiment(key: "life") { name } missing: experiment(key: "nope") { key } }`);
  expect(listed.experiments).toContainEqual({ key: 'life', status: 'STOPPED' });
  expect(listed.experiment.name).toBe('Ramped');
  expect(listed.missing).toBeNull();
});

const valid = { key: 'valid', name: 'V', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }] };
test.each<[string, Partial<CreateExperimentInput>, string]>([
  ['one variant', { variants: [{ key: 'a' }] }, 'variants'],
  ['eleven variants', { variants: Array.from({ length: 11 }, (_, i) => ({ key: `v${i}` })) }, 'variants'],
  ['duplicate variant keys', { variants: [{ key: 'a' }, { key: 'b' }, { key: 'a' }] }, 'variants[2].key'],
  ['a zero weight', { variants: [{ key: 'a', weight: 0 }, { key: 'b' }] }, 'variants[0].weight'],
  ['a negative weight', { variants: [{ key: 'a' }, { key: 'b', weight: -2 }] }, 'variants[1].weight'],
  ['two controls', { variants: [{ key: 'a', control: true }, { key: 'b', control: true }] }, 'variants[1].control'],
  ['a bad variant key', { variants: [{ key: 'a' }, { key: 'B b' }] }, 'variants[1].key'],
  ['no goal event', { goalEvent: '  ' }, 'goalEvent'],
  ['a bad key', { key: 'Not A Key' }, 'key'],
  ['an empty name', { name: '' }, 'name'],
  ['an unknown targeting segment', { targetingSegment: 'no-such-segment' }, 'targetingSegment'],
])('rejects %s, naming the path', async (_what, change, path) => {
  expect(await errorOf(CreateExperimentDocument, { input: { ...valid, ...change } })).toMatchObject({ code: 'BAD_USER_INPUT', path });
});

test('reads need the read scope and writes need admin', async () => {
  const reader = await t.keyWith('read');
  expect((await errorOf(CreateExperimentDocument, { input: { ...valid, key: 'by-reader' } }, reader)).code).toBe('FORBIDDEN');
  await createExperiment('scoped', {}, false);
  expect((await errorOf(StartExperimentDocument, { key: 'scoped' }, reader)).code).toBe('FORBIDDEN');
  expect((await ok(t, `{ experiment(key: "scoped") { status } }`, {}, reader)).experiment.status).toBe('DRAFT');
  const ingestOnly = await t.keyWith('ingest');
  expect((await errorOf(`{ experiments { key } }`, {}, ingestOnly)).code).toBe('FORBIDDEN');
});

test('assignment is deterministic and sticky across calls and across instances', async () => {
  const experiment = await createExperiment('sticky');
  const ids = await makeProfiles('sticky', 40);
  const first = await Promise.all(ids.map((id) => t.app.services.experiments.serve('sticky', { profileId: id })));
  const variants = first.map((s) => s!.variant);
  expect(new Set(variants)).toEqual(new Set(['control', 'treatment']));
  // The hash decides: the service gives what the pure function computes.
  expect(variants).toEqual(ids.map((id) => bucket('sticky', id, experiment.variants).key));
  expect(first[0]).toEqual({ experimentKey: 'sticky', variant: variants[0], holdout: false });
  expect(await Promise.all(ids.map((id) => t.app.services.experiments.assign('sticky', { profileId: id })))).toEqual(variants);

  // A second instance: its own pool and services over the same database.
  const db2 = Database.connect(t.database.url, 2);
  try {
    const other = new ExperimentsService(db2, new SegmentsService(db2, new SegmentCatalog(db2)));
    expect(await Promise.all(ids.map((id) => other.assign('sticky', { profileId: id })))).toEqual(variants);
    const [late] = await makeProfiles('sticky-late', 1);
    const fromOther = await other.serve('sticky', { profileId: late });
    expect(await t.app.services.experiments.serve('sticky', { profileId: late })).toEqual(fromOther);
    // A newcomer's first calls racing on both instances still settle on one assignment and one exposure.
    const [racer] = await makeProfiles('sticky-race', 1);
    const raced = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? other : t.app.services.experiments).serve('sticky', { profileId: racer })));
    expect(new Set(raced.map((r) => r?.variant))).toEqual(new Set([bucket('sticky', racer, experiment.variants).key]));
    expect((await t.db.query(`select 1 from exposures where profile_id = $1`, [racer])).rowCount).toBe(1);
  } finally {
    await db2.close();
  }

  // And over GraphQL, by user id.
  const viaApi = await ok(t, VARIANT, { e: 'sticky', u: 'sticky-7' });
  expect(viaApi.experimentVariant).toEqual({ experimentKey: 'sticky', variant: variants[7] });
});

test('changing weights after assignment keeps existing users where they are', async () => {
  await createExperiment('ramp');
  const ids = await makeProfiles('ramp', 40);
  const before = await Promise.all(ids.map((id) => t.app.services.experiments.assign('ramp', { profileId: id })));
  const ramped = (await ok(t, UpdateExperimentDocument, { key: 'ramp', input: { variants: [{ key: 'control', weight: 1 }, { key: 'treatment', weight: 99 }] } })).updateExperiment;

  const after = await Promise.all(ids.map((id) => t.app.services.experiments.assign('ramp', { profileId: id })));
  expect(after).toEqual(before);
  // Those the new weights alone would have moved are exactly the ones stickiness protects.
  const wouldMove = ids.filter((id, i) => bucket('ramp', id, ramped.variants).key !== before[i]);
  expect(wouldMove.length).toBeGreaterThan(0);

  const newcomers = await makeProfiles('ramp-new', 20);
  const newVariants = await Promise.all(newcomers.map((id) => t.app.services.experiments.assign('ramp', { profileId: id })));
  expect(newVariants).toEqual(newcomers.map((id) => bucket('ramp', id, ramped.variants).key));
});

test('a targeting segment keeps non-members out of the experiment', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'gold', name: 'Gold', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  const created = await createExperiment('gold-only', { targetingSegment: 'gold' });
  expect(created).toMatchObject({ targetingSegment: { key: 'gold' } });
  const [gold] = await makeProfiles('tier-gold', 1, { tier: 'gold' });
  const [silver] = await makeProfiles('tier-silver', 1, { tier: 'silver' });

  expect(await t.app.services.experiments.serve('gold-only', { profileId: gold })).not.toBeNull();
  expect(await t.app.services.experiments.serve('gold-only', { profileId: silver })).toBeNull();
  expect((await ok(t, VARIANT, { e: 'gold-only', u: 'tier-silver-0' })).experimentVariant).toBeNull();
  const { rows } = await t.db.query(`select profile_id from exposures x join experiments e on e.id = x.experiment_id where e.key = 'gold-only'`);
  expect(rows).toEqual([{ profile_id: gold }]);
  const assigned = await t.db.query(`select 1 from assignments a join experiments e on e.id = a.experiment_id where e.key = 'gold-only' and a.profile_id = $1`, [silver]);
  expect(assigned.rowCount).toBe(0);

  // Membership is real time: once the profile qualifies it is in.
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'tier-up', userId: 'tier-silver-0', traits: { tier: 'gold' } }]);
  expect(await t.app.services.experiments.serve('gold-only', { profileId: silver })).not.toBeNull();
});

test('an exposure is logged once per profile; only a running experiment serves', async () => {
  await createExperiment('once');
  const [id] = await makeProfiles('once', 1);
  expect(await t.app.services.experiments.assign('once', { profileId: id })).not.toBeNull();
  const exposures = () => t.db.query(`select x.variant, x.exposed_at from exposures x join experiments e on e.id = x.experiment_id where e.key = 'once'`);
  expect((await exposures()).rowCount).toBe(0); // assign alone does not expose

  const served = [];
  for (let i = 0; i < 3; i++) served.push((await ok(t, VARIANT, { e: 'once', u: 'once-0' })).experimentVariant);
  expect(new Set(served.map((s) => s.variant)).size).toBe(1);
  const logged = await exposures();
  expect(logged.rows).toEqual([{ variant: served[0].variant, exposed_at: expect.any(Date) }]);

  await createExperiment('draft-only', {}, false);
  expect(await t.app.services.experiments.serve('draft-only', { profileId: id })).toBeNull();
  await ok(t, StopExperimentDocument, { key: 'once' });
  expect((await ok(t, VARIANT, { e: 'once', u: 'once-0' })).experimentVariant).toBeNull();
  expect((await exposures()).rows).toEqual(logged.rows);

  expect((await ok(t, VARIANT, { e: 'draft-only', u: 'nobody-at-all' })).experimentVariant).toBeNull();
  expect((await errorOf(VARIANT, { e: 'no-such', u: 'once-0' })).code).toBe('NOT_FOUND');
  expect((await errorOf(VARIANT, { e: 'once' })).code).toBe('BAD_USER_INPUT');
  await expect(t.app.services.experiments.serve('once', { profileId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
});

test('results: conversions are goal events after the exposure, by variant, with the statistics (hand computed)', async () => {
  const experiment = await createExperiment('checkout', { goalEvent: 'Signed Up' });
  // Pick 4 control and 5 treatment profiles by the pure hash, then serve exactly those.
  const pool = await makeProfiles('co', 40);
  const users = pool.map((id, i) => ({ id, userId: `co-${i}`, variant: bucket('checkout', id, experiment.variants).key }));
  const [c1, c2, c3, c4] = users.filter((u) => u.variant === 'control');
  const [t1, t2, t3, t4, t5] = users.filter((u) => u.variant === 'treatment');
  for (const u of [c1, c2, c3, c4, t1, t2, t3, t4, t5]) expect((await ok(t, VARIANT, { e: 'checkout', u: u.userId })).experimentVariant.variant).toBe(u.variant);

  const { rows } = await t.db.query<{ profile_id: string; exposed_at: Date }>(`select profile_id, exposed_at from exposures where experiment_id = $1`, [experiment.id]);
  const exposedAt = new Map(rows.map((r) => [r.profile_id, r.exposed_at.getTime()]));
  const before = (u: { id: string }) => new Date(exposedAt.get(u.id)! - 3600_000).toISOString();
  const after = (u: { id: string }, ms = 1) => new Date(exposedAt.get(u.id)! + ms).toISOString();
  let n = 0;
  const event = (u: { userId: string }, name: string, timestamp: string): EventInput => ({ type: 'TRACK', messageId: `co-ev-${n++}`, userId: u.userId, event: name, timestamp });
  const unexposed = users.find((u) => !exposedAt.has(u.id))!;
  await ingest(t, [
    event(c1, 'Signed Up', after(c1)), //                 control: converts
    event(c2, 'Signed Up', before(c2)), //                control: only before exposure → no
    event(c3, 'Product Viewed', after(c3)), //            control: not the goal event → no
    event(t1, 'Signed Up', after(t1)), //                 treatment: converts
    event(t2, 'Signed Up', after(t2, 2)), //              treatment: converts
    event(t3, 'Signed Up', after(t3)), event(t3, 'Signed Up', after(t3, 2)), // converts once
    event(t4, 'Signed Up', before(t4)), //                treatment: only before → no
    event(unexposed, 'Signed Up', after(c1)), //          never exposed → not counted anywhere
  ]);

  const statements: string[] = [];
  const stopCounting = t.db.onQuery((sql) => statements.push(sql));
  const results = (await ok(t, RESULTS, { key: 'checkout' })).experimentResults;
  stopCounting();
  expect(statements).toHaveLength(1);

  /*
   * By hand: control 1/4 = 0.25, treatment 3/5 = 0.6; difference 0.35, lift 0.35/0.25 = 1.4.
   * Wald se = sqrt(0.6·0.4/5 + 0.25·0.75/4) = sqrt(0.048 + 0.046875) = sqrt(0.094875) = 0.308018;
   *   CI = 0.35 ± 1.96·0.308018 = [-0.253715, 0.953715].
   * Pooled 4/9; se0 = sqrt(4/9 · 5/9 · (1/5 + 1/4)) = sqrt(20/81 · 9/20) = sqrt(1/9) = 1/3; z = 0.35·3 = 1.05;
   *   p = 2·(1 − Φ(1.05)) = 2·0.146859 = 0.293718.
   */
  expect(results.totalExposures).toBe(9);
  expect(results.experiment).toEqual({ key: 'checkout', status: 'RUNNING' });
  const [control, treatment] = results.variants;
  expect(control).toEqual({
    key: 'control', control: true, exposures: 4, conversions: 1, rate: 0.25, difference: null, lift: null, confidenceInterval: null, zScore: null, pValue: null,
  });
  expect(treatment).toMatchObject({ key: 'treatment', control: false, exposures: 5, conversions: 3, rate: 0.6 });
  expect(treatment.difference).toBeCloseTo(0.35, 12);
  expect(treatment.lift).toBeCloseTo(1.4, 12);
  expect(treatment.confidenceInterval.lower).toBeCloseTo(-0.253715, 6);
  expect(treatment.confidenceInterval.upper).toBeCloseTo(0.953715, 6);
  expect(treatment.zScore).toBeCloseTo(1.05, 12);
  expect(treatment.pValue).toBeCloseTo(0.293718, 6);

  // Once stopped, a goal event after the stop no longer counts.
  const stoppedAt = Date.parse((await ok(t, StopExperimentDocument, { key: 'checkout' })).stopExperiment.stoppedAt!);
  expect(stoppedAt).toBeGreaterThan(Math.max(...exposedAt.values()) + 2); // the conversions above came before the stop
  await ingest(t, [event(t5, 'Signed Up', new Date(stoppedAt + 60_000).toISOString())]);
  const final = (await ok(t, RESULTS, { key: 'checkout' })).experimentResults;
  expect(final.variants.map((v: { conversions: number }) => v.conversions)).toEqual([1, 3]);
  expect((await errorOf(RESULTS, { key: 'no-such' })).code).toBe('NOT_FOUND');
});

test('an experiment without exposures has empty results', async () => {
  await createExperiment('quiet', { variants: [{ key: 'a' }, { key: 'b' }, { key: 'c', control: true }] });
  const results = (await ok(t, RESULTS, { key: 'quiet' })).experimentResults;
  expect(results.totalExposures).toBe(0);
  expect(results.variants.map((v: { key: string; control: boolean; rate: number | null; pValue: number | null }) => [v.key, v.control, v.rate, v.pValue])).toEqual([
    ['a', false, null, null], ['b', false, null, null], ['c', true, null, null],
  ]);
});

test('when profiles merge, the survivor keeps its variant and the exposures follow it', async () => {
  await createExperiment('merge');
  await createExperiment('merge-both');
  await ingest(t, [{ type: 'TRACK', messageId: 'mg-anon', anonymousId: 'mg-anon', event: 'Product Viewed' }]);
  const anonymous = (await ok(t, VARIANT, { e: 'merge', a: 'mg-anon' })).experimentVariant.variant;
  await ok(t, VARIANT, { e: 'merge-both', a: 'mg-anon' });
  const [user] = await makeProfiles('mg-user', 1);
  const userVariant = (await ok(t, VARIANT, { e: 'merge-both', u: 'mg-user-0' })).experimentVariant.variant;
  // The profile with a user id survives; the anonymous one is merged into it.
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'mg-link', anonymousId: 'mg-anon', userId: 'mg-user-0' }]);

  const exposures = await t.db.query(
    `select e.key, x.profile_id, x.variant from exposures x join experiments e on e.id = x.experiment_id where e.key like 'merge%' order by e.key`,
  );
  expect(exposures.rows).toEqual([
    { key: 'merge', profile_id: user, variant: anonymous }, // moved from the merged profile
    { key: 'merge-both', profile_id: user, variant: userVariant }, // the survivor's own assignment wins a clash
  ]);
  const assignments = await t.db.query(`select a.profile_id from assignments a join experiments e on e.id = a.experiment_id where e.key like 'merge%'`);
  expect(assignments.rows).toEqual([{ profile_id: user }, { profile_id: user }]);
  for (const who of [{ u: 'mg-user-0' }, { a: 'mg-anon' }]) {
    expect((await ok(t, VARIANT, { e: 'merge', ...who })).experimentVariant.variant).toBe(anonymous);
    expect((await ok(t, VARIANT, { e: 'merge-both', ...who })).experimentVariant.variant).toBe(userVariant);
  }
});
