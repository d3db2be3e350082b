import { HOLDOUT_VARIANT } from './experiment-holdout';

export const EXPERIMENT_COLUMNS = `
  id, key, name, description, status, variants, targeting_segment_id, goal_event,
  hashing, hashing_unit, seed, coverage, targeting_condition, metrics, holdout, started_at, stopped_at, created_at, updated_at`;

export const SELECT_EXPERIMENTS = `select ${EXPERIMENT_COLUMNS} from experiments`;

export const IS_MEMBER = `select 1 from memberships where segment_id = $1 and profile_id = $2`;

export const INSERT_EXPERIMENT = `
  insert into experiments (key, name, description, variants, targeting_segment_id, goal_event, hashing, hashing_unit, seed, coverage, targeting_condition, metrics)
  values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
  on conflict (key) do nothing
  returning ${EXPERIMENT_COLUMNS}`;

/** Guarded by the status the caller validated against, so a concurrent start cannot slip in between. */
export const UPDATE_EXPERIMENT = `
  update experiments
     set name = $3, description = $4, variants = $5, targeting_segment_id = $6, goal_event = $7,
         hashing = $8, hashing_unit = $9, seed = $10, coverage = $11, targeting_condition = $12, metrics = $13, updated_at = now()
   where id = $1 and status = $2
  returning ${EXPERIMENT_COLUMNS}`;

/**
 * Transitions go one way; no row back means the experiment was not in the starting status.
 * Starting takes a copy of the global holdout: changing it later moves nobody in this experiment.
 */
export const START_EXPERIMENT = `
  update experiments set status = 'RUNNING', started_at = now(), updated_at = now(),
         holdout = (select jsonb_build_object('share', h.share, 'seed', h.seed) from experiment_holdout h where h.share > 0)
   where key = $1 and status = 'DRAFT'
  returning ${EXPERIMENT_COLUMNS}`;

export const STOP_EXPERIMENT = `
  update experiments set status = 'STOPPED', stopped_at = now(), updated_at = now()
   where key = $1 and status = 'RUNNING'
  returning ${EXPERIMENT_COLUMNS}`;

/** Which identity names the subject: the first given of a profile id, a user id, an anonymous id. */
export type SubjectLookup = 'profile' | 'user' | 'anonymous';

const SUBJECT_SOURCES: Record<SubjectLookup, { profile: string; from: string }> = {
  // A profile id may name a merged profile, which resolves to its survivor; identities follow merges themselves.
  profile: { profile: 'p.id', from: `from profiles p0 join profiles p on p.id = coalesce(p0.merged_into, p0.id) where p0.id = $1::uuid` },
  anonymous: { profile: 'i.profile_id', from: `from identities i where i.kind = 'anonymous_id' and i.value = $1::text` },
  // The user id's profile, else the anonymous id's ($3).
  user: {
    profile: 'i.profile_id',
    from: `from identities i where (i.kind = 'user_id' and i.value = $1::text) or (i.kind = 'anonymous_id' and i.value = $3::text)
            order by i.kind = 'user_id' desc limit 1`,
  },
};

/**
 * What serving needs about the subject, in one read: the profile its identity ($1) names, its
 * recorded assignment in experiment $2 if any, and, with a targeting segment ($3, or $4 for a
 * user lookup), whether it is a member. No row: no such profile (a first visit), so a first
 * visit by anonymous id costs one index probe. One text per case rather than `$n is null or …`:
 * a parameter the planner could fold makes each custom plan look cheaper than the generic one,
 * and PostgreSQL would then plan every execution again.
 */
export function serveFactsSql(lookup: SubjectLookup, targetingSegment: boolean): string {
  const { profile, from } = SUBJECT_SOURCES[lookup];
  const segment = lookup === 'user' ? '$4' : '$3';
  const targeted = targetingSegment ? `exists (select 1 from memberships m where m.segment_id = ${segment}::uuid and m.profile_id = ${profile})` : 'true';
  return `
  select ${profile} as profile_id,
         (select a.variant from assignments a where a.experiment_id = $2::uuid and a.profile_id = ${profile}) as assigned,
         ${targeted} as targeted
    ${from}`;
}

