import { expectedOrderValueSql } from './scoring.sql';

/**
 * The calibration / holdout check of the value models (the BTYD tracking table). The job's
 * CREATE_BUYERS runs twice in one transaction: as of the calibration end (renamed to
 * `calibration_buyers`), then as of the holdout end (`scoring_buyers`); what a buyer did in
 * the holdout is the difference: purchase days x_hold − x_cal, net revenue r_hold − r_cal.
 */
export const KEEP_CALIBRATION = `alter table scoring_buyers rename to calibration_buyers`;

/** Buyers as of the calibration end, by BG/NBD history, with the purchase days they made in the holdout. */
export const CALIBRATION_HISTORIES = `
  select c.x, c.tx_days, c.t_days, count(*)::int as count, (count(*) filter (where c.in_fit))::int as fit_count,
         sum(coalesce(h.x, c.x) - c.x)::int as holdout_purchases
    from calibration_buyers c left join scoring_buyers h using (profile_id)
   group by c.x, c.tx_days, c.t_days`;

/**
 * Per calibration frequency (7 = 7 or more), the buyers with repeat spend in calibration and a
 * purchase day in the holdout: the mean of Gamma-Gamma's E(M | x, m_x) ($1 p, $2 q, $3 γ) and of
 * their actual average holdout day value.
 */
export const HOLDOUT_SPEND = `
  select least(c.x, 7) as x, count(*)::int as buyers,
         avg(${expectedOrderValueSql('c', '$1', '$2', '$3')})::float8 as predicted,
         avg((h.revenue - c.revenue) / (h.x - c.x))::float8 as actual
    from calibration_buyers c join scoring_buyers h using (profile_id)
   where c.x > 0 and c.m_x > 0 and h.x > c.x
   group by 1 order by 1`;
