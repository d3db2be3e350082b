import { assertUnreachable } from '../common';
import type { StrategyName } from './recommendation.model';

/**
 * One statement answers a batch of requests (the service sends a batch of one, the
 * offline evaluation thousands): `$1` profile ids (null for an unknown visitor) and
 * `$2` seed products, paired by position; `$3` limit; `$4` exclude what the profile
 * bought; `$5` FOR_YOU seed items; `$6` weight of a viewed-only item.
 *
 * Per request a lateral subquery takes the strategy's candidates (tier 0) and, when
 * they fall short of the limit, fills up with POPULAR (tier 1) labelled with why:
 * `unknown_user`, `no_input` (no history / segments / seed given), `no_data` (the
 * inputs exist but nothing is derived from them yet) or `filler`.
 */
export const PRODUCT_COLUMNS = `p.id, p.name, p.category, p.price, p.image_url, p.url, p.attributes, p.active, p.updated_at, p.first_seen_at`;

/**
 * A candidate may be shown: not deactivated, not the seed, not bought before (when
 * asked). Inactive products are few, so they are probed through a partial index rather
 * than checking every candidate against the whole catalog.
 */
const keep = (product: string) => `
  not exists (select 1 from products kp where kp.id = ${product} and not kp.active)
  and ${product} is distinct from req.seed
  and not ($4::boolean and exists (select 1 from product_purchases kb where kb.profile_id = req.profile_id and kb.product_id = ${product}))`;

/** Columns every candidate list yields (text, float8, text, uuid, boolean, int, int). */
const CANDIDATE = `product_id, score, because_product_id, because_segment_id, because_viewed, n1, n2`;

interface StrategySql {
  /** CTEs before `candidates`, as `name as (...)`, or none. */
  inputs?: string;
  /** Select yielding CANDIDATE columns, at most $3 rows, best first. */
  candidates: string;
  /** True when the strategy had something to start from (seeds, segments, a product). */
  hasInput: string;
}

const popular = (): string => `
  select pp.product_id, pp.buyers::float8 as score, null::text, null::uuid, null::boolean, pp.buyers, null::int
    from product_popularity pp
   where pp.buyers > 0 and ${keep('pp.product_id')}
   order by pp.buyers desc, pp.product_id limit $3`;

const trending = (): StrategySql => ({
  candidates: `
    select pp.product_id, pp.trending_score, null::text, null::uuid, null::boolean, pp.recent_buyers, pp.prior_buyers
      from product_popularity pp
     where pp.trending_score > 0 and ${keep('pp.product_id')}
     order by pp.trending_score desc, pp.product_id limit $3`,
  hasInput: 'true',
});

/** The best share among the profile's segments wins, and that segment is the reason. */
const segmentPopular = (): StrategySql => ({
  inputs: `segs as (select m.segment_id from memberships m where m.profile_id = req.profile_id)`,
  candidates: `
    select sp.product_id, max(sp.share), null::text,
           (array_agg(sp.segment_id order by sp.share desc, sp.segment_id))[1], null::boolean,
           (array_agg(sp.buyers order by sp.share desc, sp.segment_id))[1], null::int
      from segs join segment_product_popularity sp on sp.segment_id = segs.segment_id
     where ${keep('sp.product_id')}
     group by sp.product_id
     order by 2 desc, 1 limit $3`,
  hasInput: 'exists (select 1 from segs)',
});

const alsoBought = (): StrategySql => ({
  candidates: `
    select s.similar_product_id, s.score, s.product_id, null::uuid, null::boolean, s.co_count, null::int
      from item_similarities s
     where s.product_id = req.seed and ${keep('s.similar_product_id')}
     order by s.score desc, s.similar_product_id limit $3`,
  hasInput: 'req.seed is not null',
});

/**
 * Seeds: the profile's $5 most recent distinct items, bought (weight 1) or only viewed
 * (weight $6). A candidate scores Σ weight · similarity over the seeds; the seed that
 * contributed most is the reason, n1 counts the seeds that contributed. Ties break by
 * product (and event id), so the kept lists (user-lists.sql.ts) pick the same seeds.
 */
const forYou = (): StrategySql => ({
  inputs: `
    seen as (
      (select pp.product_id, pp.order_at as at, true as bought from product_purchases pp
        where pp.profile_id = req.profile_id order by pp.order_at desc, pp.product_id limit $5 * 4)
      union all
      (select e.properties->>'product_id', e.occurred_at, false from events e
        where e.profile_id = req.profile_id and e.name = 'Product Viewed' and e.properties ? 'product_id'
        order by e.occurred_at desc, e.id desc limit $5 * 4)
    ), seeds as (
      select product_id, case when bool_or(bought) then 1.0::float8 else $6::float8 end as weight, bool_or(bought) as bought
        from seen group by product_id order by max(at) desc, product_id limit $5
    )`,
  candidates: `
    select s.similar_product_id, sum(s.score * sd.weight),
           (array_agg(sd.product_id order by s.score * sd.weight desc, sd.product_id))[1], null::uuid,
           not (array_agg(sd.bought order by s.score * sd.weight desc, sd.product_id))[1], count(*)::int, null::int
      from seeds sd join item_similarities s on s.product_id = sd.product_id
     where ${keep('s.similar_product_id')}
     group by s.similar_product_id
     order by 2 desc, 1 limit $3`,
  hasInput: 'exists (select 1 from seeds)',
});

