import type { Queryable } from '../db';
import { FIT_SAMPLE_MAX } from './churn-model';
import { fitGammaGamma, type GammaGammaFit } from './gamma-gamma';
import type { LifecycleRules } from './lifecycle';
import { rfmGridRows } from './rfm';
import { CREATE_BUYERS, spendSampleSql } from './scoring.sql';

/** The buyers as of `asOf` into the temporary table `scoring_buyers` (CREATE_BUYERS), for the scoring job and the value-model check. */
export function createBuyers(tx: Queryable, asOf: Date, rules: LifecycleRules): Promise<unknown> {
  return tx.query(CREATE_BUYERS, [asOf, rules.newDays, rules.activeDays, rules.churnDays, JSON.stringify(rfmGridRows()), FIT_SAMPLE_MAX]);
}

/** Gamma-Gamma on a buyers table's fit sample of repeat spend, or null while fewer than two buyers have any. */
export async function fitSpend(tx: Queryable, buyers: 'scoring_buyers' | 'calibration_buyers'): Promise<GammaGammaFit | null> {
  const { rows } = await tx.query<{ x: number; m_x: number }>(spendSampleSql(buyers));
  return rows.length >= 2 ? fitGammaGamma(rows.map((r) => ({ frequency: r.x, averageValue: r.m_x }))) : null;
}
