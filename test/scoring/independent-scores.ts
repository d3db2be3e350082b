/**
 * The scores the job should write, computed by a deliberately different formulation
 * than src/scoring/scoring.sql.ts: quintiles from row_number() and the NTILE
 * arithmetic spelled out (the first n mod 5 buckets get one extra row), recency from
 * interval day fields, lifecycle from comparisons of instants (24-hour days), and the RFM grid as an
 * explicit CASE rather than the bound grid table.
 */
import type { Queryable } from '../../src/db/database';

export interface IndependentScore {
  profile_id: string;
  r: number;
  f: number;
  m: number;
  cell: string;
  lifecycle: string;
}

export interface Thresholds {
  newDays: number;
  activeDays: number;
  churnDays: number;
}

/** ntile(5) of the row at 1-based position `rn` among `n` rows, by arithmetic. */
const bucket = (rn: string) => `
  case when ${rn} <= (n % 5) * (n / 5 + 1) then (${rn} - 1) / (n / 5 + 1) + 1
       else (n % 5) + (${rn} - (n % 5) * (n / 5 + 1) - 1) / (n / 5) + 1 end`;

const INDEPENDENT_SCORES = `
  with b as (
    select e.profile_id, count(*) as orders, sum(coalesce(e.revenue, 0)) as revenue,
           min(e.occurred_at) as first_at, max(e.occurred_at) as last_at,
           (array_agg(e.occurred_at order by e.occurred_at desc))[2] as previous_at,
           date_part('day', $1::timestamptz - max(e.occurred_at)) as recency
      from events e
     where e.name = 'Order Completed' and e.occurred_at <= $1::timestamptz
       and e.profile_id in (select id from profiles where merged_into is null)
     group by e.profile_id
  ), ranked as (
    select b.*, count(*) over () as n,
           row_number() over (order by recency desc, profile_id) as rn_r,
           row_number() over (order by orders, profile_id) as rn_f,
           row_number() over (order by revenue, profile_id) as rn_m
      from b
  ), q as (
    select profile_id, first_at, last_at, previous_at, ${bucket('rn_r')} as r, ${bucket('rn_f')} as f, ${bucket('rn_m')} as m from ranked
  )
  select profile_id::text, r::int, f::int, m::int,
         case when r = 5 and f >= 4 then 'Champions'
              when r in (3, 4) and f >= 4 then 'Loyal'
              when r >= 4 and f in (2, 3) then 'Potential Loyalist'
              when r = 5 and f = 1 then 'New'
              when r = 4 and f = 1 then 'Promising'
              when r = 3 and f = 3 then 'Need Attention'
              when r = 3 and f <= 2 then 'About to Sleep'
              when r <= 2 and f in (3, 4) then 'At Risk'
              when r <= 2 and f = 5 then 'Cannot Lose'
              when r = 1 and f = 1 then 'Lost'
              when r <= 2 and f <= 2 then 'Hibernating' end as cell,
         case when first_at > $1::timestamptz - make_interval(hours => 24 * $2::int) then 'new'
              when last_at > $1::timestamptz - make_interval(hours => 24 * $3::int)
               and last_at - previous_at >= make_interval(hours => 24 * $4::int) then 'reactivated'
              when last_at > $1::timestamptz - make_interval(hours => 24 * $3::int) then 'active'
              when last_at > $1::timestamptz - make_interval(hours => 24 * $4::int) then 'silent'
              else 'churned' end as lifecycle
    from q order by profile_id`;

export async function independentScores(db: Queryable, asOf: Date, t: Thresholds): Promise<IndependentScore[]> {
  const { rows } = await db.query<IndependentScore>(INDEPENDENT_SCORES, [asOf, t.newDays, t.activeDays, t.churnDays]);
  return rows;
}

/** name → count, for comparing with ScoringRun counts. */
export function tally<T>(rows: T[], key: (row: T) => string | null): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) {
    const k = key(row);
    if (k !== null) counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/** Drops zero counts so tallies and ScoringRun lists (which list zeros) compare. */
export function nonZero(list: { name: string; count: number }[]): Record<string, number> {
  return Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [c.name, c.count]));
}
