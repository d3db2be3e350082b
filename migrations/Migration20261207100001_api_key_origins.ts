import { Migration } from '@mikro-orm/migrations';

/**
 * Keys may name the browser origins they serve (`allowed_origins`; null: any). Every
 * instance caches key lookups and keeps the origins a CORS preflight may come from, so a
 * trigger announces each change of a key on `segmentary_api_keys` in the transaction that
 * makes it: `{"key": id, "revoked": bool}`. A trigger rather than a call in each writer, so
 * a revocation by hand in psql reaches the instances too.
 */
export class Migration20261207100001_api_key_origins extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table api_keys add column allowed_origins text[];`);
    this.addSql(`
      create function segmentary_notify_api_keys() returns trigger language plpgsql as $$
      declare
        changed api_keys;
      begin
        if tg_op = 'DELETE' then changed := old; else changed := new; end if;
        perform pg_notify('segmentary_api_keys',
          json_build_object('key', changed.id, 'revoked', tg_op = 'DELETE' or changed.revoked_at is not null)::text);
        return null;
      end $$;`);
    this.addSql(`
      create trigger api_keys_changed_notify after insert or delete or update of revoked_at, scopes, allowed_origins, hash, user_token_secret
        on api_keys for each row execute function segmentary_notify_api_keys();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists api_keys_changed_notify on api_keys;`);
    this.addSql(`drop function if exists segmentary_notify_api_keys();`);
    this.addSql(`alter table api_keys drop column allowed_origins;`);
  }
}
