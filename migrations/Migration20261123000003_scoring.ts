import { Migration } from '@mikro-orm/migrations';

/** BG/NBD fits, one row per scoring run, and the log of churn-risk increases behind alerts. */
export class Migration20261123000003_scoring extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table churn_models (
        id bigserial primary key,
        fitted_at timestamptz not null default now(),
        as_of timestamptz not null,
        r double precision not null,
        alpha double precision not null,
        a double precision not null,
        b double precision not null,
        log_likelihood double precision not null,
        sample_size integer not null,
        converged boolean not null,
        iterations integer not null
      );`);
    this.addSql(`create index churn_models_fitted_idx on churn_models (fitted_at desc, id desc);`);

    this.addSql(`
      create table churn_risk_changes (
        id bigserial primary key,
        profile_id uuid not null references profiles(id),
        previous_risk double precision,
        risk double precision not null,
        revenue numeric(14,2) not null,
        at timestamptz not null default now()
      );`);
    this.addSql(`create index churn_risk_changes_profile_idx on churn_risk_changes (profile_id, id);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists churn_risk_changes, churn_models cascade;`);
  }
}
