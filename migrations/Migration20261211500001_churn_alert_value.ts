import { Migration } from '@mikro-orm/migrations';

/** Churn alerts carry the buyer's 52-week CLV as of the run (issue 17 §1), so a subscriber can act on the valuable ones first. */
export class Migration20261211500001_churn_alert_value extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table churn_risk_changes add column clv_52w double precision;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table churn_risk_changes drop column if exists clv_52w;`);
  }
}
