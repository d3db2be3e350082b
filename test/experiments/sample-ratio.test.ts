import { sampleRatio } from '../../src/experiments/sample-ratio';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateExperimentDocument, StartExperimentDocument, type EventInput } from '../generated/graphql';

/** `experimentResults.sampleRatio` on a real split, and on one skewed on purpose (issue 16 §2). */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const RESULTS = `query($key: String!) { experimentResults(key: $key) {
  sampleRatio { mismatch pValue chiSquare degreesOfFreedom } variants { key exposures } } }`;

test('a split skewed by lost exposures is flagged; the check is the chi-square of the reported counts', async () => {
  await ok(t, CreateExperimentDocument, {
    input: { key: 'srm', name: 'SRM', goalEvent: 'Order Completed', hashingUnit: 'USER_ID', variants: [{ key: 'control', weight: 1 }, { key: 'treatment', weight: 1 }] },
  });
  await ok(t, StartExperimentDocument, { key: 'srm' });
  const users = Array.from({ length: 1000 }, (_, i) => `srm-user-${i}`);
  const identify = users.map((userId, i): EventInput => ({ type: 'IDENTIFY', messageId: `srm-${i}`, userId }));
  for (let i = 0; i < identify.length; i += 500) await ingest(t, identify.slice(i, i + 500));
  for (let i = 0; i < users.length; i += 50) await Promise.all(users.slice(i, i + 50).map((userId) => t.app.services.experiments.serve('srm', { userId })));

  const fair = (await ok(t, RESULTS, { key: 'srm' })).experimentResults;
  const counts = fair.variants.map((v: { exposures: number }) => v.exposures);
  expect(counts.reduce((a: number, b: number) => a + b, 0)).toBe(1000);
  expect(fair.sampleRatio).toEqual({ ...sampleRatio(counts, [1, 1]), pValue: expect.closeTo(sampleRatio(counts, [1, 1])!.pValue, 12) });

  // An exposure logging bug loses 30% of the treatment's exposures.
  await t.db.query(`
    delete from exposures x using experiments e
     where e.id = x.experiment_id and e.key = 'srm' and x.variant = 'treatment' and abs(hashtext(x.profile_id::text)) % 10 < 3`);
  const skewed = (await ok(t, RESULTS, { key: 'srm' })).experimentResults;
  expect(skewed.sampleRatio.mismatch).toBe(true);
  expect(skewed.sampleRatio.pValue).toBeLessThan(0.001);
  expect(skewed.sampleRatio.degreesOfFreedom).toBe(1);
});
