/**
 * Per-visitor FOR_YOU lists (migration 20261207700001), computed set-based for a scope
 * of visitors: every visitor with history (the refresh job) or the ones ingest marked
 * (the worker). The seeds and scores are those of `forYou()` in recommendations.sql.ts,
 * with `excludePurchased`, so a fresh list equals what the live query returns; the live
 * query's tie-breakers (purchase time, then product; view time, then event id) make
 * both deterministic. Statements run in this order, in one transaction.
 */

/** The profiles marked in `$1` (merged or erased ones dropped), with the version each list was asked for. */
export const CREATE_SCOPE_OF = `
  create temp table rec_scope on commit drop as
  select p.id as profile_id, coalesce(l.version, 0) as version
    from profiles p left join recommendation_lists l on l.profile_id = p.id
   where p.id = any($1::uuid[]) and p.merged_into is null and p.erased_at is null`;

/** Every profile that bought or viewed a product. */
export const CREATE_SCOPE_ALL = `
  create temp table rec_scope on commit drop as
  with visitors as (
    select profile_id from product_purchases
    union
    select profile_id from events where name = 'Product Viewed' and properties ? 'product_id'
  )
  select v.profile_id, coalesce(l.version, 0) as version
    from visitors v
    join profiles p on p.id = v.profile_id and p.merged_into is null and p.erased_at is null
    left join recommendation_lists l on l.profile_id = v.profile_id`;

export const ANALYZE_SCOPE = `analyze rec_scope`;

/** Each visitor's `$1` most recent distinct items: bought (weight 1) or only viewed (weight `$2`). */
export const CREATE_SEEDS = `
  create temp table rec_seeds on commit drop as
  with bought as (
    select x.profile_id, x.product_id, x.order_at as at from (
      select pp.profile_id, pp.product_id, pp.order_at,
             row_number() over (partition by pp.profile_id order by pp.order_at desc, pp.product_id) as rk
        from rec_scope s join product_purchases pp on pp.profile_id = s.profile_id
    ) x where x.rk <= $1::int * 4
  ), viewed as (
    select x.profile_id, x.product_id, x.at from (
      select e.profile_id, e.properties->>'product_id' as product_id, e.occurred_at as at,
             row_number() over (partition by e.profile_id order by e.occurred_at desc, e.id desc) as rk
        from rec_scope s join events e on e.profile_id = s.profile_id
       where e.name = 'Product Viewed' and e.properties ? 'product_id'
    ) x where x.rk <= $1::int * 4
  ), seen as (
    select profile_id, product_id, at, true as bought from bought
    union all
    select profile_id, product_id, at, false from viewed
  ), ranked as (
    select profile_id, product_id, bool_or(bought) as bought,
           row_number() over (partition by profile_id order by max(at) desc, product_id) as rk
      from seen group by profile_id, product_id
  )
  select profile_id, product_id, bought, case when bought then 1.0::float8 else $2::float8 end as weight
    from ranked where rk <= $1::int`;

export const ANALYZE_SEEDS = `analyze rec_seeds`;

/**
 * Candidates: Σ weight · similarity over the seeds, never what the visitor bought; the
 * seed that contributed most is the reason. The best `$1` + 1 per visitor are kept: the
 * extra one says whether the list is cut off.
 */
export const CREATE_CANDIDATES = `
  create temp table rec_candidates on commit drop as
  with scored as (
    select sd.profile_id, s.similar_product_id as product_id, sum(s.score * sd.weight) as score,
           (array_agg(sd.product_id order by s.score * sd.weight desc, sd.product_id))[1] as because_product_id,
           not (array_agg(sd.bought order by s.score * sd.weight desc, sd.product_id))[1] as because_viewed,
           count(*)::int as seeds
      from rec_seeds sd join item_similarities s on s.product_id = sd.product_id
     where not exists (select 1 from product_purchases b where b.profile_id = sd.profile_id and b.product_id = s.similar_product_id)
     group by sd.profile_id, s.similar_product_id
  )
  select * from (select *, row_number() over (partition by profile_id order by score desc, product_id)::int as rank from scored) r
   where r.rank <= $1::int + 1`;

