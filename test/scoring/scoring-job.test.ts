import { ensureBuiltInSegments, builtInSegmentInputs } from '../../src/scoring/built-in-segments';
import { probabilityAlive } from '../../src/scoring/bgnbd';
import { summarizePurchases } from '../../src/scoring/purchase-summary';
import { lifecycleStage, valueTier } from '../../src/scoring/lifecycle';
import { RFM_CELLS, rfmCell } from '../../src/scoring/rfm';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { RunScoringDocument } from '../generated/graphql';
import { generateBuyers } from './generate-buyers';
import { independentScores, nonZero, tally, type IndependentScore, type Thresholds } from './independent-scores';

const ANCHOR = new Date('2026-06-01T12:00:00Z');
const LATER = new Date('2026-07-15T12:00:00Z');
const BUYERS = 400;
const LATE_ONLY = 20;
const DEFAULT_RULES: Thresholds = { newDays: 30, activeDays: 90, churnDays: 180 };

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  await generateBuyers(t.db, ANCHOR, { buyers: BUYERS, lateOnly: LATE_ONLY, visitors: 50 });
});
afterAll(() => t.close());

async function runScoring(asOf: Date, lifecycle?: Partial<Thresholds>): Promise<Row> {
  return (await ok(t, RunScoringDocument, { asOf: asOf.toISOString(), lifecycle })).runScoring;
}

async function storedScores(): Promise<Row[]> {
  const { rows } = await t.db.query(`
    select profile_id::text, rfm_r as r, rfm_f as f, rfm_m as m, rfm_segment as cell, lifecycle, value_tier, p_alive, churn_risk, expected_orders_90d
      from profile_stats where rfm_segment is not null order by profile_id`);
  return rows;
}

function expectScoresMatch(run: Row, expected: IndependentScore[], stored: Row[]) {
  expect(run.buyersScored).toBe(expected.length);
  expect(nonZero(run.rfmCells)).toEqual(tally(expected, (s) => s.cell));
  expect(nonZero(run.lifecycleStages)).toEqual(tally(expected, (s) => s.lifecycle));
  expect(stored.map(({ profile_id, r, f, m, cell, lifecycle }) => ({ profile_id, r, f, m, cell, lifecycle }))).toEqual(expected);
}

test('built-in segments are created once, for every RFM cell, lifecycle stage and value tier', async () => {
  const created = await ensureBuiltInSegments(t.app.services);
  expect(created).toHaveLength(RFM_CELLS.length + 6 + 2);
  expect(created).toEqual(expect.arrayContaining(['rfm-champions', 'rfm-cannot-lose', 'lifecycle-active', 'value-high-value', 'value-potential']));
  expect(await ensureBuiltInSegments(t.app.services)).toEqual([]);
  const { rows } = await t.db.query(`select key, built_in, definition from segments order by key`);
  expect(rows).toHaveLength(created.length);
  expect(rows.every((r) => r.built_in)).toBe(true);
  expect(rows.find((r) => r.key === 'rfm-champions')!.definition).toEqual({ stat: { name: 'rfm_segment', op: 'eq', value: 'Champions' } });
});

test('RFM cells and lifecycle stages as of a date match an independent computation, buyer by buyer', async () => {
  const run = await runScoring(ANCHOR);
  const expected = await independentScores(t.db, ANCHOR, DEFAULT_RULES);
  expect(expected.length).toBe(BUYERS);
  expectScoresMatch(run, expected, await storedScores());
  // The generated population reaches every cell and stage.
  expect(run.rfmCells.map((c: Row) => c.name)).toEqual([...RFM_CELLS]);
  expect(run.rfmCells.every((c: Row) => c.count > 0)).toBe(true);
  // Every buyer's stage is reached (prospects are registered people who never ordered: none here).
  expect(run.lifecycleStages.filter((c: Row) => c.name !== 'prospect').every((c: Row) => c.count > 0)).toBe(true);
  expect(new Date(run.asOf)).toEqual(ANCHOR);
  expect(run.model).toMatchObject({ sampleSize: BUYERS, converged: true });
  expect(run.segmentsRecomputed).toBe(builtInSegmentInputs().length);
});

test('value tiers follow the documented rule, and the SQL agrees with the pure rule functions', async () => {
  const stored = await storedScores();
  const { rows: days } = await t.db.query(`
    select profile_id::text,
           floor(extract(epoch from ($1::timestamptz - min(occurred_at))) / 86400)::int as first_days,
           floor(extract(epoch from ($1::timestamptz - max(occurred_at))) / 86400)::int as last_days,
           floor(extract(epoch from (max(occurred_at) - (array_agg(occurred_at order by occurred_at desc))[2])) / 86400)::int as gap_days
      from events where name = 'Order Completed' and occurred_at <= $1 group by profile_id`, [ANCHOR]);
  const byId = new Map(days.map((d) => [d.profile_id, d]));
  for (const s of stored) {
    expect(s.cell).toBe(rfmCell(s.r, s.f));
    const d = byId.get(s.profile_id)!;
    expect(s.lifecycle).toBe(lifecycleStage(d.first_days, d.last_days, DEFAULT_RULES, d.gap_days));
    expect(s.value_tier).toBe(valueTier({ r: s.r, f: s.f, m: s.m, expectedOrders90d: s.expected_orders_90d }, 1));
  }
  const run = await runScoring(ANCHOR);
  expect(nonZero(run.valueTiers)).toEqual(tally(stored, (s) => s.value_tier));
  expect(stored.filter((s) => s.m === 5).every((s) => s.value_tier === 'high_value')).toBe(true);
  expect(tally(stored, (s) => s.value_tier).high_value).toBe(BUYERS / 5);
});

