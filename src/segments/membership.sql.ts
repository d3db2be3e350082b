import type { SqlParams } from '../db';

/** One segment's compiled predicate, ready to be evaluated. */
export interface SegmentPredicate {
  segmentId: string;
  version: number;
  predicate: string;
  /** The query of exactly the members' ids, when the compiler has one (CompiledSegment.memberSet): a full recompute reads it instead of every profile. */
  memberSet?: string;
  /** The next instant the answer may change with time alone (CompiledSegment.nextChangeAt): the real-time check keeps each pair's timer. */
  nextChangeAt?: string;
  /** The same for every profile (CompiledSegment.nextChanges): what writing a whole segment's timers reads. */
  nextChanges?: string;
}

export interface MembershipDiffOptions {
  params: SqlParams;
  now: string;
  cause: string;
  /**
   * Placeholders of two parallel arrays (segment_id[], profile_id[]) naming the only
   * (segment, profile) pairs to evaluate; absent = every profile (full recompute).
   */
  scope?: { segmentIds: string; profileIds: string };
}

/**
 * One statement that brings `memberships` in line with the predicates and logs every
 * entry and exit to `membership_changes`, then NOTIFYs the id range it wrote, all in
 * the caller's transaction. A full recompute also returns the `size` it computed (its
 * target), which saves counting the members again. The same text serves the full recompute (no scope) and
 * the real-time check (the pairs an ingested batch may have changed), so the two
 * cannot disagree. In the real-time check, exits are found by joining the scope's pairs
 * (a probe of the primary key each), with the segment filter on the scope: with it on
 * `memberships`, PostgreSQL scanned every membership of the segments instead (8 of 42 ms per
 * 100-event batch on the bench seed, with 20 RFM and lifecycle segments of 30,000 members).
 */
export function membershipDiffSql(segments: SegmentPredicate[], o: MembershipDiffOptions): string {
  const segmentIds = o.params.add(segments.map((s) => s.segmentId));
  const versions = o.params.add(segments.map((s) => s.version));
  const scoped = (segmentId: string) => (o.scope ? ` and p.id in (select profile_id from scope where segment_id = ${segmentId}::uuid)` : '');
  // In the real-time check, a timed segment's pairs are read once for both answers: member or not, and the next change.
  const timed = o.scope ? segments.filter((s) => s.nextChangeAt) : [];
  const targets = segments
    .filter((s) => !timed.includes(s))
    .map((s) => {
      const id = o.params.add(s.segmentId);
      if (s.memberSet && !o.scope) return `select distinct ${id}::uuid as segment_id, m.profile_id from (${s.memberSet}) m(profile_id)`;
      return `select ${id}::uuid as segment_id, p.id as profile_id
                from profiles p left join profile_stats s on s.profile_id = p.id
               where p.merged_into is null${scoped(id)} and ${s.predicate}`;
    });
  if (timed.length) targets.push(`select segment_id, profile_id from evaluated where member`);
  const scope = o.scope ? `scope as (select * from unnest(${o.scope.segmentIds}::uuid[], ${o.scope.profileIds}::uuid[]) as x(segment_id, profile_id)),` : '';
  return `
    with ${scope}${timed.length ? evaluatedSql(timed, o.params, scoped) : ''} target as (
      ${targets.join('\n      union all\n')}
    ),${o.scope ? '' : fullDelta(segmentIds)} entered as (
      insert into memberships (profile_id, segment_id, entered_at)
      select profile_id, segment_id, ${o.now}::timestamptz from ${o.scope ? 'target' : 'delta where entering'}
      on conflict do nothing
      returning profile_id, segment_id
    ), exited as (${o.scope ? scopedExits(segmentIds) : allExits}
    ),${timed.length ? TIMERS : ''} changed as (
      insert into membership_changes (segment_id, profile_id, kind, at, cause, segment_version)
      select c.segment_id, c.profile_id, c.kind, ${o.now}::timestamptz, ${o.params.add(o.cause)}, v.version
        from (select segment_id, profile_id, 'ENTERED' as kind from entered
              union all select segment_id, profile_id, 'EXITED' from exited) c
        join unnest(${segmentIds}::uuid[], ${versions}::int[]) as v(segment_id, version) using (segment_id)
      returning id, kind, profile_id
    )
    ${o.scope ? NOTIFY_CHANGES : `select n.*, (select count(*)::int from target) as size from (${NOTIFY_CHANGES}) n`}`;
}