function strategySql(strategy: Exclude<StrategyName, 'POPULAR'>): StrategySql {
  switch (strategy) {
    case 'TRENDING':
      return trending();
    case 'SEGMENT_POPULAR':
      return segmentPopular();
    case 'ALSO_BOUGHT':
      return alsoBought();
    case 'FOR_YOU':
      return forYou();
    default:
      return assertUnreachable(strategy, 'strategy');
  }
}

/** Strategy candidates, then POPULAR for the slots left, for one request `req`. */
function perRequest(strategy: StrategyName): string {
  if (strategy === 'POPULAR') return `select c.*, 0 as tier, null::text as fallback from (${popular()}) c(${CANDIDATE})`;
  const { inputs, candidates, hasInput } = strategySql(strategy);
  const needsProfile = strategy === 'FOR_YOU' || strategy === 'SEGMENT_POPULAR';
  return `
    with ${inputs ? `${inputs},` : ''}
    candidates as (select * from (${candidates}) c(${CANDIDATE})),
    fill as (
      select f.* from (${popular()}) f(${CANDIDATE})
       where (select count(*) from candidates) < $3
         and not exists (select 1 from candidates c where c.product_id = f.product_id)
    )
    select c.*, 0 as tier, null::text as fallback from candidates c
    union all
    select f.product_id, f.score, req.seed, f.because_segment_id, f.because_viewed, f.n1, f.n2, 1,
           case when ${needsProfile ? 'req.profile_id is null' : 'false'} then 'unknown_user'
                when not (${hasInput}) then 'no_input'
                when not exists (select 1 from candidates) then 'no_data'
                else 'filler' end
      from fill f`;
}

/**
 * The statement is prepared, and its generic plan must stay cheap: the catalog is read
 * by key for the few rows returned (the `limit 1` laterals keep the planner from
 * hash-joining the whole products table, which made each call cost 1.3 ms).
 */
export function recommendationSql(strategy: StrategyName): string {
  return `
    with req as (
      select r.ord, r.profile_id, r.seed from unnest($1::uuid[], $2::text[]) with ordinality as r(profile_id, seed, ord)
    )
    select req.ord, req.profile_id, rec.*, p.*, bp.because_product_name, sg.name as because_segment_name, sg.key as because_segment_key
      from req
      cross join lateral (
        select * from (${perRequest(strategy)}) x order by x.tier, x.score desc, x.product_id limit $3
      ) rec
      cross join lateral (select ${PRODUCT_COLUMNS} from products p where p.id = rec.product_id limit 1) p
      left join lateral (select bp.name as because_product_name from products bp where bp.id = rec.because_product_id limit 1) bp on true
      left join segments sg on sg.id = rec.because_segment_id
     order by req.ord, rec.tier, rec.score desc, rec.product_id`;
}

/**
 * FOR_YOU with `excludePurchased` from one visitor's kept list (user_recommendations,
 * written by user-lists.sql.ts with this file's `forYou` scoring): `$1` profile, `$2`
 * limit. Item rows only when the list is fresh; the caller uses them only when there are
 * `$2` of them once inactive products are left out, which is exactly the live statement's
 * answer (its best `$2` candidates, no POPULAR filling). Anything else (a short list, a
 * fallback to explain) goes to the live statement, except a visitor without history: with
 * no list state since lists covered every visitor (migration 20261209000001), one row
 * says `no_history` and the answer is the POPULAR fill (no seeds, nothing bought).
 * Kept small on purpose: PostgreSQL re-plans this prepared statement per call, and
 * planning the live one costs more than running it.
 */
export function keptForYouSql(): string {
  return `
    with list as (
      select ur.rank, ur.product_id, ur.score, ur.because_product_id, ur.because_viewed, ur.seeds as n1, 0 as tier,
             null::text as fallback, null::int as n2, ${PRODUCT_COLUMNS}, bp.because_product_name
        from recommendation_lists st
        cross join lateral (
          select k.* from user_recommendations k
           where k.profile_id = st.profile_id
             and not exists (select 1 from products kp where kp.id = k.product_id and not kp.active)
           order by k.rank limit $2
        ) ur
        cross join lateral (select * from products p where p.id = ur.product_id limit 1) p
        left join lateral (select bp.name as because_product_name from products bp where bp.id = ur.because_product_id limit 1) bp on true
       where st.profile_id = $1 and not st.stale
    ), visitor as (
      select not exists (select 1 from recommendation_lists s where s.profile_id = $1)
             and exists (select 1 from recommendation_coverage) as no_history
    )
    select v.no_history, l.* from visitor v left join list l on true
     order by l.rank`;
}
