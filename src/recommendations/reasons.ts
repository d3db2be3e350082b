import { assertUnreachable } from '../common';
import type { StrategyName } from './recommendation.model';

/** What the recommendation query says about one row (see recommendations.sql.ts). */
export interface ReasonFacts {
  strategy: StrategyName;
  /** 0: the strategy's own candidate; 1: POPULAR filling in. */
  tier: number;
  fallback: 'unknown_user' | 'no_input' | 'no_data' | 'filler' | null;
  n1: number | null;
  n2: number | null;
  score: number;
  becauseProduct: string | null;
  becauseViewed: boolean | null;
  becauseSegment: string | null;
}

const customers = (n: number) => `${n} customer${n === 1 ? '' : 's'}`;
const quoted = (s: string) => `“${s}”`;

function popularReason(buyers: number, windowDays: number): string {
  return `Popular: bought by ${customers(buyers)} in the last ${windowDays} days`;
}

/** Why POPULAR stood in for the strategy asked, in the words of that strategy. */
function fallbackNote(f: ReasonFacts): string {
  const product = f.becauseProduct ?? 'this product';
  const notes: Record<Exclude<StrategyName, 'POPULAR'>, Partial<Record<NonNullable<ReasonFacts['fallback']>, string>>> = {
    FOR_YOU: { unknown_user: 'no history for this visitor yet', no_input: 'nothing bought or viewed yet', no_data: 'nothing similar to your items yet' },
    SEGMENT_POPULAR: { unknown_user: 'no segments for this visitor yet', no_input: 'not in any segment yet', no_data: 'no purchases in your segments yet' },
    ALSO_BOUGHT: { no_data: `no co-purchases of ${quoted(product)} yet` },
    TRENDING: { no_data: 'nothing is trending right now' },
  };
  if (f.strategy === 'POPULAR' || !f.fallback) return '';
  const note = notes[f.strategy][f.fallback];
  return note ? ` (${note})` : '';
}

function ownReason(f: ReasonFacts, windowDays: number, recentDays: number, priorDays: number): string {
  const n1 = f.n1 ?? 0;
  switch (f.strategy) {
    case 'POPULAR':
      return popularReason(n1, windowDays);
    case 'TRENDING': {
      const before = ((f.n2 ?? 0) * recentDays) / priorDays;
      return `Trending: ${customers(n1)} in the last ${recentDays} days, against ${before.toFixed(1)} expected from the ${priorDays} days before`;
    }
    case 'SEGMENT_POPULAR':
      return `Popular in ${quoted(f.becauseSegment ?? 'your segment')}: bought by ${customers(n1)} (${(f.score * 100).toFixed(f.score < 0.1 ? 1 : 0)}% of its members)`;
    case 'ALSO_BOUGHT':
      return `${n1 === 1 ? '1 customer' : `${n1} customers`} who bought ${quoted(f.becauseProduct ?? 'this product')} also bought this`;
    case 'FOR_YOU': {
      const more = n1 > 1 ? ` and ${n1 - 1} more of your items` : '';
      return `Because you ${f.becauseViewed ? 'viewed' : 'bought'} ${quoted(f.becauseProduct ?? 'a product')}${more}`;
    }
    default:
      return assertUnreachable(f.strategy, 'strategy');
  }
}

export interface ReasonWindows {
  windowDays: number;
  recentDays: number;
  priorDays: number;
}

/** The sentence and the strategy that actually produced a row. */
export function explain(f: ReasonFacts, w: ReasonWindows): { reason: string; strategy: StrategyName } {
  if (f.tier === 0) return { reason: ownReason(f, w.windowDays, w.recentDays, w.priorDays), strategy: f.strategy };
  return { reason: popularReason(f.n1 ?? 0, w.windowDays) + fallbackNote(f), strategy: 'POPULAR' };
}
