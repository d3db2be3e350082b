import { statValueSql } from '../segments';

/**
 * The stats discovery clusters on, by their segment-language names: each value is what a `stat`
 * leaf on that name compares (statValueSql), so a rule learned on them means the same in a segment.
 */
export const FEATURE_STATS = ['recency_days', 'orders', 'revenue', 'tenure_days', 'avg_order_value'] as const;

/** The buyers' stat values at $1 (now), one column per FEATURE_STATS name. */
const featuresSelect = FEATURE_STATS.map((name) => `(${statValueSql(name, '$1')})::float8 as ${name}`).join(', ');
const BUYERS = `
  from profile_stats s join profiles p on p.id = s.profile_id and p.merged_into is null
 where coalesce(s.orders, 0) > 0 and s.last_order_at is not null and s.first_seen_at is not null`;

/** A fixed pseudo-random sample ($2 seed, $3 size) of buyers with their stat values. */
export const SAMPLE_BUYERS = `
  select s.profile_id, ${featuresSelect}
  ${BUYERS}
  order by hashtextextended(s.profile_id::text, $2::bigint), s.profile_id
  limit $3::int`;

export const COUNT_BUYERS = `select count(*)::int as n ${BUYERS}`;

/**
 * Every buyer assigned to the nearest centroid ($2: standardized centroids as a jsonb array of
 * arrays; $3, $4: the means and deviations of the sample's transformed features), counted per
 * cluster. The transform is clusteringVector's (clustering-features.ts), written in SQL.
 */
export const ASSIGN_ALL = `
  with f as (select ${featuresSelect} ${BUYERS}),
  v as (
    select array[ln(1 + greatest(recency_days, 0)), ln(1 + orders), ln(1 + greatest(revenue, 0)), tenure_days, avg_order_value] as x from f)
  select (select c.ordinality - 1
            from jsonb_array_elements($2::jsonb) with ordinality as c(centroid, ordinality)
           order by (select sum(power((v.x[i] - ($3::float8[])[i]) / ($4::float8[])[i] - (c.centroid ->> (i - 1))::float8, 2))
                       from generate_series(1, 5) as i)
           limit 1)::int as cluster,
         count(*)::int as size
    from v group by 1 order by 1`;