/** Each scope pair of a timed segment: whether the profile is a member, and the next instant time alone may change that. */
function evaluatedSql(timed: SegmentPredicate[], params: SqlParams, scoped: (segmentId: string) => string): string {
  const arms = timed.map((s) => {
    const id = params.add(s.segmentId);
    return `select ${id}::uuid as segment_id, p.id as profile_id, coalesce(${s.predicate}, false) as member, ${s.nextChangeAt} as due_at
              from profiles p left join profile_stats s on s.profile_id = p.id
             where p.merged_into is null${scoped(id)}`;
  });
  return ` evaluated as materialized (
      ${arms.join('\n      union all\n')}
    ),`;
}

/**
 * The timers of the timed segments' scope pairs (migration 20261210000001): each gets its next
 * change by time alone (written only when it moved), or loses its timer when there is none.
 * The two writes touch different pairs, as two data-modifying parts of one statement must.
 * A merged-away profile's timers are left to the worker, which drops what it finds stale.
 * The full recompute leaves timers alone: SegmentsService.seedTimers writes a whole segment's.
 */
const TIMERS = ` timers_set as (
      insert into segment_timers (profile_id, segment_id, due_at)
      select profile_id, segment_id, due_at from evaluated where due_at is not null
      on conflict (profile_id, segment_id) do update set due_at = excluded.due_at where segment_timers.due_at is distinct from excluded.due_at
    ), timers_cleared as (
      delete from segment_timers t using evaluated n
       where n.due_at is null and t.segment_id = n.segment_id and t.profile_id = n.profile_id
    ),`;

/** Members of the scope's pairs that the target no longer holds: each pair probes the primary key. */
const scopedExits = (segmentIds: string) => `
      delete from memberships m using scope sc
       where sc.segment_id = any(${segmentIds}::uuid[]) and m.segment_id = sc.segment_id and m.profile_id = sc.profile_id
         and not exists (select 1 from target t where t.segment_id = m.segment_id and t.profile_id = m.profile_id)
      returning m.profile_id, m.segment_id`;

/**
 * In a full recompute, what differs between the target and the current members, in one
 * hashed full join: pairs to enter, and members to leave. Inserting every pair and letting
 * conflicts drop out probed the primary key once per member, and an anti-join for the exits
 * was misplanned (67 of 96 ms for 883 members); two set differences scanned the members twice.
 * The target has each pair once (one row per profile, or a distinct member set).
 */
const fullDelta = (segmentIds: string) => `
    delta as materialized (
      select coalesce(t.segment_id, m.segment_id) as segment_id, coalesce(t.profile_id, m.profile_id) as profile_id, m.profile_id is null as entering
        from target t
        full join (select segment_id, profile_id from memberships where segment_id = any(${segmentIds}::uuid[])) m
          on m.segment_id = t.segment_id and m.profile_id = t.profile_id
       where t.profile_id is null or m.profile_id is null
    ),`;

/** The members the delta says leave (by primary key). */
const allExits = `
      delete from memberships m using delta d
       where not d.entering and m.segment_id = d.segment_id and m.profile_id = d.profile_id
      returning m.profile_id, m.segment_id`;

/**
 * Tail shared by every statement that writes membership_changes: counts, and a NOTIFY of the
 * id range. Up to 150 changed profiles are named too (a payload holds under 8,000 bytes), so
 * per-profile caches can drop just those; a bigger change names none, and they drop everything.
 */
export const NOTIFY_CHANGES = `
    select entered::int, exited::int,
           case when lo is not null then pg_notify('segmentary_membership', json_build_object('from', lo, 'to', hi, 'profiles',
             case when change_count <= 600 then
               (select case when count(distinct profile_id) <= 150 then json_agg(distinct profile_id) end from changed) end)::text) end as notified
      from (select count(*) filter (where kind = 'ENTERED') as entered, count(*) filter (where kind = 'EXITED') as exited,
                   count(*) as change_count, min(id) as lo, max(id) as hi from changed) x`;

/** Removes every membership of the given profiles (merge losers, erased people), logging exits. */
export function removeMembershipsSql(o: { profileIds: string; cause: string; now: string }): string {
  return `
    with exited as (
      delete from memberships m where m.profile_id = any(${o.profileIds}::uuid[])
      returning m.profile_id, m.segment_id
    ), timers_dropped as (
      delete from segment_timers t where t.profile_id = any(${o.profileIds}::uuid[])
    ), changed as (
      insert into membership_changes (segment_id, profile_id, kind, at, cause, segment_version)
      select e.segment_id, e.profile_id, 'EXITED', ${o.now}::timestamptz, ${o.cause}, s.version
        from exited e join segments s on s.id = e.segment_id
      returning id, kind, profile_id
    )
    ${NOTIFY_CHANGES}`;
}
