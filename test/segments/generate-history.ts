import { mulberry32 } from '../support/random';

/** One Segment message of a generated history (ingested in `timestamp` order). */
export interface HistoryMessage {
  type: 'identify' | 'track' | 'page';
  messageId: string;
  userId: string;
  timestamp: string;
  event?: string;
  name?: string;
  traits?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

const DAY = 86400_000;
export const HISTORY_START = Date.parse('2011-01-01T00:00:00Z');
const HISTORY_DAYS = 365;

/**
 * A year (2011) of shoppers, user ids only (no merges: merges are read as they are now, see
 * src/segments/point-in-time.ts): a signup identify with traits, for some a later identify
 * that changes plan or country, page views and orders with revenue (some re-sent, partly
 * refunded or cancelled later). `pinned` instants get
 * events exactly at them, so "as of T includes T" is exercised.
 */
export function generateHistory(seed: number, users: number, pinned: readonly Date[] = []): HistoryMessage[] {
  const random = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const messages: (HistoryMessage & { at: number })[] = [];
  let n = 0;
  const emit = (at: number, m: Omit<HistoryMessage, 'messageId' | 'timestamp'>) =>
    messages.push({ ...m, at, messageId: `hist-${seed}-${++n}`, timestamp: new Date(at).toISOString() });

  for (let u = 1; u <= users; u++) {
    const userId = `hist-user-${u}`;
    const signup = HISTORY_START + int(0, 300) * DAY + int(0, 86399) * 1000;
    const until = HISTORY_START + HISTORY_DAYS * DAY - 1000;
    const after = (from: number) => Math.min(until, from + int(0, Math.max(0, Math.floor((until - from) / 1000))) * 1000);
    emit(signup, { type: 'identify', userId, traits: { uid: userId, country: pick(['GB', 'FR', 'DE']), plan: 'free' } });
    if (random() < 0.5) {
      const change = signup + int(1, 200) * DAY;
      if (change < until) emit(change, { type: 'identify', userId, traits: random() < 0.3 ? { plan: 'pro', country: pick(['GB', 'DE']) } : { plan: 'pro' } });
    }
    for (let i = int(0, 12); i > 0; i--) emit(after(signup + 1000), { type: 'page', userId, name: 'Home', properties: { path: '/' } });
    for (let i = int(0, 7); i > 0; i--) {
      const orderId = `hist-order-${u}-${i}`;
      const revenue = int(500, 20000) / 100;
      const placed = after(signup + 60_000);
      emit(placed, { type: 'track', userId, event: 'Order Completed', properties: { order_id: orderId, revenue } });
      // What happens to orders later (Segment e-commerce spec): a re-sent completion (not a new order), a partial refund, or a cancellation.
      const later = Math.min(until, placed + int(1, 20) * DAY);
      const fate = random();
      if (fate < 0.15) emit(later, { type: 'track', userId, event: 'Order Completed', properties: { order_id: orderId, revenue } });
      else if (fate < 0.3) emit(later, { type: 'track', userId, event: 'Order Refunded', properties: { order_id: orderId, total: Math.floor(revenue / 3) } });
      else if (fate < 0.38) emit(later, { type: 'track', userId, event: 'Order Cancelled', properties: { order_id: orderId } });
    }
  }
  // Events exactly at the instants under test, by users who already exist by then.
  for (const [i, instant] of pinned.entries()) {
    const existing = messages.filter((m) => m.type === 'identify' && m.at < instant.getTime());
    const userId = existing[i % Math.max(1, existing.length)]?.userId ?? 'hist-user-1';
    emit(instant.getTime(), { type: 'track', userId, event: 'Order Completed', properties: { revenue: 123.45 } });
    emit(instant.getTime(), { type: 'page', userId, name: 'Home', properties: { path: '/pinned' } });
  }
  return messages.sort((a, b) => a.at - b.at).map(({ at: _at, ...m }) => m);
}

/** Point-in-time definitions over every leaf kind the history frame serves, and each way it rebuilds (stats, traits, neither). */
export const HISTORY_DEFINITIONS: Record<string, unknown> = {
  recent_repeat: { event: { name: 'Order Completed', op: 'gte', value: 2, within: { lastDays: 60 } } },
  pro_buyers: { all: [{ trait: { path: 'plan', op: 'eq', value: 'pro' } }, { stat: { name: 'orders', op: 'gte', value: 1 } }] },
  big_or_fresh: { any: [{ stat: { name: 'revenue', op: 'gte', value: 300 } }, { stat: { name: 'recency_days', op: 'lt', value: 30 } }] },
  lapsed_browsers: { all: [{ not: { event: { name: 'Page', op: 'gte', value: 1, within: { lastDays: 30 } } } }, { stat: { name: 'events', op: 'gte', value: 1 } }] },
  spenders: { event: { name: 'Order Completed', aggregate: 'sum', property: 'revenue', op: 'gt', value: 150 } },
  veterans_gb_fr: { all: [{ stat: { name: 'tenure_days', op: 'gte', value: 90 } }, { trait: { path: 'country', op: 'in', value: ['GB', 'FR'] } }] },
  pro_spenders: { all: [{ segment: { key: 'pro_buyers' } }, { stat: { name: 'avg_order_value', op: 'gte', value: 50 } }] },
  quiet: { stat: { name: 'days_since_last_seen', op: 'gte', value: 45 } },
  // Traits and events but no stats: the frame rebuilds traits from trait events only.
  pro_visitors: { all: [{ trait: { path: 'plan', op: 'eq', value: 'pro' } }, { event: { name: 'Page', op: 'gte', value: 1, within: { lastDays: 30 } } }] },
  never_ordered: { not: { event: { name: 'Order Completed', op: 'gte', value: 1 } } },
};
