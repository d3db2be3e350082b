import type { Queryable } from '../db';
import { MOVE_ORDERS, MOVE_RETIRED_ORDERS } from '../commerce';
import type { IdentityRef } from './identity';

export interface MergeRequest {
  survivor: string;
  merged: string;
  identity: IdentityRef;
  messageId: string;
}

/** The merged profile's account links ($2) move to the survivor ($1); a link both had keeps the wider seen interval. */
const MOVE_ACCOUNT_LINKS = `
  with moved as (delete from profile_accounts where profile_id = $2::uuid returning account_id, first_seen_at, last_seen_at)
  insert into profile_accounts as pa (profile_id, account_id, first_seen_at, last_seen_at)
  select $1::uuid, account_id, first_seen_at, last_seen_at from moved
  on conflict (profile_id, account_id) do update
     set first_seen_at = least(pa.first_seen_at, excluded.first_seen_at), last_seen_at = greatest(pa.last_seen_at, excluded.last_seen_at)`;

/**
 * The merged profile's counters ($2) are added to the survivor's ($1), and its row goes.
 * Added, not recounted from events: with EVENT_RETENTION_MONTHS the oldest events are gone,
 * and the counters are what keeps them (events, orders and revenue of all time).
 */
const ADD_MERGED_STATS = `
  with gone as (delete from profile_stats where profile_id = $2::uuid returning *)
  insert into profile_stats as s (profile_id, events, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at, first_seen_at, last_seen_at)
  select $1::uuid, events, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at, first_seen_at, last_seen_at from gone
  on conflict (profile_id) do update set
    events = s.events + excluded.events, orders = s.orders + excluded.orders, revenue = s.revenue + excluded.revenue,
    gross_revenue = s.gross_revenue + excluded.gross_revenue, refunds = s.refunds + excluded.refunds,
    first_order_at = least(s.first_order_at, excluded.first_order_at), last_order_at = greatest(s.last_order_at, excluded.last_order_at),
    first_seen_at = least(s.first_seen_at, excluded.first_seen_at), last_seen_at = greatest(s.last_seen_at, excluded.last_seen_at)`;

/**
 * Folds `merged` into `survivor`: identities, events, account links, orders and counters
 * move, traits merge (the more recently updated profile wins key by key), and the loser
 * stays as a pointer so its id still resolves. Chains are flattened so every old id is one
 * hop from its survivor.
 */
export async function mergeProfiles(tx: Queryable, m: MergeRequest): Promise<void> {
  const ids = [m.survivor, m.merged];
  await tx.query(`select id from profiles where id = any($1::uuid[]) order by id for update`, [ids]);
  await tx.query(`update identities set profile_id = $1 where profile_id = $2`, [m.survivor, m.merged]);
  await tx.query(`update events set profile_id = $1 where profile_id = $2`, [m.survivor, m.merged]);
  await tx.query(MOVE_ACCOUNT_LINKS, [m.survivor, m.merged]);
  await tx.query(MOVE_ORDERS, [m.survivor, m.merged]);
  await tx.query(MOVE_RETIRED_ORDERS, [m.survivor, m.merged]);
  await tx.query(
    `update profiles s
        set traits = case when l.updated_at > s.updated_at then s.traits || l.traits else l.traits || s.traits end,
            created_at = least(s.created_at, l.created_at),
            last_seen_at = greatest(s.last_seen_at, l.last_seen_at),
            updated_at = now()
       from profiles l
      where s.id = $1 and l.id = $2`,
    [m.survivor, m.merged],
  );
  await tx.query(`update profiles set merged_into = $1, updated_at = now() where id = $2 or merged_into = $2`, [m.survivor, m.merged]);
  await tx.query(ADD_MERGED_STATS, [m.survivor, m.merged]);
  await tx.query(
    `insert into profile_merges (survivor_id, merged_id, identity_kind, identity_value, message_id) values ($1, $2, $3, $4, $5)`,
    [m.survivor, m.merged, m.identity.kind, m.identity.value, m.messageId],
  );
}

/**
 * The event-derived counters of profile_stats, rebuilt from `events` for the profiles
 * `profiles` yields as `p(id)`: what ingest's incremental counters must always equal while
 * every event is kept (the benchmark seeds and restores with it, and its checks compare).
 */
export function profileStatsFromEventsSql(profiles: string): string {
  return `
    insert into profile_stats as s (profile_id, events, orders, revenue, gross_revenue, refunds, first_order_at, last_order_at, first_seen_at, last_seen_at)
    select p.id,
           count(e.id)::int,
           coalesce(sum(e.order_delta), 0)::int,
           coalesce(sum(e.revenue), 0),
           coalesce(sum(e.order_gross), 0),
           coalesce(sum(e.order_gross), 0) - coalesce(sum(e.revenue), 0),
           min(e.occurred_at) filter (where e.order_delta > 0),
           max(e.occurred_at) filter (where e.order_delta > 0),
           min(e.occurred_at), max(e.occurred_at)
      from ${profiles} left join events e on e.profile_id = p.id
     group by p.id
    on conflict (profile_id) do update set
           events = excluded.events, orders = excluded.orders, revenue = excluded.revenue,
           gross_revenue = excluded.gross_revenue, refunds = excluded.refunds,
           first_order_at = excluded.first_order_at, last_order_at = excluded.last_order_at,
           first_seen_at = excluded.first_seen_at, last_seen_at = excluded.last_seen_at`;
}

/** Rebuilds the event-derived counters of profiles from their events (the benchmark's restore). */
export async function recomputeProfileStats(tx: Queryable, profileIds: string[]): Promise<void> {
  if (!profileIds.length) return;
  await tx.query(profileStatsFromEventsSql('unnest($1::uuid[]) p(id)'), [profileIds]);
}
