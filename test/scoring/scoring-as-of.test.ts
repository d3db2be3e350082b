import { scheduledJobs } from '../../src/app/jobs';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { LastScoringRunDocument, RunScoringDocument } from '../generated/graphql';
import { generateHistory } from '../segments/generate-history';

/**
 * One clock for scoring: SCORING_AS_OF pins the scheduled job's as-of (an ISO date, or the
 * latest event), an explicit runScoring(asOf:) is kept until the next explicit run or a change
 * of the setting, and every score says its as-of.
 */
const HISTORY = generateHistory(23, 60);
const LAST_EVENT = HISTORY.at(-1)!.timestamp;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  for (let i = 0; i < HISTORY.length; i += 200) await t.app.services.ingest.ingest(t.app.services.ingest.normalize(HISTORY.slice(i, i + 200), { source: 'test' }));
}, 60_000);
afterAll(() => t.close());

/** The scheduler's scoring job, as jobs.ts wires it. */
const scheduledScoring = (app: TestApp) => scheduledJobs(app.app.services).find((j) => j.name.startsWith('scoring'))!.run();

async function scoresAsOf(app: TestApp): Promise<string[]> {
  const { rows } = await app.db.query(`select distinct scores_as_of from profile_stats where rfm_segment is not null`);
  return rows.map((r) => r.scores_as_of.toISOString());
}

test('an explicit as-of is pinned: the schedule leaves it until the next explicit run', async () => {
  const pinned = (await ok(t, RunScoringDocument, { asOf: '2011-12-10T00:00:00Z' })).runScoring;
  expect(pinned).toMatchObject({ asOf: '2011-12-10T00:00:00.000Z', pinned: true });
  expect(pinned.buyersScored).toBeGreaterThan(10);
  expect(pinned.model?.asOf).toBe('2011-12-10T00:00:00.000Z');
  expect((await ok(t, LastScoringRunDocument)).lastScoringRun).toMatchObject({ asOf: '2011-12-10T00:00:00.000Z', pinned: true, setting: 'now', buyersScored: pinned.buyersScored });
  type Stats = { node: { stats: { scoresAsOf: string | null; lifecycle: string | null } } };
  const page = await ok(t, `{ profiles(first: 100) { edges { node { stats { scoresAsOf lifecycle } } } } }`);
  const scored = (page.profiles.edges as Stats[]).filter((e) => e.node.stats.scoresAsOf);
  expect(scored.length).toBe(pinned.buyersScored);
  expect(new Set(scored.map((e) => e.node.stats.scoresAsOf))).toEqual(new Set(['2011-12-10T00:00:00.000Z']));

  // The hourly job would have scored everyone as of today: churned. It keeps the pinned run.
  expect(await scheduledScoring(t)).toBeNull();
  expect(await scoresAsOf(t)).toEqual(['2011-12-10T00:00:00.000Z']);
  const stages = Object.fromEntries(pinned.lifecycleStages.map((s) => [s.name, s.count]));
  expect(stages.churned).toBeLessThan(pinned.buyersScored);

  // An explicit run without asOf scores as the setting says (now) and hands scoring back to the schedule.
  const before = Date.now();
  const live = (await ok(t, RunScoringDocument, {})).runScoring;
  expect(live.pinned).toBe(false);
  expect(Date.parse(live.asOf)).toBeGreaterThanOrEqual(before - 1000);
  expect(Object.fromEntries(live.lifecycleStages.map((s) => [s.name, s.count])).churned).toBe(live.buyersScored);
  const scheduled = await scheduledScoring(t);
  expect(scheduled).toMatchObject({ pinned: false });
});

test('a changed SCORING_AS_OF takes over from a pinned run; latest-event scores as of the newest event', async () => {
  await ok(t, RunScoringDocument, { asOf: '2011-09-01T00:00:00Z' });
  const other = await startTestApp({ SCORING_AS_OF: 'latest-event' }, { database: t.database });
  try {
    const run = await scheduledScoring(other);
    expect(run).toMatchObject({ asOf: new Date(LAST_EVENT), pinned: false });
    expect(await scoresAsOf(other)).toEqual([new Date(LAST_EVENT).toISOString()]);
    expect((await ok(other, LastScoringRunDocument)).lastScoringRun).toMatchObject({ setting: 'latest-event', pinned: false });
  } finally {
    await other.close();
  }
});

test('SCORING_AS_OF as an ISO date pins the schedule, and the app clock is the default as-of', async () => {
  const fixed = await startTestApp({ SCORING_AS_OF: '2011-06-30' }, { database: t.database });
  try {
    expect(await scheduledScoring(fixed)).toMatchObject({ asOf: new Date('2011-06-30T00:00:00Z') });
    expect(await scoresAsOf(fixed)).toEqual(['2011-06-30T00:00:00.000Z']);
  } finally {
    await fixed.close();
  }
  const clocked = await startTestApp({}, { database: t.database, clock: { now: () => new Date('2011-11-11T11:11:11Z') } });
  try {
    expect(await scheduledScoring(clocked)).toMatchObject({ asOf: new Date('2011-11-11T11:11:11Z') });
    const future = await clocked.gql(RunScoringDocument, { asOf: '2011-11-12T00:00:00Z' });
    expect(future.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  } finally {
    await clocked.close();
  }
});
