import { Migration } from '@mikro-orm/migrations';

/**
 * Erasure: a profile row stays as an empty shell (so change logs that subscribers
 * replay keep their foreign keys), and each erased identity leaves only a salted hash,
 * so replaying an old event cannot recreate the person.
 */
export class Migration20261123000009_erasure extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table profiles add column erased_at timestamptz;`);
    this.addSql(`
      create table erasures (
        identity_hash text primary key,
        erased_at timestamptz not null default now()
      );`);
    this.addSql(`
      create table privacy_settings (
        key text primary key,
        value text not null
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists erasures, privacy_settings;`);
    this.addSql(`alter table profiles drop column erased_at;`);
  }
}
