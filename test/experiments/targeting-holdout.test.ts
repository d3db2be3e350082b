import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest, personalize } from '../support/operations';
import { createRunningExperiment, exposuresByUserId, heldOut } from '../support/experiments';
import { CreatePlacementDocument, UpdateExperimentDocument, type CreateExperimentInput, type EventInput } from '../generated/graphql';

/**
 * Experiments v2 (issue 16 §1): targeting by inline condition, and the global holdout that
 * never sees any experiment and is reported apart from the arms.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const VARIANT = `query($e: String!, $u: String, $a: String) { experimentVariant(experiment: $e, userId: $u, anonymousId: $a) { experimentKey variant holdout } }`;
const SET_HOLDOUT = `mutation($share: Float!, $seed: String) { setExperimentHoldout(share: $share, seed: $seed) { share seed updatedAt } }`;
const variantOf = async (e: string, who: { u?: string; a?: string }) => (await ok(t, VARIANT, { e, ...who })).experimentVariant;

const createRunning = (key: string, input: Partial<CreateExperimentInput>) => createRunningExperiment(t, key, input);

async function errorOf(query: string, variables: Record<string, unknown>, key?: string) {
  const res = await t.gql(query, variables, key);
  return res.errors?.[0] as { message: string; extensions: { code: string; path?: string } } | undefined;
}

const CREATE = `mutation($input: CreateExperimentInput!) { createExperiment(input: $input) { key } }`;
const base = { name: 'x', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }] };
const exposedVariants = (key: string) => exposuresByUserId(t, key);

describe('targeting by inline condition', () => {
  beforeAll(async () => {
    await ingest(t, [
      { type: 'IDENTIFY', messageId: 'tc-1', userId: 'pro-1', traits: { plan: 'pro' } },
      { type: 'IDENTIFY', messageId: 'tc-2', userId: 'free-1', traits: { plan: 'free' } },
    ]);
    await createRunning('pro-only', { hashingUnit: 'USER_ID', targetingCondition: { trait: { path: 'plan', op: 'eq', value: 'pro' } } });
  });

  test('only profiles meeting the condition get a variant; a first visit meets none', async () => {
    expect(await variantOf('pro-only', { u: 'pro-1' })).toMatchObject({ experimentKey: 'pro-only', holdout: false });
    expect(await variantOf('pro-only', { u: 'free-1' })).toBeNull();
    expect(await variantOf('pro-only', { u: 'never-seen' })).toBeNull();
    const experiment = (await ok(t, `{ experiment(key: "pro-only") { targetingCondition targetingSegmentId } }`)).experiment;
    expect(experiment).toEqual({ targetingCondition: { trait: { path: 'plan', op: 'eq', value: 'pro' } }, targetingSegmentId: null });
  });

  test('the condition is checked on every call and when Experiment Viewed is ingested', async () => {
    await ingest(t, [
      { type: 'TRACK', messageId: 'tc-3', userId: 'free-1', event: 'Experiment Viewed', properties: { experiment_id: 'pro-only' } },
      { type: 'IDENTIFY', messageId: 'tc-4', userId: 'pro-2', traits: { plan: 'pro' } },
      { type: 'TRACK', messageId: 'tc-5', userId: 'pro-2', event: 'Experiment Viewed', properties: { experiment_id: 'pro-only' } },
    ]);
    expect((await exposedVariants('pro-only')).map((r) => r.value)).toEqual(['pro-1', 'pro-2']);
    // pro-1 downgrades: no longer targeted, though the assignment stays recorded.
    await ingest(t, [{ type: 'IDENTIFY', messageId: 'tc-6', userId: 'pro-1', traits: { plan: 'free' } }]);
    expect(await variantOf('pro-only', { u: 'pro-1' })).toBeNull();
  });

  test('a bad condition, or a segment and a condition together, is BAD_USER_INPUT naming the path, and nothing is created', async () => {
    const bad = await errorOf(CREATE, { input: { ...base, key: 'bad-cond', targetingCondition: { trait: { path: 'plan', op: 'nope', value: 1 } } } });
    expect(bad?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(bad)).toContain('targetingCondition.trait');
    const unknownSegment = await errorOf(CREATE, { input: { ...base, key: 'bad-seg', targetingCondition: { segment: { key: 'no-such-segment' } } } });
    expect(unknownSegment?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'targetingCondition' });
    await ok(t, `mutation { createSegment(input: { key: "pros", name: "Pros", definition: { trait: { path: "plan", op: "eq", value: "pro" } } }) { key } }`);
    const both = await errorOf(CREATE, { input: { ...base, key: 'bad-both', targetingSegment: 'pros', targetingCondition: { trait: { path: 'plan', op: 'eq', value: 'pro' } } } });
    expect(both?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'targetingCondition' });
    expect((await t.db.query(`select 1 from experiments where key like 'bad-%'`)).rowCount).toBe(0);
  });

  test('a running experiment refuses a new condition', async () => {
    const res = await t.gql(UpdateExperimentDocument, { key: 'pro-only', input: { targetingCondition: { trait: { path: 'plan', op: 'eq', value: 'free' } } } });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', path: 'targetingCondition' });
  });
});

describe('the global holdout', () => {
  const users = Array.from({ length: 200 }, (_, i) => `ho-${i}`);

  test('only admin sets it, within 0 to 0.5', async () => {
    const reader = await t.keyWith('read');
    expect((await errorOf(SET_HOLDOUT, { share: 0.1 }, reader))?.extensions.code).toBe('FORBIDDEN');
    expect((await errorOf(SET_HOLDOUT, { share: 0.6 }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'share' });
    expect((await errorOf(SET_HOLDOUT, { share: 0.1, seed: '' }))?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'seed' });
    expect((await ok(t, `{ experimentHoldout { share seed } }`, {}, reader)).experimentHoldout).toEqual({ share: 0, seed: 'holdout' });
  });

  test('held-out people get the control, flagged, are recorded apart and reported apart; running experiments keep their holdout', async () => {
    await ok(t, SET_HOLDOUT, { share: 0.2, seed: 'ho-seed' });
    await createRunning('held', { hashingUnit: 'USER_ID' });
    expect((await ok(t, `{ experiment(key: "held") { holdout { share seed } } }`)).experiment.holdout).toEqual({ share: 0.2, seed: 'ho-seed' });
    const events: EventInput[] = users.map((u) => ({ type: 'IDENTIFY', messageId: `${u}-id`, userId: u, traits: {} }));
    await ingest(t, events);
    const served = await Promise.all(users.map((u) => variantOf('held', { u })));
    const expectedHeld = users.filter((u) => heldOut('ho-seed', u, 0.2));
    expect(expectedHeld.length).toBeGreaterThan(20);
    expect(users.filter((_, i) => served[i].holdout)).toEqual(expectedHeld);
    for (const s of served) if (s.holdout) expect(s.variant).toBe('control');
    const recorded = new Map((await exposedVariants('held')).map((r) => [r.value, r.variant]));
    expect(users.filter((u) => recorded.get(u) === '_holdout')).toEqual(expectedHeld);

    // Some convert: the results report the held-out users apart from the arms.
    const converters = users.filter((_, i) => i % 3 === 0);
    await ingest(t, converters.map((u) => ({ type: 'TRACK', messageId: `${u}-buy`, userId: u, event: 'Order Completed', properties: { order_id: `${u}-o`, revenue: 10 } })));
    const RESULTS = `{ experimentResults(key: "held") { totalExposures variants { key exposures conversions } holdout { users value experimentedValue difference pValue } } }`;
    const results = (await ok(t, RESULTS)).experimentResults;
    expect(results.totalExposures).toBe(users.length - expectedHeld.length);
    const heldConversions = expectedHeld.filter((u) => converters.includes(u)).length;
    const armConversions = converters.length - heldConversions;
    expect(results.holdout).toMatchObject({
      users: expectedHeld.length,
      value: heldConversions / expectedHeld.length,
      experimentedValue: armConversions / (users.length - expectedHeld.length),
    });
    expect(results.holdout.difference).toBeCloseTo(armConversions / (users.length - expectedHeld.length) - heldConversions / expectedHeld.length, 12);
    // The global report: the same people here, as 'held' is the only experiment that had a holdout.
    const GLOBAL = `query($m: ExperimentMetricInput!) { experimentHoldoutResults(metric: $m) { users experimentedUsers value experimentedValue } }`;
    expect((await ok(t, GLOBAL, { m: { kind: 'CONVERSION', event: 'Order Completed', windowDays: 30 } })).experimentHoldoutResults).toEqual({
      users: expectedHeld.length, experimentedUsers: users.length - expectedHeld.length,
      value: heldConversions / expectedHeld.length, experimentedValue: armConversions / (users.length - expectedHeld.length),
    });
    const revenue = (await ok(t, GLOBAL, { m: { kind: 'REVENUE', windowDays: 30 } })).experimentHoldoutResults;
    expect(revenue).toMatchObject({ value: (10 * heldConversions) / expectedHeld.length, experimentedValue: (10 * armConversions) / (users.length - expectedHeld.length) });

    // Turning the holdout off changes nothing for the running experiment: a newcomer hashing into it is still held out.
    await ok(t, SET_HOLDOUT, { share: 0 });
    const newcomer = Array.from({ length: 100 }, (_, i) => `ho-new-${i}`).find((u) => heldOut('ho-seed', u, 0.2))!;
    expect(await variantOf('held', { u: newcomer })).toEqual({ experimentKey: 'held', variant: 'control', holdout: true });
    // Its first visit wrote nothing; the Experiment Viewed its frontend sends records it held out, whatever variation it names.
    await ingest(t, [{ type: 'TRACK', messageId: 'ho-new-seen', userId: newcomer, event: 'Experiment Viewed', properties: { experiment_id: 'held', variation_id: 'treatment' } }]);
    expect((await exposedVariants('held')).find((r) => r.value === newcomer)?.variant).toBe('_holdout');
    // An experiment started now has no holdout.
    await createRunning('after-holdout', { hashingUnit: 'USER_ID' });
    expect((await ok(t, `{ experiment(key: "after-holdout") { holdout { share } } }`)).experiment.holdout).toBeNull();
    expect((await variantOf('after-holdout', { u: newcomer })).holdout).toBe(false);
  });

  test('a placement serves the held-out the control content, with reason holdout', async () => {
    await createContent(t, 'held-a');
    await createContent(t, 'held-b');
    await ok(t, CreatePlacementDocument, { input: { key: 'held-slot', rules: [{ experiment: 'held', variantContent: { control: 'held-a', treatment: 'held-b' } }] } });
    const someoneHeld = users.find((u) => heldOut('ho-seed', u, 0.2))!;
    expect(await personalize(t, 'held-slot', { userId: someoneHeld })).toMatchObject({ reason: 'holdout', experiment: 'held', variant: 'control', content: { key: 'held-a' } });
    const someoneIn = users.find((u) => !heldOut('ho-seed', u, 0.2))!;
    expect(await personalize(t, 'held-slot', { userId: someoneIn })).toMatchObject({ reason: 'experiment', experiment: 'held' });
  });
});
