/** Profile columns with their stats, so one statement answers `profile { traits stats }`. */
export const PROFILE_COLUMNS = `
  p.id, p.traits, p.created_at, p.last_seen_at,
  coalesce(s.orders, 0) as orders, coalesce(s.revenue, 0) as revenue, coalesce(s.gross_revenue, 0) as gross_revenue,
  coalesce(s.refunds, 0) as refunds, coalesce(s.events, 0) as events,
  s.first_order_at, s.last_order_at, s.first_seen_at, s.last_seen_at as stats_last_seen_at,
  s.rfm_r, s.rfm_f, s.rfm_m, s.rfm_segment, s.lifecycle, s.value_tier,
  s.p_alive, s.churn_risk, s.expected_orders_90d, s.scored_at, s.scores_as_of,
  s.expected_avg_order_value, s.purchase_probability_30d, s.expected_orders_52w, s.clv_52w, s.clv_52w_discounted`;

/** A merged profile's id resolves to its survivor (chains are flattened on merge). */
export const PROFILE_BY_ID = `
  select ${PROFILE_COLUMNS}
    from profiles p0
    join profiles p on p.id = coalesce(p0.merged_into, p0.id)
    left join profile_stats s on s.profile_id = p.id
   where p0.id = $1`;

export const PROFILE_BY_IDENTITY = `
  select ${PROFILE_COLUMNS}
    from identities i
    join profiles p on p.id = i.profile_id
    left join profile_stats s on s.profile_id = p.id
   where i.kind = $1 and i.value = $2`;

export const IDENTITIES_OF = `
  select profile_id, kind, value, created_at from identities
   where profile_id = any($1::uuid[]) order by profile_id, kind, created_at`;

export const MERGES_INTO = `
  select survivor_id, merged_id, identity_kind, identity_value, message_id, merged_at from profile_merges
   where survivor_id = any($1::uuid[]) order by survivor_id, merged_at, id`;

/** A page of events for several profiles at once (newest first), for the events loader. */
export const EVENTS_PAGE = `
  select e.* from unnest($1::uuid[]) as pid(id)
  cross join lateral (
    select id, profile_id, message_id, type, name, properties, context, occurred_at, clamped_from, received_at, source
      from events
     where profile_id = pid.id
       and ($2::text is null or name = $2)
       and ($3::timestamptz is null or (occurred_at, id) < ($3::timestamptz, $4::bigint))
     order by occurred_at desc, id desc
     limit $5
  ) e`;
