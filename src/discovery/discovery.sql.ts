import { statValueSql } from '../segments';
import type { SqlParams } from '../db';

/**
 * The stats discovery clusters on, by their segment-language names: each value is what a `stat`
 * leaf on that name compares (statValueSql), so a rule learned on them means the same in a segment.
 */
export const FEATURE_STATS = ['recency_days', 'orders', 'revenue', 'tenure_days', 'avg_order_value'] as const;

/** How many of the most ordered categories get a share feature. */
export const TOP_CATEGORIES = 3;

export const COUNT_BUYERS = `
  select count(*)::int as n from profile_stats s join profiles p on p.id = s.profile_id and p.merged_into is null
   where coalesce(s.orders, 0) > 0 and s.last_order_at is not null and s.first_seen_at is not null`;

/** The most ordered categories (order lines of the catalog's products), most first. */
export const TOP_CATEGORY_NAMES = `
  select pr.category from orders o cross join lateral jsonb_array_elements(coalesce(o.products, '[]'::jsonb)) l
    join products pr on pr.id = l ->> 'product_id'
   where pr.category is not null
   group by pr.category order by count(*) desc, pr.category limit ${TOP_CATEGORIES}`;

export interface FeatureColumns {
  /** Categories whose share of the buyer's order lines is a feature. */
  categories: readonly string[];
  /** Numeric computed traits (missing or non-numeric values count as 0). */
  computedKeys: readonly string[];
}

/**
 * Every buyer at $1 (now): profile_id, the FEATURE_STATS values, then `share_<i>` per category
 * and `computed_<i>` per computed trait, their names and keys bound through `params`.
 */
export function buyerFeaturesSql({ categories, computedKeys }: FeatureColumns, params: SqlParams): string {
  const stats = FEATURE_STATS.map((name) => `(${statValueSql(name, '$1')})::float8 as ${name}`);
  const shares = categories.map((category, i) => `coalesce((
      select (count(*) filter (where pr.category = ${params.add(category)}::text))::float8 / nullif(count(*), 0)
        from orders o cross join lateral jsonb_array_elements(coalesce(o.products, '[]'::jsonb)) l
        left join products pr on pr.id = l ->> 'product_id'
       where o.profile_id = s.profile_id), 0) as share_${i}`);
  const computed = computedKeys.map((key, i) => `coalesce((
      select case when jsonb_typeof(pc.value) = 'number' then (pc.value #>> '{}')::float8 end
        from profile_computed pc join computed_traits ct on ct.id = pc.trait_id
       where ct.key = ${params.add(key)}::text and pc.profile_id = s.profile_id), 0) as computed_${i}`);
  return `
    select s.profile_id, ${[...stats, ...shares, ...computed].join(',\n           ')}
      from profile_stats s join profiles p on p.id = s.profile_id and p.merged_into is null
     where coalesce(s.orders, 0) > 0 and s.last_order_at is not null and s.first_seen_at is not null`;
}

/** A fixed pseudo-random sample of the buyers ($2 seed, $3 size); `features` binds from $4. */
export const sampleSql = (features: string) => `${features} order by hashtextextended(s.profile_id::text, $2::bigint), s.profile_id limit $3::int`;

/**
 * Every buyer assigned to the nearest centroid ($2: standardized centroids as a jsonb array of
 * arrays; $3, $4: the means and deviations of the sample's vectors), counted per cluster. The
 * vector is clusteringVector's (clustering-features.ts) written in SQL: the transformed stats,
 * then the extra features as they are.
 */
export function assignAllSql(features: string, extraColumns: readonly string[]): string {
  const vector = [
    'ln(1 + greatest(recency_days, 0))', 'ln(1 + orders)', 'ln(1 + greatest(revenue, 0))', 'tenure_days', 'avg_order_value', ...extraColumns,
  ];
  return `
    with f as (${features}),
    v as (select array[${vector.join(', ')}]::float8[] as x from f)
    select (select c.ordinality - 1
              from jsonb_array_elements($2::jsonb) with ordinality as c(centroid, ordinality)
             order by (select sum(power((v.x[i] - ($3::float8[])[i]) / ($4::float8[])[i] - (c.centroid ->> (i - 1))::float8, 2))
                         from generate_series(1, ${vector.length}) as i)
             limit 1)::int as cluster,
           count(*)::int as size
      from v group by 1 order by 1`;
}
