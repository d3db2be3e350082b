import { bucket, bucketPosition, pickVariant } from './bucketing';

const N = 100_000;
/** Sequential UUID-shaped ids: the most regular input a hash could see. */
const ids = Array.from({ length: N }, (_, i) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`);

/** Upper 0.999 quantiles of the chi-square distribution (standard tables). */
const CHI_SQUARE_999 = { 2: 13.816, 9: 27.877 } as const;

function chiSquare(observed: number[], expected: number[]): number {
  return observed.reduce((sum, o, i) => sum + (o - expected[i]) ** 2 / expected[i], 0);
}

test('positions are pinned: the same in every process and release', () => {
  // Reference computed independently (Python hashlib): int(sha256(b"<key>:<id>")[:8]) >> 11, / 2**53.
  const id = '4b1c3f0e-2d7a-4e52-9a51-0c6f2b8d9e10';
  expect(bucketPosition('checkout-button', id)).toBe(0.5758508656313659);
  expect(bucketPosition('homepage-hero', id)).toBe(0.8583756964176681);
  expect(bucketPosition('a', 'b')).toBe(0.40435237406560465);
  expect(bucketPosition('checkout-button', id)).toBe(bucketPosition('checkout-button', id));
});

test('positions are in [0, 1)', () => {
  const positions = ids.slice(0, 10_000).map((id) => bucketPosition('range', id));
  expect(Math.min(...positions)).toBeGreaterThanOrEqual(0);
  expect(Math.max(...positions)).toBeLessThan(1);
});

test('uniform: 100,000 ids fall evenly into 10 equal buckets (chi-square, df 9, below the 0.999 critical value)', () => {
  const counts = new Array<number>(10).fill(0);
  for (const id of ids) counts[Math.floor(bucketPosition('uniformity', id) * 10)]++;
  const statistic = chiSquare(counts, new Array<number>(10).fill(N / 10));
  expect(statistic).toBeLessThan(CHI_SQUARE_999[9]);
});

test('weighted 20/30/50: observed shares fit the weights (chi-square, df 2)', () => {
  const variants = [{ key: 'a', weight: 20 }, { key: 'b', weight: 30 }, { key: 'c', weight: 50 }];
  const counts = new Map(variants.map((v) => [v.key, 0]));
  for (const id of ids) {
    const { key } = bucket('weighted', id, variants);
    counts.set(key, counts.get(key)! + 1);
  }
  const observed = variants.map((v) => counts.get(v.key)!);
  const statistic = chiSquare(observed, [0.2 * N, 0.3 * N, 0.5 * N]);
  expect(statistic).toBeLessThan(CHI_SQUARE_999[2]);
  // And plainly: each share within 1 percentage point of its weight.
  expect(observed.map((o) => Math.round((o / N) * 100))).toEqual([20, 30, 50]);
});

test('independent between experiments: 4×4 contingency of quartiles has no association (chi-square, df 9)', () => {
  const table = Array.from({ length: 4 }, () => new Array<number>(4).fill(0));
  for (const id of ids) {
    table[Math.floor(bucketPosition('experiment-one', id) * 4)][Math.floor(bucketPosition('experiment-two', id) * 4)]++;
  }
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = [0, 1, 2, 3].map((j) => table.reduce((sum, row) => sum + row[j], 0));
  let statistic = 0;
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      const expected = (rowTotals[i] * columnTotals[j]) / N;
      statistic += (table[i][j] - expected) ** 2 / expected;
    }
  }
  expect(statistic).toBeLessThan(CHI_SQUARE_999[9]);
});

test('a profile\'s variant in one experiment says nothing about its variant in another (50/50 each)', () => {
  const halves = [{ key: 'a', weight: 1 }, { key: 'b', weight: 1 }];
  let same = 0;
  for (const id of ids) if (bucket('left', id, halves).key === bucket('right', id, halves).key) same++;
  // Under independence `same` ~ Binomial(N, 1/2): sd = 158; allow 4 sd.
  expect(Math.abs(same - N / 2)).toBeLessThan(4 * Math.sqrt(N / 4));
});

test.each([
  [0, 'a'],
  [0.1999999, 'a'],
  [0.2, 'b'],
  [0.4999999, 'b'],
  [0.5, 'c'],
  [1 - 2 ** -53, 'c'],
])('weights lay out slices in order: position %f → %s', (position, expected) => {
  expect(pickVariant([{ key: 'a', weight: 2 }, { key: 'b', weight: 3 }, { key: 'c', weight: 5 }], position).key).toBe(expected);
  // Normalized or not, the same slices.
  expect(pickVariant([{ key: 'a', weight: 0.2 }, { key: 'b', weight: 0.3 }, { key: 'c', weight: 0.5 }], position).key).toBe(expected);
});

test('weights that sum a hair below 1 still give the top of the range to the last variant', () => {
  const thirds = [{ key: 'a', weight: 0.1 }, { key: 'b', weight: 0.2 }, { key: 'c', weight: 0.7 - 1e-15 }];
  expect(pickVariant(thirds, 1 - 2 ** -53).key).toBe('c');
});

test('raising one weight moves only positions at the boundary it shifts', () => {
  const before = [{ key: 'control', weight: 50 }, { key: 'treatment', weight: 50 }];
  const after = [{ key: 'control', weight: 20 }, { key: 'treatment', weight: 80 }];
  // Anyone in treatment stays there; only those between 0.2 and 0.5 change (hence sticky assignments).
  const inTreatment = ids.slice(0, 5_000).filter((id) => bucket('ramp', id, before).key === 'treatment');
  expect(inTreatment.filter((id) => bucket('ramp', id, after).key !== 'treatment')).toEqual([]);
});