/**
 * Persists the first assignment and returns the one that holds: a row inserted now, or the
 * row already there ($3 is then ignored). Both branches cannot return a row: the plain
 * select reads the snapshot from before this statement's insert.
 */
const STICKY_ASSIGNMENT = `
  inserted as (
    insert into assignments (profile_id, experiment_id, variant) values ($1, $2, $3)
    on conflict (profile_id, experiment_id) do nothing
    returning variant),
  chosen as (
    select variant from inserted
    union all
    select variant from assignments where profile_id = $1 and experiment_id = $2)`;

export const RECORD_ASSIGNMENT = `with ${STICKY_ASSIGNMENT} select variant from chosen`;

/** As RECORD_ASSIGNMENT, and logs the first exposure at $4 (now when null; later ones are no-ops). */
export const RECORD_EXPOSURE = `
  with ${STICKY_ASSIGNMENT},
  exposed as (
    insert into exposures (profile_id, experiment_id, variant, exposed_at)
    select $1, $2, variant, coalesce($4::timestamptz, now()) from chosen
    on conflict (profile_id, experiment_id) do nothing)
  select variant from chosen`;

/**
 * Results in one statement: one row per variant (in the experiment's order) with its
 * exposures and conversions, and on each row those of the held-out users. A conversion is an exposed profile with at least one goal event
 * strictly after its first exposure and, once stopped, no later than the stop.
 */
export const EXPERIMENT_RESULTS = `
  with e as (${SELECT_EXPERIMENTS} where key = $1),
  exposed as (
    select x.variant,
           exists (select 1 from events ev
                    where ev.profile_id = x.profile_id
                      and ev.name = e.goal_event
                      and ev.occurred_at > x.exposed_at
                      and (e.stopped_at is null or ev.occurred_at <= e.stopped_at)) as converted
      from e join exposures x on x.experiment_id = e.id),
  counts as (
    select variant, count(*)::int as exposures, (count(*) filter (where converted))::int as conversions
      from exposed group by variant)
  select e.*, now() as computed_at, v.value->>'key' as variant_key,
         coalesce(c.exposures, 0) as exposures, coalesce(c.conversions, 0) as conversions,
         coalesce(h.exposures, 0) as held_out, coalesce(h.conversions, 0) as held_out_conversions
    from e
   cross join lateral jsonb_array_elements(e.variants) with ordinality as v(value, position)
    left join counts c on c.variant = v.value->>'key'
    left join counts h on h.variant = '${HOLDOUT_VARIANT}'
   order by v.position`;

/**
 * When ingestion merges two profiles the loser's experiment rows follow its events to the
 * survivor, so the person keeps one variant and conversions stay attributed. The survivor's
 * own assignment wins a clash; an exposure moves only when it agrees with the survivor's
 * assignment, keeping the earlier exposure time.
 */
export const MOVE_ASSIGNMENTS = `
  insert into assignments (profile_id, experiment_id, variant, assigned_at)
  select $1, experiment_id, variant, assigned_at from assignments where profile_id = $2
  on conflict (profile_id, experiment_id) do nothing`;

export const MOVE_EXPOSURES = `
  insert into exposures (profile_id, experiment_id, variant, exposed_at)
  select $1, x.experiment_id, x.variant, x.exposed_at
    from exposures x
    join assignments a on a.profile_id = $1 and a.experiment_id = x.experiment_id and a.variant = x.variant
   where x.profile_id = $2
  on conflict (profile_id, experiment_id) do update set exposed_at = least(exposures.exposed_at, excluded.exposed_at)`;

export const DELETE_MERGED = `
  with gone as (delete from exposures where profile_id = $1)
  delete from assignments where profile_id = $1`;
