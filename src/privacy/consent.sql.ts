/**
 * SQL over `consents` (current choice per profile and purpose) and `consent_events`
 * (every change). Other features ask ConsentService; the one exception is the marketing
 * predicate below, which segment compilation inlines so batch, preview and real time agree.
 */

/** True when the profile `p` has granted marketing consent. No record means no consent (opt-in). */
export const MARKETING_CONSENT_PREDICATE = `exists (select 1 from consents c where c.profile_id = p.id and c.purpose = 'marketing' and c.granted)`;

/**
 * Applies choices given as a JSON array of {profile_id, purpose, granted, source, at, forced}.
 * Only real changes are written (a choice repeated on every event is not history), and an
 * unforced choice (from an event) never overrides one recorded later than the event happened.
 * Returns the rows that changed.
 */
export const APPLY_CONSENTS = `
  with input as (
    select * from jsonb_to_recordset($1::jsonb)
      as x(profile_id uuid, purpose text, granted boolean, source text, at timestamptz, forced boolean)
  ), changed as (
    select i.* from input i
      left join consents c on c.profile_id = i.profile_id and c.purpose = i.purpose
     where c.granted is distinct from i.granted
       and (i.forced or c.updated_at is null or c.updated_at <= i.at)
  ), upserted as (
    insert into consents as c (profile_id, purpose, granted, source, updated_at)
    select profile_id, purpose, granted, source, at from changed
    on conflict (profile_id, purpose) do update
       set granted = excluded.granted, source = excluded.source, updated_at = excluded.updated_at
    returning c.profile_id, c.purpose, c.granted
  ), logged as (
    insert into consent_events (profile_id, purpose, granted, source, at)
    select profile_id, purpose, granted, source, at from changed order by at, profile_id, purpose
  )
  select profile_id, purpose, granted from upserted`;

/**
 * Merged profiles hand their consents and history to the survivor: for each purpose the
 * most recent choice of either wins. $1 = merged ids, $2 = their survivors (parallel arrays).
 */
export const MOVE_CONSENTS_TO_SURVIVORS = `
  with mapping as (
    select * from unnest($1::uuid[], $2::uuid[]) as m(merged, survivor)
  ), moved as (
    delete from consents c using mapping m where c.profile_id = m.merged
    returning m.survivor, c.purpose, c.granted, c.source, c.updated_at
  ), history as (
    update consent_events e set profile_id = m.survivor from mapping m where e.profile_id = m.merged
  )
  insert into consents as c (profile_id, purpose, granted, source, updated_at)
  select distinct on (survivor, purpose) survivor, purpose, granted, source, updated_at
    from moved order by survivor, purpose, updated_at desc
  on conflict (profile_id, purpose) do update
     set granted = excluded.granted, source = excluded.source, updated_at = excluded.updated_at
   where excluded.updated_at > c.updated_at`;

/** The live profile an id names (a merged id resolves to its survivor), locked against a concurrent merge. */
export const LOCK_PROFILE_BY_ID = `
  select coalesce(p.merged_into, p.id) as id from profiles p where p.id = $1 for share`;

export const LOCK_PROFILE_BY_IDENTITY = `
  select p.id from identities i join profiles p on p.id = i.profile_id
   where i.kind = $1 and i.value = $2 for share of p`;

export const CONSENTS_OF = `
  select profile_id, purpose, granted, source, updated_at from consents
   where profile_id = any($1::uuid[])`;

export const CONSENT_HISTORY_OF = `
  select id, profile_id, purpose, granted, source, at from consent_events
   where profile_id = any($1::uuid[]) order by profile_id, id desc`;

/**
 * Personalization consent of the profile `profileIdSql` (an SQL expression), falling back to the
 * server default bound at `defaultPlaceholder`. Decisions inline it so one statement answers.
 */
export function personalizationConsentSql(profileIdSql: string, defaultPlaceholder: string): string {
  return `coalesce((select c.granted from consents c where c.profile_id = ${profileIdSql} and c.purpose = 'personalization'), ${defaultPlaceholder}::boolean)`;
}
