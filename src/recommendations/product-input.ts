import { ValidationErrors } from '../common';
import type { ProductUpsert } from './recommendation.model';

export const MAX_PRODUCTS_PER_UPSERT = 1000;
export const MAX_PRODUCT_ID_LENGTH = 200;
const MAX_TEXT = 1000;
const MAX_URL = 2048;
const MAX_ATTRIBUTES_BYTES = 16 * 1024;
const MAX_PRICE = 999_999_999_999;

/** Fields an admin sets; each one given pins the field against learning from orders. */
export const PRODUCT_FIELDS = ['name', 'category', 'price', 'imageUrl', 'url', 'attributes', 'active'] as const;
export type ProductField = (typeof PRODUCT_FIELDS)[number];

/** Column names of the fields, as stored in `products.pinned_fields`. */
export const FIELD_COLUMNS: Record<ProductField, string> = {
  name: 'name', category: 'category', price: 'price', imageUrl: 'image_url', url: 'url', attributes: 'attributes', active: 'active',
};

type Problem = { path: string; message: string };

function checkText(value: unknown, max: number, path: string, problems: Problem[]): void {
  if (value === undefined || value === null) return;
  if (typeof value !== 'string') problems.push({ path, message: 'must be a string' });
  else if (value.length > max) problems.push({ path, message: `must be at most ${max} characters` });
}

function checkUrl(value: unknown, path: string, problems: Problem[]): void {
  if (value === undefined || value === null) return;
  checkText(value, MAX_URL, path, problems);
  if (typeof value !== 'string') return;
  let ok = false;
  try {
    ok = ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    ok = false;
  }
  if (!ok) problems.push({ path, message: 'must be an absolute http(s) URL' });
}

function checkOne(p: ProductUpsert, path: string, problems: Problem[]): void {
  if (typeof p.id !== 'string' || !p.id.trim()) problems.push({ path: `${path}.id`, message: 'must be a non-empty string' });
  else if (p.id.trim().length > MAX_PRODUCT_ID_LENGTH) problems.push({ path: `${path}.id`, message: `must be at most ${MAX_PRODUCT_ID_LENGTH} characters` });
  checkText(p.name, MAX_TEXT, `${path}.name`, problems);
  checkText(p.category, MAX_TEXT, `${path}.category`, problems);
  if (p.price !== undefined && p.price !== null && !(typeof p.price === 'number' && Number.isFinite(p.price) && p.price >= 0 && p.price <= MAX_PRICE)) {
    problems.push({ path: `${path}.price`, message: `must be a number between 0 and ${MAX_PRICE}` });
  }
  checkUrl(p.imageUrl, `${path}.imageUrl`, problems);
  checkUrl(p.url, `${path}.url`, problems);
  if (p.attributes !== undefined && p.attributes !== null) {
    if (typeof p.attributes !== 'object' || Array.isArray(p.attributes)) problems.push({ path: `${path}.attributes`, message: 'must be a JSON object' });
    else if (JSON.stringify(p.attributes).length > MAX_ATTRIBUTES_BYTES) problems.push({ path: `${path}.attributes`, message: `must be at most ${MAX_ATTRIBUTES_BYTES} bytes as JSON` });
  }
}

/**
 * Checks a whole upsert before anything is written, and reports every problem with its
 * path (`products[3].price`), so one round trip fixes them all. Ids are trimmed.
 */
export function validateProductUpserts(products: readonly ProductUpsert[]): ProductUpsert[] {
  const problems: Problem[] = [];
  if (products.length === 0) problems.push({ path: 'products', message: 'must contain at least one product' });
  if (products.length > MAX_PRODUCTS_PER_UPSERT) problems.push({ path: 'products', message: `must contain at most ${MAX_PRODUCTS_PER_UPSERT} products` });
  const firstIndex = new Map<string, number>();
  products.forEach((p, i) => {
    checkOne(p, `products[${i}]`, problems);
    if (typeof p.id !== 'string') return;
    const id = p.id.trim();
    const earlier = firstIndex.get(id);
    if (earlier !== undefined) problems.push({ path: `products[${i}].id`, message: `repeats products[${earlier}].id "${id}"` });
    else firstIndex.set(id, i);
  });
  if (problems.length) throw new ValidationErrors(problems);
  return products.map((p) => ({ ...p, id: p.id.trim() }));
}
