import { fitBgNbd, fitBgNbdWeighted, probabilityAlive } from './bgnbd';
import { HORIZON_WEEKS, fitChurnModel, scoreHistories, toSummary, type PurchaseHistory } from './churn-model';

/** A small, fixed population: histories in whole days with their multiplicities. */
const HISTORIES: PurchaseHistory[] = [
  { x: 0, tx_days: 0, t_days: 200, count: 40 },
  { x: 0, tx_days: 0, t_days: 60, count: 25 },
  { x: 1, tx_days: 30, t_days: 200, count: 12 },
  { x: 1, tx_days: 150, t_days: 160, count: 9 },
  { x: 2, tx_days: 100, t_days: 300, count: 7 },
  { x: 3, tx_days: 190, t_days: 200, count: 6 },
  { x: 5, tx_days: 40, t_days: 250, count: 3 },
  { x: 8, tx_days: 290, t_days: 300, count: 2 },
];

test('the weighted fit equals the fit on buyers expanded one by one', () => {
  const expanded = HISTORIES.flatMap((h) => Array.from({ length: h.count }, () => toSummary(h)));
  const weighted = fitBgNbdWeighted(HISTORIES.map((h) => ({ ...toSummary(h), count: h.count })));
  expect(weighted).toEqual(fitBgNbd(expanded));
  expect(weighted.sampleSize).toBe(104);
});

test('weights must be positive integers', () => {
  expect(() => fitBgNbdWeighted([{ frequency: 1, recency: 1, T: 2, count: 0 }])).toThrow(/histories\[0\]\.count/);
  expect(() => fitBgNbdWeighted([{ frequency: 1, recency: 1, T: 2, count: 1.5 }])).toThrow(/histories\[0\]\.count/);
});

test('no model without a repeat purchase (or without buyers)', () => {
  expect(fitChurnModel([])).toBeNull();
  expect(fitChurnModel([{ x: 0, tx_days: 0, t_days: 10, count: 5 }])).toBeNull();
});

describe('scoreHistories', () => {
  const fit = fitChurnModel(HISTORIES)!;
  const scores = scoreHistories(fit.params, HISTORIES);

  test('one score per history, keyed like the input', () => {
    expect(scores.map(({ x, tx_days, t_days }) => ({ x, tx_days, t_days }))).toEqual(HISTORIES.map(({ x, tx_days, t_days }) => ({ x, tx_days, t_days })));
  });

  test('churn risk is 1 − P(alive), and one-time buyers cannot have churned yet', () => {
    for (const [i, s] of scores.entries()) {
      expect(s.p_alive).toBeCloseTo(probabilityAlive(fit.params, toSummary(HISTORIES[i])), 12);
      expect(s.churn_risk).toBe(1 - s.p_alive);
      expect(s.expected).toBeGreaterThan(0);
    }
    expect(scores.filter((s) => s.churn_risk === 0).length).toBe(2);
  });

  test('a buyer gone quiet is riskier than one who just bought, at the same frequency', () => {
    const quiet = scores[2]; // x=1, last repeat at day 30 of 200
    const recent = scores[3]; // x=1, last repeat at day 150 of 160
    expect(quiet.churn_risk).toBeGreaterThan(recent.churn_risk);
    expect(quiet.expected!).toBeLessThan(recent.expected!);
  });

  test('the horizon is 90 days in weeks', () => {
    expect(HORIZON_WEEKS).toBeCloseTo(12.857, 3);
  });
});

describe('stallIterations (opt-in early stop on a ridge)', () => {
  /** mulberry32: a tiny seeded PRNG, so the data set is fixed. */
  function mulberry32(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  // Purchases spread uniformly over each buyer's whole history: no drop-out to see, and
  // for this seed the likelihood keeps rising along a ridge with a, b → ∞.
  const u = mulberry32(2);
  const ridge = Array.from({ length: 100 }, () => {
    const T = 10 + Math.floor(u() * 50);
    const days = new Set(Array.from({ length: Math.floor(u() * u() * 8) }, () => Math.floor(u() * T * 7) / 7).filter((d) => d > 0));
    return { frequency: days.size, recency: days.size ? Math.max(...days) : 0, T, count: 1 };
  });

  test('ends a ridge search early at the same likelihood a long search reaches', () => {
    const long = fitBgNbdWeighted(ridge, { maxIterations: 4000, maxRestarts: 2 });
    const stalled = fitBgNbdWeighted(ridge, { stallIterations: 200 });
    expect(long.converged).toBe(false);
    expect(stalled.converged).toBe(false);
    expect(stalled.iterations).toBeLessThan(long.iterations / 4);
    expect(stalled.logLikelihood).toBeCloseTo(long.logLikelihood, 6);
  });

  test('leaves a well-posed fit as it was', () => {
    const summaries = HISTORIES.map((h) => ({ ...toSummary(h), count: h.count }));
    const plain = fitBgNbdWeighted(summaries);
    const stalled = fitBgNbdWeighted(summaries, { stallIterations: 200 });
    expect(stalled.converged).toBe(true);
    expect(stalled.logLikelihood).toBeCloseTo(plain.logLikelihood, 8);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) expect(stalled.params[key]).toBeCloseTo(plain.params[key], 4);
  });

  test('the job fits a sample when one is marked, and scores every history', () => {
    const marked = HISTORIES.map((h, i) => ({ ...h, fit_count: i % 2 ? h.count : 0 }));
    expect(fitChurnModel(marked)!.sampleSize).toBe(marked.reduce((n, h) => n + h.fit_count, 0));
    expect(scoreHistories(fitChurnModel(marked)!.params, marked)).toHaveLength(HISTORIES.length);
  });
});
