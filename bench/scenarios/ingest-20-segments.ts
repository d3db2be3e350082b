import { createSegments, removeSegments, type BenchSegment } from './bench-segments';
import { ingestBatch } from './ingest-batch';
import type { Scenario } from './types';

const PREFIX = 'bench-ingest20-';
const orders = (days: number, n: number) => ({ event: { name: 'Order Completed', within: { lastDays: days }, op: 'gte', value: n } });
const track = (name: string, days: number, n: number) => ({ event: { name, within: { lastDays: days }, op: 'gte', value: n } });
const trait = (path: string, op: string, value?: unknown) => ({ trait: { path, op, ...(value === undefined ? {} : { value }) } });
const stat = (name: string, op: string, value: number) => ({ stat: { name, op, value } });

/** 20 active segments of mixed kinds, over events, traits and stats the ingest load touches. */
const DEFINITIONS: unknown[] = [
  orders(30, 1), orders(7, 1), orders(90, 3),
  track('Product Viewed', 7, 3), track('Product Viewed', 1, 1), track('Product Added', 14, 1), track('Checkout Started', 30, 2),
  { all: [track('Checkout Started', 7, 1), { not: orders(7, 1) }] },
  trait('plan', 'eq', 'pro'), trait('region', 'in', ['EMEA', 'APAC']), trait('age', 'gte', 30),
  trait('bench_identified_at', 'exists'), { all: [trait('gender', 'eq', 'female'), trait('country', 'eq', 'US')] },
  stat('orders', 'gte', 1), stat('orders', 'gte', 5), stat('revenue', 'gte', 500), stat('events', 'gte', 20),
  stat('days_since_last_seen', 'lte', 7), stat('avg_order_value', 'gte', 50),
  { any: [stat('orders', 'gte', 10), trait('plan', 'eq', 'enterprise')] },
];
const SEGMENTS: BenchSegment[] = DEFINITIONS.map((definition, i) => ({ key: `${PREFIX}${String(i + 1).padStart(2, '0')}`, definition }));

/**
 * The ingest-batch load against our server twice: with 20 active segments (ours) and
 * with none (baseline), so the ratio is what real-time segment evaluation costs ingest.
 * Both runs get ingest-batch's checks; its bare baseline server is not used.
 */
export const ingest20Segments: Scenario = {
  name: 'ingest-20-segments',
  description: 'ingest-batch load with 20 active segments (event windows, traits, stats) vs the same server with none',
  unit: 'events/s',
  perRequest: ingestBatch.perRequest,
  defaultConnections: ingestBatch.defaultConnections,
  aim: { minRatio: 0.5 },
  async setup(ctx) {
    const services = ctx.app.app.services;
    const keys = SEGMENTS.map((s) => s.key);
    await removeSegments(services, keys);
    const inner = await ingestBatch.setup(ctx);
    const plain = inner.ours;
    return {
      ours: {
        ...plain,
        before: async () => {
          const t = Date.now();
          await createSegments(services, SEGMENTS);
          ctx.log(`  created ${SEGMENTS.length} segments in ${Date.now() - t} ms`);
          await plain.before?.();
        },
        after: async (outcome) => {
          try {
            return (await plain.after?.(outcome)) ?? [];
          } finally {
            await removeSegments(services, keys);
          }
        },
      },
      baseline: plain,
      teardown: async () => {
        await removeSegments(services, keys);
        await inner.teardown?.();
      },
    };
  },
};
