import type { SimilarityBasis } from '../config';
/**
 * The refresh job, set-based: item similarities, popularity and per-segment popularity
 * recomputed from `product_purchases` as of an instant, in one transaction (readers see
 * the previous tables until it commits). Statements run in this order.
 */

/** One refresh at a time across instances (the scheduler and the mutation may overlap). */
export const LOCK_REFRESH = `select pg_advisory_xact_lock(7357005)`;

/** The same lock for the refreshes after ingest: when another instance holds it, they come back later. */
export const TRY_LOCK_REFRESH = `select pg_try_advisory_xact_lock(7357005) as locked`;

/** What start-up checks: purchases without popularity or lists mean no refresh has run since they arrived. */
export const FILLED = `
  select exists (select 1 from product_purchases) as purchases,
         exists (select 1 from product_popularity) as popularity,
         exists (select 1 from recommendation_lists) as lists`;

/** Pair counting and the top-K sort stay in memory at the eval's scale without unbounded use. */
export const REFRESH_WORK_MEM = `set local work_mem = '128MB'`;


/**
 * Baskets of the purchases in the `$3` days up to `$1`: per buyer, their `$4` most recent
 * distinct items; per order, its first `$4` items. Each item carries a decay weight
 * w = 2^(-age / $2 days) of its (last) purchase, and a dense integer id so that the
 * pair self-join hashes integers rather than text.
 */
export function createBaskets(basis: SimilarityBasis): string {
  const key = basis === 'buyer' ? 'profile_id' : 'event_id';
  const basket = basis === 'buyer' ? 'dense_rank() over (order by profile_id)' : 'event_id';
  return `
  create temp table rec_baskets on commit drop as
  with bought as (
    select ${key}, product_id, max(order_at) as last_at
      from product_purchases
     where order_at <= $1::timestamptz and order_at > $1::timestamptz - make_interval(days => $3::int)
     group by ${key}, product_id
  ), recent as (
    select *, row_number() over (partition by ${key} order by last_at desc, product_id) as rk from bought
  )
  select ${basket}::bigint as basket, product_id, dense_rank() over (order by product_id)::int as item,
         power(2::float8, -extract(epoch from ($1::timestamptz - last_at)) / 86400.0 / $2::float8) as w
    from recent where rk <= $4::int`;
}

export const ANALYZE_BASKETS = `analyze rec_baskets`;

/** n(i): decayed number of buyers of each item. */
export const CREATE_ITEM_WEIGHTS = `
  create temp table rec_items on commit drop as
  select item, min(product_id) as product_id, sum(w) as n from rec_baskets group by item`;

export const CLEAR_SIMILARITIES = `delete from item_similarities`;

/**
 * Co-purchase within baskets (buyer histories by default). For items i ≠ j:
 *   n(i)    = Σ over baskets holding i  w_i          (decayed number of buyers of i)
 *   co(i,j) = Σ over baskets of both    min(w_i, w_j) (a pair is as recent as its older purchase)
 *   N       = Σ over baskets of their latest w        (decayed number of buyers)
 *   score(i → j) = (co(i,j) + m · n(j)/N) / (n(i) + m)
 * i.e. P(buys j | bought i) with time-decayed counts, smoothed by m = $1 pseudo-buyers
 * toward j's overall share, so a rarely bought i does not produce noise and the score
 * leans toward what sells now. The top $2 per item are kept; co_count is the plain
 * number of baskets (buyers) holding both.
 */
export const INSERT_SIMILARITIES = `
  with pairs as (
    select a.item as i, b.item as j, sum(least(a.w, b.w)) as co, count(*)::int as co_count
      from rec_baskets a join rec_baskets b on b.basket = a.basket and b.item <> a.item
     group by a.item, b.item
  ), total as (
    select sum(w) as n from (select max(w) as w from rec_baskets group by basket) baskets
  ), scored as (
    select p.i, p.j, p.co_count,
           (p.co + $1::float8 * nj.n / t.n) / (ni.n + $1::float8) as score
      from pairs p join rec_items ni on ni.item = p.i join rec_items nj on nj.item = p.j cross join total t
  ), ranked as (
    select *, row_number() over (partition by i order by score desc, j) as rk from scored
  )
  insert into item_similarities (product_id, similar_product_id, score, co_count)
  select a.product_id, b.product_id, r.score, r.co_count
    from ranked r join rec_items a on a.item = r.i join rec_items b on b.item = r.j
   where r.rk <= $2::int`;

export const CLEAR_POPULARITY = `delete from product_popularity`;

/**
 * Per product, distinct buyers over the $2-day window (POPULAR), over the last $3 days
 * (recent) and over the $4 days before those (prior). TRENDING is a Poisson z-score of
 * the recent count against what the prior rate predicts for the same number of days:
 *   expected = prior · $3 / $4;   trending = (recent − expected) / sqrt(expected + 1)
 * The +1 keeps a product with no prior buyers from scoring infinitely: 3 buyers out of
 * nowhere score 3, a steady seller scores about 0, a surge from 1 to 20 scores ~13.
 */
export const INSERT_POPULARITY = `
  with counts as (
    select product_id,
           count(distinct profile_id) filter (where order_at > $1::timestamptz - make_interval(days => $2::int))::int as buyers,
           count(distinct profile_id) filter (where order_at > $1::timestamptz - make_interval(days => $3::int))::int as recent_buyers,
           count(distinct profile_id) filter (where order_at <= $1::timestamptz - make_interval(days => $3::int)
                                               and order_at > $1::timestamptz - make_interval(days => $3::int + $4::int))::int as prior_buyers
      from product_purchases
     where order_at <= $1::timestamptz and order_at > $1::timestamptz - make_interval(days => greatest($2::int, $3::int + $4::int))
     group by product_id
  )
  insert into product_popularity (product_id, buyers, recent_buyers, prior_buyers, trending_score, computed_at)
  select product_id, buyers, recent_buyers, prior_buyers,
         (recent_buyers - prior_buyers * $3::float8 / $4::float8) / sqrt(prior_buyers * $3::float8 / $4::float8 + 1),
         now()
    from counts where buyers > 0 or recent_buyers > 0`;

export const CLEAR_SEGMENT_POPULARITY = `delete from segment_product_popularity`;

/** Per segment, the $3 products most members bought in the $2-day window, with their share of the members. */
export const INSERT_SEGMENT_POPULARITY = `
  with sizes as (
    select segment_id, count(*) as members from memberships group by segment_id
  ), counts as (
    select m.segment_id, pp.product_id, count(distinct pp.profile_id)::int as buyers
      from memberships m join product_purchases pp on pp.profile_id = m.profile_id
     where pp.order_at <= $1::timestamptz and pp.order_at > $1::timestamptz - make_interval(days => $2::int)
     group by m.segment_id, pp.product_id
  ), ranked as (
    select c.*, row_number() over (partition by c.segment_id order by c.buyers desc, c.product_id) as rk from counts c
  )
  insert into segment_product_popularity (segment_id, product_id, buyers, share)
  select r.segment_id, r.product_id, r.buyers, r.buyers::float8 / s.members
    from ranked r join sizes s on s.segment_id = r.segment_id
   where r.rk <= $3::int`;