export const CLEAR_LISTS_OF_SCOPE = `delete from user_recommendations ur using rec_scope s where ur.profile_id = s.profile_id`;

export const CLEAR_ALL_LISTS = `delete from user_recommendations`;

/** The best `$1` candidates of every visitor in scope. */
export const INSERT_LISTS = `
  insert into user_recommendations (profile_id, rank, product_id, score, because_product_id, because_viewed, seeds)
  select profile_id, rank, product_id, score, because_product_id, because_viewed, seeds
    from rec_candidates where rank <= $1::int
   order by profile_id, rank`;

/**
 * Last in the transaction, so the rows ingest also writes are locked only briefly: a
 * list is fresh when no purchase or view bumped its version since the scope was read
 * (ingest waits for this lock, then marks it stale again). `$1`: items kept, `$2`: when.
 * Merged and erased profiles are left out here too, in case that happened meanwhile.
 */
export const UPSERT_LIST_STATES = `
  insert into recommendation_lists as l (profile_id, version, stale, has_seeds, complete, computed_at)
  select s.profile_id, s.version, false,
         exists (select 1 from rec_seeds sd where sd.profile_id = s.profile_id),
         not exists (select 1 from rec_candidates c where c.profile_id = s.profile_id and c.rank > $1::int),
         $2::timestamptz
    from rec_scope s
    join profiles p on p.id = s.profile_id and p.merged_into is null and p.erased_at is null
   order by s.profile_id
  on conflict (profile_id) do update
     set stale = l.version <> excluded.version, has_seeds = excluded.has_seeds,
         complete = excluded.complete, computed_at = excluded.computed_at`;

/** After a full rebuild: states of profiles no longer holding history (erased, merged away), unless ingest just marked them. */
export const DROP_STATES_OUT_OF_SCOPE = `
  delete from recommendation_lists l
   where not l.stale and not exists (select 1 from rec_scope s where s.profile_id = l.profile_id)`;

/**
 * After a full rebuild: from now on every profile with history has a list state (ingest
 * inserts one when it marks a new buyer or viewer), so a profile without one has none.
 */
export const RECORD_COVERAGE = `
  insert into recommendation_coverage (singleton, lists_rebuilt_at) values (true, $1::timestamptz)
  on conflict (singleton) do update set lists_rebuilt_at = excluded.lists_rebuilt_at`;

export const FORGET_COVERAGE = `delete from recommendation_coverage`;

/** Those of the visitors `$1` (asked for by reads) whose lists are stale. */
export const STALE_AMONG = `select profile_id from recommendation_lists where stale and profile_id = any($1::uuid[]) order by profile_id`;

/**
 * Ingest (inside its transaction): the visitors of `$1` bought or viewed something, or
 * gained a merged profile's history. Sorted, so concurrent batches lock rows in one order.
 */
export const MARK_LISTS_STALE = `
  insert into recommendation_lists as l (profile_id)
  select distinct id from unnest($1::uuid[]) id order by id
  on conflict (profile_id) do update set version = l.version + 1, stale = true`;

/** A merged profile's list goes: its history now belongs to the survivor (marked stale by MARK_LISTS_STALE). */
export const DROP_LISTS_OF = `
  with states as (delete from recommendation_lists where profile_id = any($1::uuid[]))
  delete from user_recommendations where profile_id = any($1::uuid[])`;

/** After recomputing marked visitors: the marks of those that were merged away or erased meanwhile. */
export const DROP_MARKS_OUT_OF_SCOPE = `
  delete from recommendation_lists l
   where l.profile_id = any($1::uuid[]) and l.stale and not exists (select 1 from rec_scope s where s.profile_id = l.profile_id)`;
