import { Migration } from '@mikro-orm/migrations';

/**
 * Recommendations: the product catalog, one row per purchased product line (kept on
 * ingest, so the recommendation queries never unpack event JSON), and what the
 * refresh job derives from them: item-to-item similarities and popularity, overall
 * and per segment. Existing orders are backfilled.
 */
export class Migration20261123000005_recommendations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table products (
        id text primary key,
        name text,
        category text,
        price numeric(14,2),
        image_url text,
        url text,
        attributes jsonb not null default '{}'::jsonb,
        active boolean not null default true,
        pinned_fields text[] not null default '{}',
        updated_at timestamptz not null default now(),
        first_seen_at timestamptz not null default now()
      );`);
    this.addSql(`create index products_inactive_idx on products (id) where not active;`);
    this.addSql(`comment on column products.pinned_fields is 'Fields an admin set explicitly: products learned from orders never overwrite them';`);

    this.addSql(`
      create table product_purchases (
        profile_id uuid not null references profiles(id),
        event_id bigint not null,
        product_id text not null,
        quantity integer not null default 1,
        price numeric(14,2),
        order_at timestamptz not null,
        primary key (profile_id, product_id, event_id)
      );`);
    this.addSql(`create index product_purchases_profile_time_idx on product_purchases (profile_id, order_at desc);`);
    this.addSql(`create index product_purchases_time_idx on product_purchases (order_at);`);

    this.addSql(`
      create table item_similarities (
        product_id text not null,
        similar_product_id text not null,
        score double precision not null,
        co_count integer not null,
        primary key (product_id, similar_product_id)
      );`);
    this.addSql(`create index item_similarities_rank_idx on item_similarities (product_id, score desc);`);

    this.addSql(`
      create table product_popularity (
        product_id text primary key,
        buyers integer not null,
        recent_buyers integer not null,
        prior_buyers integer not null,
        trending_score double precision not null,
        computed_at timestamptz not null
      );`);
    this.addSql(`create index product_popularity_popular_idx on product_popularity (buyers desc, product_id);`);
    this.addSql(`create index product_popularity_trending_idx on product_popularity (trending_score desc, product_id) where trending_score > 0;`);

    this.addSql(`
      create table segment_product_popularity (
        segment_id uuid not null references segments(id) on delete cascade,
        product_id text not null,
        buyers integer not null,
        share double precision not null,
        primary key (segment_id, product_id)
      );`);

    this.backfill();
  }

  /** Orders stored before this migration, unpacked the way the ingest hook does it. */
  private backfill(): void {
    this.addSql(`
      create temp table backfill_lines on commit drop as
      select e.profile_id, e.id as event_id, e.occurred_at,
             btrim(coalesce(l->>'product_id', l->>'id')) as product_id,
             nullif(btrim(l->>'name'), '') as name, nullif(btrim(l->>'category'), '') as category,
             case when jsonb_typeof(l->'price') = 'number' and (l->>'price')::numeric between 0 and 999999999999 then (l->>'price')::numeric end as price,
             case when jsonb_typeof(l->'quantity') = 'number' and (l->>'quantity')::numeric between 1 and 1000000 then floor((l->>'quantity')::numeric)::int else 1 end as quantity
        from events e
        cross join lateral jsonb_array_elements(case when jsonb_typeof(e.properties->'products') = 'array' then e.properties->'products' else '[]'::jsonb end) l
       where e.name = 'Order Completed' and jsonb_typeof(l) = 'object'
         and length(btrim(coalesce(l->>'product_id', l->>'id', ''))) between 1 and 200;`);
    this.addSql(`
      insert into products (id, name, category, price, updated_at, first_seen_at)
      select distinct on (product_id) product_id, name, category, price, now(), min(occurred_at) over (partition by product_id)
        from backfill_lines order by product_id, occurred_at desc;`);
    this.addSql(`
      insert into product_purchases (profile_id, event_id, product_id, quantity, price, order_at)
      select l.profile_id, l.event_id, l.product_id, sum(l.quantity), max(l.price), l.occurred_at
        from backfill_lines l join profiles p on p.id = l.profile_id and p.merged_into is null
       group by l.profile_id, l.event_id, l.product_id, l.occurred_at;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists segment_product_popularity, product_popularity, item_similarities, product_purchases, products cascade;`);
  }
}
