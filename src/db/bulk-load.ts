import type { Queryable } from './database';

/**
 * Fresh planner statistics after a bulk load (an import, the demo seed). Autovacuum gets
 * there eventually, or never where it is off; until then the planner plans a year of
 * imported orders as the empty tables it last saw (a point-in-time history query took 52 s
 * on the imported retail log before ANALYZE, 0.7 s after).
 */
export async function analyzeAfterBulkLoad(db: Queryable): Promise<void> {
  await db.query(`analyze profiles, identities, events, profile_stats, orders, product_purchases, products, profile_accounts, accounts`);
}
