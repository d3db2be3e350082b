import crypto from 'node:crypto';
import type { RequestSource } from '../load/types';

export const INGEST_MUTATION = 'mutation($events: [EventInput!]!){ ingest(events: $events){ accepted duplicates } }';

export interface IngestSourceOptions {
  /** [userId, anonymousId] of seeded profiles. */
  users: [string, string][];
  batchSize: number;
  /** Distinct users per batch; each gets a short session of batchSize / usersPerBatch events. */
  usersPerBatch: number;
  newAnonymousShare: number;
  identifyShare: number;
  orderShare: number;
}

export interface IngestSourceSummary {
  runId: string;
  batchSize: number;
  built: number;
  /** [request seq, accepted] for every batch that got an answer. */
  answered: [number, number][];
  accepted: number;
  duplicates: number;
  generated: { events: number; orders: number; identifies: number; newAnonymous: number };
  firstError?: string;
}

const TRACKS: [string, number][] = [
  ['Product Viewed', 0.42],
  ['Product Added', 0.25],
  ['Checkout Started', 0.18],
];
const AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
const sku = () => 1 + Math.floor(Math.random() ** 2 * 2000);
const price = (s: number) => Math.round((4.99 + ((s * 7919) % 19500) / 100) * 100) / 100;

/**
 * Batches of Segment-shaped events with unique messageIds `b-<run>-<seq>-<i>`: short
 * sessions of seeded users (track/page, ~10% Order Completed, a few identifies) and
 * ~2% events of brand-new anonymous visitors. Every answer is tallied by seq so the
 * scenario can check exactly what was stored.
 */
export function createSource(o: IngestSourceOptions): RequestSource {
  const runId = crypto.randomBytes(4).toString('hex');
  const answered: [number, number][] = [];
  const generated = { events: 0, orders: 0, identifies: 0, newAnonymous: 0 };
  let seq = 0;
  let accepted = 0;
  let duplicates = 0;
  let firstError: string | undefined;

  function event(i: number, user: [string, string] | undefined, now: number): Record<string, unknown> {
    const messageId = `b-${runId}-${seq}-${i}`;
    const timestamp = new Date(now - Math.floor(Math.random() * 60_000)).toISOString();
    const context = {
      library: { name: 'analytics.js', version: '5.2.0' },
      ip: `10.${seq % 250}.${i}.${Math.floor(Math.random() * 250)}`,
      userAgent: pick(AGENTS),
      locale: 'en-US',
      page: { path: `/p/${sku() % 300}` },
    };
    generated.events++;
    if (!user) {
      generated.newAnonymous++;
      return { type: 'PAGE', messageId, anonymousId: `anon-new-${runId}-${seq}-${i}`, name: 'Page', properties: { path: '/', title: 'Home' }, context, timestamp };
    }
    const [userId, anonymousId] = user;
    const ids = { userId, anonymousId };
    const r = Math.random();
    if (r < o.identifyShare) {
      generated.identifies++;
      return { type: 'IDENTIFY', messageId, ...ids, traits: { bench_identified_at: timestamp }, context, timestamp };
    }
    if (r < o.identifyShare + o.orderShare) {
      generated.orders++;
      const products = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => {
        const s = sku();
        return { product_id: `sku-${s}`, price: price(s), quantity: 1 + Math.floor(Math.random() * 3) };
      });
      const revenue = Math.round(products.reduce((a, p) => a + p.price * p.quantity, 0) * 100) / 100;
      return {
        type: 'TRACK', messageId, ...ids, event: 'Order Completed',
        properties: { order_id: `ord-${runId}-${seq}-${i}`, revenue, currency: 'USD', products }, context, timestamp,
      };
    }
    let x = Math.random();
    for (const [name, share] of TRACKS) {
      if ((x -= share) < 0) {
        const s = sku();
        return { type: 'TRACK', messageId, ...ids, event: name, properties: { product_id: `sku-${s}`, price: price(s), quantity: 1 }, context, timestamp };
      }
    }
    return { type: 'PAGE', messageId, ...ids, name: 'Page', properties: { path: `/p/${sku() % 300}`, title: 'Product' }, context, timestamp };
  }

  return {
    body(context) {
      seq++;
      context.seq = seq;
      const now = Date.now();
      const session = Array.from({ length: o.usersPerBatch }, () => pick(o.users));
      const events = Array.from({ length: o.batchSize }, (_, i) =>
        event(i, Math.random() < o.newAnonymousShare ? undefined : session[i % session.length], now),
      );
      return JSON.stringify({ query: INGEST_MUTATION, variables: { events } });
    },
    onResponse(status, body, context) {
      try {
        const parsed = JSON.parse(body) as { data?: { ingest?: { accepted: number; duplicates: number } }; errors?: unknown };
        const result = parsed.data?.ingest;
        if (status === 200 && result && !parsed.errors) {
          answered.push([context.seq as number, result.accepted]);
          accepted += result.accepted;
          duplicates += result.duplicates;
          return;
        }
      } catch {
        // fall through: not JSON
      }
      firstError ??= `${status} ${body.slice(0, 500)}`;
    },
    verify: (body) => !body.includes('"errors"'),
    summary: (): IngestSourceSummary => ({ runId, batchSize: o.batchSize, built: seq, answered, accepted, duplicates, generated, firstError }),
  };
}
