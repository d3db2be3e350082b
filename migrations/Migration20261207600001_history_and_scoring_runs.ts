import { Migration } from '@mikro-orm/migrations';

/**
 * Point-in-time evaluation and kept scoring runs.
 *
 * - `events.traits`: the traits an event set (identify calls), so a profile's traits as of any
 *   instant are the shallow merge of its trait events up to it (`jsonb_merge_agg`, the `||` of
 *   ingest as an aggregate). Events stored before this migration carried none: each profile's
 *   traits at this point are attributed to its first identify (else its first event).
 * - `scoring_runs`: every scoring run, and whether it pinned its as-of (an explicit
 *   `runScoring(asOf:)`), which the schedule then leaves in place.
 * - `profile_stats.scores_as_of`: the instant the scores in a row describe.
 */
export class Migration20261207600001_history_and_scoring_runs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table events add column traits jsonb;`);
    this.addSql(`
      update events e set traits = p.traits
        from (select distinct on (profile_id) id, profile_id from events
               order by profile_id, type <> 'identify', occurred_at, id) first
        join profiles p on p.id = first.profile_id
       where e.id = first.id and p.traits <> '{}'::jsonb and p.merged_into is null;`);
    this.addSql(`create index events_trait_history_idx on events (profile_id, occurred_at) where traits is not null;`);
    this.addSql(`create aggregate jsonb_merge_agg(jsonb) (sfunc = jsonb_concat, stype = jsonb);`);

    this.addSql(`
      create table scoring_runs (
        id bigserial primary key,
        as_of timestamptz not null,
        pinned boolean not null,
        setting text not null,
        buyers_scored integer not null,
        finished_at timestamptz not null default now()
      );`);
    this.addSql(`alter table profile_stats add column scores_as_of timestamptz;`);
    this.addSql(`update profile_stats s set scores_as_of = m.as_of from churn_models m where s.scored_at is not null and m.fitted_at = s.scored_at;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table profile_stats drop column scores_as_of;`);
    this.addSql(`drop table if exists scoring_runs;`);
    this.addSql(`drop aggregate if exists jsonb_merge_agg(jsonb);`);
    this.addSql(`drop index if exists events_trait_history_idx;`);
    this.addSql(`alter table events drop column traits;`);
  }
}
