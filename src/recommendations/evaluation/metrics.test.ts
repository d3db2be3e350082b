import { hitAtK, ndcgAtK, scoreLists } from './metrics';

const set = (...ids: string[]) => new Set(ids);

test.each([
  { list: ['a', 'b', 'c'], relevant: set('a'), k: 10, hit: 1, ndcg: 1 },
  { list: ['x', 'a'], relevant: set('a'), k: 10, hit: 1, ndcg: 1 / Math.log2(3) },
  { list: ['x', 'y'], relevant: set('a'), k: 10, hit: 0, ndcg: 0 },
  { list: ['x', 'a'], relevant: set('a'), k: 1, hit: 0, ndcg: 0 },
  // Two relevant items at positions 1 and 3 against an ideal of positions 1 and 2.
  { list: ['a', 'x', 'b'], relevant: set('a', 'b'), k: 10, hit: 1, ndcg: (1 + 1 / 2) / (1 + 1 / Math.log2(3)) },
  // The ideal DCG counts at most k relevant items.
  { list: ['a'], relevant: set('a', 'b', 'c'), k: 1, hit: 1, ndcg: 1 },
  { list: [], relevant: set('a'), k: 10, hit: 0, ndcg: 0 },
  { list: ['a'], relevant: set(), k: 10, hit: 0, ndcg: 0 },
])('$list against $relevant at $k', ({ list, relevant, k, hit, ndcg }) => {
  expect(hitAtK(list, relevant, k)).toBe(hit);
  expect(ndcgAtK(list, relevant, k)).toBeCloseTo(ndcg, 12);
});

test('scoreLists averages over every user with targets; a user without a list is a miss', () => {
  const targets = new Map([['u1', set('a')], ['u2', set('b')], ['u3', set('c')]]);
  const lists = new Map([['u1', ['a']], ['u2', ['x', 'b']]]);
  const score = scoreLists(lists, targets, 2);
  expect(score.users).toBe(3);
  expect(score.hitRate).toBeCloseTo(2 / 3, 12);
  expect(score.ndcg).toBeCloseTo((1 + 1 / Math.log2(3)) / 3, 12);
  expect(score.shortLists).toBe(2);
});
