import { ValidationErrors } from '../common';
import { MAX_PRODUCTS_PER_UPSERT, validateProductUpserts } from './product-input';
import type { ProductUpsert } from './recommendation.model';

function problems(products: ProductUpsert[]): { path: string; message: string }[] {
  try {
    validateProductUpserts(products);
  } catch (error) {
    if (error instanceof ValidationErrors) return error.problems;
    throw error;
  }
  return [];
}

test.each<[ProductUpsert, string]>([
  [{ id: '' }, 'products[0].id'],
  [{ id: 'x'.repeat(201) }, 'products[0].id'],
  [{ id: 'a', price: -1 }, 'products[0].price'],
  [{ id: 'a', price: Number.NaN }, 'products[0].price'],
  [{ id: 'a', url: 'javascript:alert(1)' }, 'products[0].url'],
  [{ id: 'a', imageUrl: 'not a url' }, 'products[0].imageUrl'],
  [{ id: 'a', name: 'n'.repeat(1001) }, 'products[0].name'],
  [{ id: 'a', attributes: [] as unknown as Record<string, unknown> }, 'products[0].attributes'],
])('%j is refused at %s', (product, path) => {
  expect(problems([product]).map((p) => p.path)).toEqual([path]);
});

test('valid products pass, ids trimmed; nulls and absent fields are fine', () => {
  expect(validateProductUpserts([{ id: ' a ', name: null, price: 0, url: 'https://shop.example/a' }, { id: 'b' }])).toEqual([
    { id: 'a', name: null, price: 0, url: 'https://shop.example/a' },
    { id: 'b' },
  ]);
});

test('every problem is reported at once: duplicates name the first occurrence, size limits the list', () => {
  expect(problems([{ id: 'a' }, { id: 'b', price: -1 }, { id: ' a' }])).toEqual([
    { path: 'products[1].price', message: expect.any(String) },
    { path: 'products[2].id', message: 'repeats products[0].id "a"' },
  ]);
  expect(problems([]).map((p) => p.path)).toEqual(['products']);
  expect(problems(Array.from({ length: MAX_PRODUCTS_PER_UPSERT + 1 }, (_, i) => ({ id: `p${i}` }))).map((p) => p.path)).toEqual(['products']);
});
