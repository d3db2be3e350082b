import { Migration } from '@mikro-orm/migrations';

/**
 * Segment discovery runs as a job (issue 17 §2): started by a mutation, run by the instance
 * that started it, its progress and result kept here so any instance can answer for it and a
 * cluster's rule can be saved as a segment later.
 */
export class Migration20261211600001_discovery_jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table discovery_jobs (
        id uuid primary key default gen_random_uuid(),
        status text not null default 'RUNNING' check (status in ('RUNNING', 'DONE', 'FAILED')),
        progress double precision not null default 0 check (progress >= 0 and progress <= 1),
        request jsonb not null,
        result jsonb,
        error text,
        created_at timestamptz not null default now(),
        finished_at timestamptz
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists discovery_jobs;`);
  }
}
