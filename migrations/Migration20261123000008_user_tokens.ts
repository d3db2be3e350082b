import { Migration } from '@mikro-orm/migrations';

/** Keys with the `personalize` scope carry a secret the backend uses to sign end-user tokens. */
export class Migration20261123000008_user_tokens extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table api_keys add column user_token_secret text;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table api_keys drop column user_token_secret;`);
  }
}
