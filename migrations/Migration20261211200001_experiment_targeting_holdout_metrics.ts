import { Migration } from '@mikro-orm/migrations';

/**
 * Experiments v2 (issue 16 §1–2): who is in, who is held out, what is measured.
 * - `targeting_condition`: an inline condition in the segment language (like a placement
 *   rule's), as an alternative to a targeting segment.
 * - `metrics`: the stored primary metric and guardrails, `{"primary": …, "guardrails": […]}`.
 * - `experiment_holdout`: one row, the global holdout: a share of each experiment's hashing
 *   unit values that never sees any experiment (served the control, recorded as the variant
 *   `_holdout`, which no variant key can be: keys start with a letter or digit).
 * - `experiments.holdout`: the global holdout as it was when the experiment started
 *   (`{"share", "seed"}`), so changing the holdout never moves anyone in a running experiment.
 */
export class Migration20261211200001_experiment_targeting_holdout_metrics extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table experiments
        add column targeting_condition jsonb,
        add column metrics jsonb not null default '{"primary": null, "guardrails": []}',
        add column holdout jsonb,
        add constraint experiments_one_targeting check (targeting_segment_id is null or targeting_condition is null);`);
    this.addSql(`
      create table experiment_holdout (
        id boolean primary key default true check (id),
        share double precision not null default 0 check (share >= 0 and share <= 0.5),
        seed text not null default 'holdout',
        updated_at timestamptz not null default now()
      );`);
    this.addSql(`insert into experiment_holdout default values;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists experiment_holdout;`);
    this.addSql(`alter table experiments drop constraint if exists experiments_one_targeting, drop column if exists targeting_condition, drop column if exists metrics, drop column if exists holdout;`);
  }
}
