import type { Database, Queryable } from '../db';
import { ORDER_COMPLETED, type IngestedBatch } from '../ingest';
import { FIELD_COLUMNS, PRODUCT_FIELDS, validateProductUpserts } from './product-input';
import type { Product, ProductUpsert } from './recommendation.model';
import { INSERT_NEW_PRODUCTS, PRODUCT_BY_ID, RECORD_ORDERS, REPOINT_MERGED_PURCHASES, UPDATE_GIVEN_FIELDS } from './products.sql';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function toProduct(r: Row, prefix = ''): Product {
  return {
    id: r[`${prefix}id`],
    name: r[`${prefix}name`],
    category: r[`${prefix}category`],
    price: r[`${prefix}price`],
    imageUrl: r[`${prefix}image_url`],
    url: r[`${prefix}url`],
    attributes: r[`${prefix}attributes`] ?? {},
    active: r[`${prefix}active`],
    updatedAt: r[`${prefix}updated_at`],
    firstSeenAt: r[`${prefix}first_seen_at`],
  };
}

/** The admin row as SQL reads it: values, which fields were given and which were given as null. */
function upsertRow(p: ProductUpsert) {
  const given = PRODUCT_FIELDS.filter((f) => p[f] !== undefined);
  return {
    id: p.id,
    name: p.name ?? null,
    category: p.category ?? null,
    price: p.price ?? null,
    image_url: p.imageUrl ?? null,
    url: p.url ?? null,
    attributes: p.attributes ?? null,
    active: p.active ?? null,
    given: given.map((f) => FIELD_COLUMNS[f]),
    cleared: given.filter((f) => p[f] === null).map((f) => FIELD_COLUMNS[f]),
  };
}

/** Follows merge chains within a batch (a → b, then b → c) so every merged id maps to its final survivor. */
export function finalSurvivors(merges: IngestedBatch['merges']): { merged: string; survivor: string }[] {
  const next = new Map(merges.map((m) => [m.merged, m.survivor]));
  const resolve = (id: string) => {
    let current = id;
    for (let hops = 0; next.has(current) && hops < merges.length; hops++) current = next.get(current)!;
    return current;
  };
  return merges.map((m) => ({ merged: m.merged, survivor: resolve(m.survivor) }));
}

/**
 * The product catalog: admins upsert it, and every ingested order teaches it the
 * products it names (without overriding what an admin set) and records the purchase
 * lines the recommendation queries read.
 */
export class ProductCatalog {
  constructor(private readonly db: Database) {}

  async byId(id: string): Promise<Product | null> {
    const { rows } = await this.db.query(PRODUCT_BY_ID, [id]);
    return rows[0] ? toProduct(rows[0]) : null;
  }

  /** All or nothing: every product is validated first, then written in one transaction. Returned in input order. */
  async upsert(input: readonly ProductUpsert[]): Promise<Product[]> {
    const products = validateProductUpserts(input);
    const rows = JSON.stringify(products.map(upsertRow));
    const written = await this.db.transaction(async (tx) => {
      await tx.query(INSERT_NEW_PRODUCTS, [rows]);
      return (await tx.query(UPDATE_GIVEN_FIELDS, [rows])).rows;
    });
    const byId = new Map(written.map((r) => [r.id as string, toProduct(r)]));
    return products.map((p) => byId.get(p.id)!);
  }

  /** The ingest hook: runs inside the ingestion transaction; at most two statements per batch. */
  async onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    if (batch.merges.length) await tx.query(REPOINT_MERGED_PURCHASES, [JSON.stringify(finalSurvivors(batch.merges))]);
    const orders = batch.events
      .filter(({ event }) => event.name === ORDER_COMPLETED && Array.isArray(event.properties.products) && event.properties.products.length)
      .map(({ profileId, eventId, event }) => ({
        profile_id: profileId,
        event_id: eventId,
        occurred_at: event.occurredAt.toISOString(),
        products: event.properties.products,
      }));
    if (orders.length) await tx.query(RECORD_ORDERS, [JSON.stringify(orders)], 'ingest-orders');
  }
}
