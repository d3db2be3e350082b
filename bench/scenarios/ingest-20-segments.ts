import { createComputedTraits, createSegments, removeComputedTraits, removeSegments, type BenchComputedTraits, type BenchSegment } from './bench-segments';
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
export const SEGMENTS: BenchSegment[] = DEFINITIONS.map((definition, i) => ({ key: `${PREFIX}${String(i + 1).padStart(2, '0')}`, definition }));

/** 10 computed traits (issue 15 §1) over the events the ingest load sends: every aggregate, windows of minutes to a year. */
export const COMPUTED_TRAITS: BenchComputedTraits = {
  bench_last_product: { event: 'Product Viewed', aggregate: 'last', property: 'product_id' },
  bench_favourite_product: { event: 'Product Viewed', aggregate: 'most_frequent', property: 'product_id', within: { lastDays: 90 } },
  bench_views_30m: { event: 'Product Viewed', aggregate: 'count', within: { lastMinutes: 30 } },
  bench_orders_365d: { event: 'Order Completed', aggregate: 'count', within: { lastDays: 365 } },
  bench_revenue_90d: { event: 'Order Completed', aggregate: 'sum', property: 'revenue', within: { lastDays: 90 } },
  bench_avg_order_30d: { event: 'Order Completed', aggregate: 'avg', property: 'revenue', within: { lastDays: 30 } },
  bench_max_order: { event: 'Order Completed', aggregate: 'max', property: 'revenue' },
  bench_first_path: { event: 'Page', aggregate: 'first', property: 'path' },
  bench_products_added: { event: 'Product Added', aggregate: 'unique_count', property: 'product_id' },
  bench_recent_products: { event: 'Product Viewed', aggregate: 'unique_list', property: 'product_id', limit: 5 },
};

/**
 * The ingest-batch load against our server twice: with 20 active segments (ours), and with
 * `computed` also 10 computed traits, and with none of either (baseline), so the ratio is what
 * real-time evaluation costs ingest. Both runs get ingest-batch's checks; its bare baseline
 * server is not used.
 */
function ingestWithSegments(name: string, computed: boolean): Scenario {
  return {
    name,
    description: `ingest-batch load with 20 active segments (event windows, traits, stats)${computed ? ' and 10 computed traits (every aggregate)' : ''} vs the same server with none`,
    unit: 'events/s',
    perRequest: ingestBatch.perRequest,
    defaultConnections: ingestBatch.defaultConnections,
    aim: { minRatio: 0.65 },
    async setup(ctx) {
      const services = ctx.app.app.services;
      const keys = SEGMENTS.map((s) => s.key);
      const removeAll = async () => {
        await removeSegments(services, keys);
        await removeComputedTraits(services, COMPUTED_TRAITS);
      };
      await removeAll();
      const inner = await ingestBatch.setup(ctx);
      const plain = inner.ours;
      return {
        ours: {
          ...plain,
          before: async () => {
            const t = Date.now();
            if (computed) {
              await createComputedTraits(services, COMPUTED_TRAITS);
              ctx.log(`  created ${Object.keys(COMPUTED_TRAITS).length} computed traits in ${Date.now() - t} ms`);
            }
            await createSegments(services, SEGMENTS);
            ctx.log(`  created ${SEGMENTS.length} segments in ${Date.now() - t} ms`);
            await plain.before?.();
          },
          after: async (outcome) => {
            try {
              return (await plain.after?.(outcome)) ?? [];
            } finally {
              await removeAll();
            }
          },
        },
        baseline: plain,
        teardown: async () => {
          await removeAll();
          await inner.teardown?.();
        },
      };
    },
  };
}

export const ingest20Segments = ingestWithSegments('ingest-20-segments', false);
export const ingest20SegmentsComputed = ingestWithSegments('ingest-20-segments-computed', true);
