/**
 * Timing of the scoring job on a large generated population. Skipped unless asked for:
 *   SCORING_SCALE_BUYERS=50000 npx jest test/scoring/scoring-scale.test.ts
 */
import { ensureBuiltInSegments } from '../../src/scoring/built-in-segments';
import { FIT_SAMPLE_MAX, fitChurnModel, scoreHistories, type PurchaseHistory } from '../../src/scoring/churn-model';
import { rfmGridRows } from '../../src/scoring/rfm';
import { CREATE_BUYERS, HISTORY_GROUPS } from '../../src/scoring/scoring.sql';
import { MembershipCause } from '../../src/segments/segment.types';
import { SCORE_STATS } from '../../src/scoring/scoring.service';
import { startTestApp, type TestApp } from '../support/app';
import { generateBuyers } from './generate-buyers';

const BUYERS = Number(process.env.SCORING_SCALE_BUYERS ?? 0);
const ANCHOR = new Date('2026-06-01T12:00:00Z');
const timed = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
  const started = Date.now();
  const value = await work();
  console.log(`${label}: ${Date.now() - started} ms`);
  return value;
};

(BUYERS > 0 ? test : test.skip)(`scoring ${BUYERS} buyers`, async () => {
  const t: TestApp = await startTestApp();
  try {
    await timed('generate', () => generateBuyers(t.db, ANCHOR, { buyers: BUYERS, visitors: BUYERS / 10 }));
    await t.db.query('analyze');
    const { rows: [size] } = await t.db.query(`select count(*)::int as events, count(distinct profile_id)::int as profiles from events`);
    console.log(`events ${size.events}, profiles with events ${size.profiles}`);
    await timed('ensureBuiltInSegments', () => ensureBuiltInSegments(t.app.services));

    const first = await timed('run 1 (as of anchor; first scores, log from nulls)', () => t.app.services.scoring.run(ANCHOR));
    console.log(JSON.stringify({ ...first, model: { ...first.model } }));
    const second = await timed('run 2 (same as-of)', () => t.app.services.scoring.run(ANCHOR));
    const third = await timed('run 3 (as of anchor + 30 days)', () => t.app.services.scoring.run(new Date(ANCHOR.getTime() + 30 * 86400_000)));
    console.log(`durationMs: ${first.durationMs} / ${second.durationMs} / ${third.durationMs}; increases ${first.churnRiskIncreases} / ${second.churnRiskIncreases} / ${third.churnRiskIncreases}`);
    await timed('recompute the 17 built-in segments alone', () => t.app.services.segments.recomputeUsingStats(SCORE_STATS, MembershipCause.SCORING));

    // The numeric step on its own, on the same histories the job sees (the temporary table goes at commit).
    const histories = await t.db.transaction(async (tx) => {
      await tx.query(CREATE_BUYERS, [ANCHOR, 30, 90, 180, JSON.stringify(rfmGridRows()), FIT_SAMPLE_MAX]);
      return (await tx.query<PurchaseHistory>(HISTORY_GROUPS)).rows;
    });
    console.log(`distinct histories: ${histories.length}, in the fit: ${histories.filter((h) => h.fit_count).length}`);
    const fit = await timed('fit alone', () => fitChurnModel(histories));
    console.log(JSON.stringify(fit));
    await timed('score histories alone', () => scoreHistories(fit!.params, histories));
    expect(first.buyersScored).toBe(BUYERS);
  } finally {
    await t.close();
  }
}, 1_800_000);
