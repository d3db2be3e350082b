import { PROFILE_COLUMNS } from '../profiles';

/**
 * Writes a batch's accounts ($1 `[{group_id, traits}]` whose traits it sets, $2 group ids
 * it only names). Traits merge shallowly into the stored ones, the batch's winning: the
 * later write wins, as for profile traits. Accounts only named are inserted when new and
 * otherwise not touched, so events carrying a busy account's `context.groupId` never
 * queue on its row lock. The two lists are disjoint (account-writes.ts).
 */
export const UPSERT_ACCOUNTS = `
  with with_traits as (
    insert into accounts as a (group_id, traits)
    select group_id, traits from jsonb_to_recordset($1::jsonb) as x(group_id text, traits jsonb) order by group_id
    on conflict (group_id) do update set traits = a.traits || excluded.traits, updated_at = now()
    returning id
  ), named as (
    insert into accounts (group_id)
    select group_id from unnest($2::text[]) as x(group_id) order by group_id
    on conflict (group_id) do nothing
    returning id
  )
  select (select count(*) from with_traits)::int as updated, (select count(*) from named)::int as created`;

/**
 * Links people to the accounts of their events ($1 `[{profile_id, group_id, first_seen_at,
 * last_seen_at}]`), widening the seen interval of links that exist. A separate statement
 * from UPSERT_ACCOUNTS so it sees the accounts that statement (or a concurrent batch) created.
 * Returns the people who gained an account: a row the upsert inserted has xmax 0, one it
 * updated has its own transaction id there.
 */
export const LINK_PROFILES = `
  insert into profile_accounts as pa (profile_id, account_id, first_seen_at, last_seen_at)
  select x.profile_id, a.id, x.first_seen_at, x.last_seen_at
    from jsonb_to_recordset($1::jsonb) as x(profile_id uuid, group_id text, first_seen_at timestamptz, last_seen_at timestamptz)
    join accounts a on a.group_id = x.group_id
   order by x.profile_id, a.id
  on conflict (profile_id, account_id) do update
     set first_seen_at = least(pa.first_seen_at, excluded.first_seen_at), last_seen_at = greatest(pa.last_seen_at, excluded.last_seen_at)
   where excluded.first_seen_at < pa.first_seen_at or excluded.last_seen_at > pa.last_seen_at
  returning profile_id, xmax = 0 as created`;

const ACCOUNT_COLUMNS = 'a.id, a.group_id, a.traits, a.created_at, a.updated_at';

export const ACCOUNT_BY_GROUP_ID = `select ${ACCOUNT_COLUMNS} from accounts a where a.group_id = $1`;

/** The accounts of several profiles ($1), each profile's in the order it joined them. */
export const ACCOUNTS_OF_PROFILES = `
  select pa.profile_id, ${ACCOUNT_COLUMNS}
    from profile_accounts pa join accounts a on a.id = pa.account_id
   where pa.profile_id = any($1::uuid[])
   order by pa.profile_id, pa.first_seen_at, a.group_id`;

/**
 * A page of members for several accounts at once ($1 account ids), in the order they
 * joined; $2/$3 the cursor (first seen, profile id), $4 the page size + 1.
 */
export const MEMBERS_PAGE = `
  select m.* from unnest($1::uuid[]) as acc(id)
  cross join lateral (
    select pa.account_id, pa.profile_id as member_id,
           to_char(pa.first_seen_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_time,
           ${PROFILE_COLUMNS}
      from profile_accounts pa
      join profiles p on p.id = pa.profile_id
      left join profile_stats s on s.profile_id = p.id
     where pa.account_id = acc.id
       and ($2::timestamptz is null or (pa.first_seen_at, pa.profile_id) > ($2::timestamptz, $3::uuid))
     order by pa.first_seen_at, pa.profile_id
     limit $4
  ) m`;

/** Every member of the accounts with these group ids ($1), for the real-time segment check. */
export const MEMBERS_OF_GROUPS = `
  select a.group_id, pa.profile_id
    from accounts a join profile_accounts pa on pa.account_id = a.id
   where a.group_id = any($1::text[])`;
