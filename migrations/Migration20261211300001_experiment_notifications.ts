import { Migration } from '@mikro-orm/migrations';

/**
 * Every instance keeps the experiments in memory for serving (a first visit then costs one
 * indexed read: its recorded assignment, if any). A trigger announces any write to the table,
 * so no path that changes an experiment can leave another instance serving the old one.
 */
export class Migration20261211300001_experiment_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function segmentary_notify_experiments() returns trigger language plpgsql as $$
      begin
        perform pg_notify('segmentary_experiments', '{}');
        return null;
      end $$;`);
    this.addSql(`
      create trigger experiments_changed_notify after insert or update or delete or truncate on experiments
        for each statement execute function segmentary_notify_experiments();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists experiments_changed_notify on experiments;`);
    this.addSql(`drop function if exists segmentary_notify_experiments();`);
  }
}
