import { Migration } from '@mikro-orm/migrations';

/**
 * Customer value (issue 17 §1): the Gamma-Gamma spend model beside BG/NBD, and the per-buyer
 * figures the scoring job writes from both: expected average order value, probability of a
 * purchase in the next 30 days, expected orders and CLV over 52 weeks (plain and discounted).
 */
export class Migration20261211400001_customer_value extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table profile_stats
        add column expected_avg_order_value double precision,
        add column purchase_probability_30d double precision,
        add column expected_orders_52w double precision,
        add column clv_52w double precision,
        add column clv_52w_discounted double precision;`);
    this.addSql(`
      create table value_models (
        id bigserial primary key,
        fitted_at timestamptz not null,
        as_of timestamptz not null,
        p double precision not null,
        q double precision not null,
        gamma double precision not null,
        log_likelihood double precision not null,
        sample_size int not null,
        converged boolean not null,
        iterations int not null
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists value_models;`);
    this.addSql(`
      alter table profile_stats drop column if exists expected_avg_order_value, drop column if exists purchase_probability_30d,
        drop column if exists expected_orders_52w, drop column if exists clv_52w, drop column if exists clv_52w_discounted;`);
  }
}
