import { explain, type ReasonFacts } from './reasons';

const windows = { windowDays: 90, recentDays: 7, priorDays: 28 };
const base: ReasonFacts = { strategy: 'POPULAR', tier: 0, fallback: null, n1: 42, n2: null, score: 42, becauseProduct: null, becauseViewed: null, becauseSegment: null };

test.each<[Partial<ReasonFacts>, string, string]>([
  [{}, 'Popular: bought by 42 customers in the last 90 days', 'POPULAR'],
  [{ n1: 1 }, 'Popular: bought by 1 customer in the last 90 days', 'POPULAR'],
  [{ strategy: 'TRENDING', n1: 12, n2: 6 }, 'Trending: 12 customers in the last 7 days, against 1.5 expected from the 28 days before', 'TRENDING'],
  [{ strategy: 'SEGMENT_POPULAR', n1: 30, score: 0.125, becauseSegment: 'VIP' }, 'Popular in “VIP”: bought by 30 customers (13% of its members)', 'SEGMENT_POPULAR'],
  [{ strategy: 'SEGMENT_POPULAR', n1: 3, score: 0.031, becauseSegment: 'VIP' }, 'Popular in “VIP”: bought by 3 customers (3.1% of its members)', 'SEGMENT_POPULAR'],
  [{ strategy: 'ALSO_BOUGHT', becauseProduct: 'Mug' }, '42 customers who bought “Mug” also bought this', 'ALSO_BOUGHT'],
  [{ strategy: 'ALSO_BOUGHT', n1: 1, becauseProduct: 'Mug' }, '1 customer who bought “Mug” also bought this', 'ALSO_BOUGHT'],
  [{ strategy: 'FOR_YOU', n1: 1, becauseProduct: 'Mug', becauseViewed: false }, 'Because you bought “Mug”', 'FOR_YOU'],
  [{ strategy: 'FOR_YOU', n1: 3, becauseProduct: 'Mug', becauseViewed: true }, 'Because you viewed “Mug” and 2 more of your items', 'FOR_YOU'],
  [{ strategy: 'FOR_YOU', tier: 1, fallback: 'unknown_user' }, 'Popular: bought by 42 customers in the last 90 days (no history for this visitor yet)', 'POPULAR'],
  [{ strategy: 'FOR_YOU', tier: 1, fallback: 'no_input' }, 'Popular: bought by 42 customers in the last 90 days (nothing bought or viewed yet)', 'POPULAR'],
  [{ strategy: 'FOR_YOU', tier: 1, fallback: 'no_data' }, 'Popular: bought by 42 customers in the last 90 days (nothing similar to your items yet)', 'POPULAR'],
  [{ strategy: 'FOR_YOU', tier: 1, fallback: 'filler' }, 'Popular: bought by 42 customers in the last 90 days', 'POPULAR'],
  [{ strategy: 'ALSO_BOUGHT', tier: 1, fallback: 'no_data', becauseProduct: 'Mug' }, 'Popular: bought by 42 customers in the last 90 days (no co-purchases of “Mug” yet)', 'POPULAR'],
  [{ strategy: 'SEGMENT_POPULAR', tier: 1, fallback: 'no_input' }, 'Popular: bought by 42 customers in the last 90 days (not in any segment yet)', 'POPULAR'],
  [{ strategy: 'TRENDING', tier: 1, fallback: 'no_data' }, 'Popular: bought by 42 customers in the last 90 days (nothing is trending right now)', 'POPULAR'],
])('%j → %s', (facts, reason, strategy) => {
  expect(explain({ ...base, ...facts }, windows)).toEqual({ reason, strategy });
});