test('P(alive) per buyer equals the BG/NBD formula on the buyer’s own purchase dates', async () => {
  const model = (await t.gql(`{ churnModel { r alpha a b } }`)).data!.churnModel;
  const { rows } = await t.db.query(`
    select s.profile_id, s.p_alive, s.churn_risk, array_agg(e.occurred_at) as dates
      from profile_stats s join events e on e.profile_id = s.profile_id and e.name = 'Order Completed' and e.occurred_at <= $1
     where s.rfm_segment is not null group by s.profile_id, s.p_alive, s.churn_risk`, [ANCHOR]);
  expect(rows).toHaveLength(BUYERS);
  for (const r of rows) {
    expect(r.p_alive).toBeCloseTo(probabilityAlive(model, summarizePurchases(r.dates, ANCHOR)), 9);
    expect(r.churn_risk).toBeCloseTo(1 - r.p_alive, 12);
  }
  const oneTime = rows.filter((r) => new Set(r.dates.map((d: Date) => d.toISOString().slice(0, 10))).size === 1);
  expect(oneTime.length).toBeGreaterThan(0);
  expect(oneTime.every((r) => r.p_alive === 1)).toBe(true);
});

test('built-in segment sizes equal the run’s counts', async () => {
  const run = await runScoring(ANCHOR);
  const res = await t.gql(`{ segments { key builtIn size } }`);
  const sizes = Object.fromEntries(res.data!.segments.map((s: Row) => [s.key, s.size]));
  for (const c of run.rfmCells) expect(sizes[`rfm-${c.name.toLowerCase().replace(/ /g, '-')}`]).toBe(c.count);
  for (const c of run.lifecycleStages) expect(sizes[`lifecycle-${c.name}`]).toBe(c.count);
  for (const c of run.valueTiers) expect(sizes[`value-${c.name.replace('_', '-')}`]).toBe(c.count);
});

test('a later as-of date counts the later orders; going back ignores them again and clears late buyers', async () => {
  const later = await runScoring(LATER);
  const expectedLater = await independentScores(t.db, LATER, DEFAULT_RULES);
  expect(expectedLater.length).toBe(BUYERS + LATE_ONLY);
  expectScoresMatch(later, expectedLater, await storedScores());

  const back = await runScoring(ANCHOR);
  expectScoresMatch(back, await independentScores(t.db, ANCHOR, DEFAULT_RULES), await storedScores());
  const { rows } = await t.db.query(`
    select count(*)::int as n, count(s.rfm_segment)::int as scored from profiles p join profile_stats s on s.profile_id = p.id
     where p.id in (select md5('scoring-buyer-' || i)::uuid from generate_series($1::int + 1, $1::int + $2::int) i)`, [BUYERS, LATE_ONLY]);
  expect(rows[0]).toEqual({ n: LATE_ONLY, scored: 0 });
});

test('non-buyers and merged-away profiles get null scores', async () => {
  const { rows } = await t.db.query(`
    select count(*)::int as n from profile_stats s join profiles p on p.id = s.profile_id
     where (p.merged_into is not null or s.orders = 0)
       and (s.rfm_r is not null or s.rfm_segment is not null or s.lifecycle is not null or s.value_tier is not null or s.p_alive is not null)`);
  expect(rows[0].n).toBe(0);
  const merged = await t.db.query(`select rfm_segment from profile_stats where profile_id = md5('scoring-merged')::uuid`);
  expect(merged.rows[0].rfm_segment).toBeNull();
});

test('lifecycle thresholds can be overridden for one run', async () => {
  const rules = { newDays: 7, activeDays: 20, churnDays: 45 };
  const run = await runScoring(ANCHOR, rules);
  expectScoresMatch(run, await independentScores(t.db, ANCHOR, rules), await storedScores());
  const bad = await t.gql(RunScoringDocument, { asOf: ANCHOR.toISOString(), lifecycle: { activeDays: 500 } });
  expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(bad.errors![0].message).toMatch(/lifecycle\.activeDays/);
  const future = await t.gql(RunScoringDocument, { asOf: new Date(Date.now() + 86400_000).toISOString() });
  expect(future.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
});

test('churnModel returns the latest fit to read keys; runScoring needs admin', async () => {
  const run = await runScoring(ANCHOR);
  const reader = await t.keyWith('read');
  const res = await t.gql(`{ churnModel { id r alpha a b logLikelihood sampleSize converged iterations asOf fittedAt } }`, {}, reader);
  expect(res.errors).toBeUndefined();
  expect(res.data!.churnModel).toMatchObject({ ...run.model, iterations: expect.any(Number), fittedAt: expect.any(String) });
  const { rows } = await t.db.query(`select r, alpha, a, b, sample_size from churn_models where id = $1`, [run.model.id]);
  expect(rows[0]).toEqual({ r: run.model.r, alpha: run.model.alpha, a: run.model.a, b: run.model.b, sample_size: BUYERS });
  expect((await t.gql(RunScoringDocument, {}, reader)).errors![0].extensions!.code).toBe('FORBIDDEN');
  expect((await t.gql(`{ churnModel { id } }`, {}, await t.keyWith('ingest'))).errors![0].extensions!.code).toBe('FORBIDDEN');
});
