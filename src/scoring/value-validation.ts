import { ValidationError } from '../common';
import type { Database } from '../db';
import { expectedPurchasesRobust } from './bgnbd-quadrature';
import { fitChurnModel, toSummary, type PurchaseHistory } from './churn-model';
import type { GammaGammaParams } from './gamma-gamma';
import type { LifecycleRules } from './lifecycle';
import { createBuyers, fitSpend } from './scoring-buyers';
import { CALIBRATION_HISTORIES, HOLDOUT_SPEND, KEEP_CALIBRATION } from './value-validation.sql';
import type { BgNbdParams } from './bgnbd';

const MS_PER_WEEK = 7 * 86_400_000;
/** Calibration frequencies 0..6 each, then 7 and more together (the tracking table's usual rows). */
export const TOP_GROUP = 7;

export interface TrackingRow {
  /** Repeat purchase days in calibration; TOP_GROUP means that many or more. */
  calibrationPurchases: number;
  customers: number;
  /** Mean purchase days in the holdout, predicted by BG/NBD and as they happened. */
  predictedPurchases: number;
  actualPurchases: number;
  /** Buyers with repeat spend in calibration and a purchase in the holdout; their mean predicted and actual average day value. */
  spendCustomers: number;
  predictedOrderValue: number | null;
  actualOrderValue: number | null;
}

export interface ValueModelCheck {
  calibrationEnd: Date;
  holdoutEnd: Date;
  holdoutWeeks: number;
  purchases: BgNbdParams | null;
  spend: GammaGammaParams | null;
  rows: TrackingRow[];
}

/**
 * Fits both models on the orders up to `calibrationEnd` and compares what they predict for
 * (calibrationEnd, holdoutEnd] with what happened, per calibration frequency. Reads only; the
 * job's own statements compute the buyers, in one transaction that writes nothing lasting.
 */
export async function validateValueModel(db: Database, calibrationEnd: Date, holdoutEnd: Date, rules: LifecycleRules): Promise<ValueModelCheck> {
  if (!(calibrationEnd < holdoutEnd)) throw new ValidationError('must be before holdoutEnd', 'calibrationEnd');
  const holdoutWeeks = (holdoutEnd.getTime() - calibrationEnd.getTime()) / MS_PER_WEEK;
  return db.transaction(async (tx) => {
    await createBuyers(tx, calibrationEnd, rules);
    await tx.query(KEEP_CALIBRATION);
    await createBuyers(tx, holdoutEnd, rules);
    const { rows: histories } = await tx.query<PurchaseHistory & { holdout_purchases: number }>(CALIBRATION_HISTORIES);
    const fit = fitChurnModel(histories);
    const spend = (await fitSpend(tx, 'calibration_buyers'))?.params ?? null;
    const groups = new Map<number, TrackingRow>();
    for (const h of histories) {
      const key = Math.min(h.x, TOP_GROUP);
      const row = groups.get(key) ?? emptyRow(key);
      const predicted = fit ? expectedPurchasesRobust(fit.params, toSummary(h), holdoutWeeks) : 0;
      row.customers += h.count;
      row.predictedPurchases += predicted * h.count;
      row.actualPurchases += h.holdout_purchases;
      groups.set(key, row);
    }
    if (spend && spend.q > 1) {
      const { rows } = await tx.query<{ x: number; buyers: number; predicted: number; actual: number }>(HOLDOUT_SPEND, [spend.p, spend.q, spend.gamma]);
      for (const r of rows) Object.assign(groups.get(r.x)!, { spendCustomers: r.buyers, predictedOrderValue: r.predicted, actualOrderValue: r.actual });
    }
    const rows = [...groups.values()].sort((a, b) => a.calibrationPurchases - b.calibrationPurchases).map((r) => ({
      ...r, predictedPurchases: r.predictedPurchases / r.customers, actualPurchases: r.actualPurchases / r.customers,
    }));
    return { calibrationEnd, holdoutEnd, holdoutWeeks, purchases: fit?.params ?? null, spend, rows };
  });
}

function emptyRow(calibrationPurchases: number): TrackingRow {
  return { calibrationPurchases, customers: 0, predictedPurchases: 0, actualPurchases: 0, spendCustomers: 0, predictedOrderValue: null, actualOrderValue: null };
}
