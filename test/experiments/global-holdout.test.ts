import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { heldOut } from '../support/experiments';
import { CreateExperimentDocument, StartExperimentDocument } from '../generated/graphql';

/**
 * The global holdout's report across experiments (issue 16 §1): people held out of every
 * experiment that had a holdout against those held out of none; someone held out of one and
 * exposed in another is in neither group. Who is where is computed here from the documented hash.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SET_HOLDOUT = `mutation($share: Float!, $seed: String) { setExperimentHoldout(share: $share, seed: $seed) { share } }`;
const VARIANT = `query($e: String!, $u: String) { experimentVariant(experiment: $e, userId: $u) { holdout } }`;
const GLOBAL = `query($m: ExperimentMetricInput!) { experimentHoldoutResults(metric: $m) { users experimentedUsers value experimentedValue } }`;

test('held out of all, against held out of none; mixed people and experiments without a holdout are left out', async () => {
  const users = Array.from({ length: 120 }, (_, i) => `gh-${i}`);
  await ingest(t, users.map((u) => ({ type: 'IDENTIFY', messageId: `${u}-id`, userId: u, traits: {} })));
  const start = async (key: string) => {
    await ok(t, CreateExperimentDocument, { input: { key, name: key, goalEvent: 'Order Completed', hashingUnit: 'USER_ID', variants: [{ key: 'a' }, { key: 'b' }] } });
    await ok(t, StartExperimentDocument, { key });
    for (const u of users) await ok(t, VARIANT, { e: key, u });
  };
  expect((await ok(t, GLOBAL, { m: { kind: 'CONVERSION', event: 'Order Completed' } })).experimentHoldoutResults).toBeNull();
  await start('no-holdout');
  await ok(t, SET_HOLDOUT, { share: 0.5, seed: 'first' });
  await start('gh-x');
  await ok(t, SET_HOLDOUT, { share: 0.5, seed: 'second' });
  await start('gh-y');
  const inX = (u: string) => heldOut('first', u, 0.5);
  const inY = (u: string) => heldOut('second', u, 0.5);
  const both = users.filter((u) => inX(u) && inY(u));
  const neither = users.filter((u) => !inX(u) && !inY(u));
  expect(both.length).toBeGreaterThan(10);
  expect(neither.length).toBeGreaterThan(10);
  expect(both.length + neither.length).toBeLessThan(users.length);
  const buyers = users.filter((_, i) => i % 4 === 0);
  await ingest(t, buyers.map((u) => ({ type: 'TRACK', messageId: `${u}-buy`, userId: u, event: 'Order Completed', properties: { order_id: `${u}-o`, revenue: 20 } })));
  const rate = (group: string[]) => group.filter((u) => buyers.includes(u)).length / group.length;
  expect((await ok(t, GLOBAL, { m: { kind: 'CONVERSION', event: 'Order Completed' } })).experimentHoldoutResults).toEqual({
    users: both.length, experimentedUsers: neither.length, value: rate(both), experimentedValue: rate(neither),
  });
});
