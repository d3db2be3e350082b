import { startTestApp, type TestApp } from '../support/app';
import { ingest } from '../support/operations';
import { mulberry32 } from '../support/random';
import { RunScoringDocument, type EventInput } from '../generated/graphql';
import { CREATE_BUYERS } from '../../src/scoring/scoring.sql';
import { rfmGridRows } from '../../src/scoring/rfm';
import { FIT_SAMPLE_MAX } from '../../src/scoring/churn-model';

/**
 * Retention drops months of events, and the scoring job (RFM, lifecycle, BG/NBD) reads order
 * events: what it needs of the dropped months is folded into `retired_orders` first. The
 * same history is ingested into a database with EVENT_RETENTION_MONTHS=12 and one without;
 * after the drop (and a merge and a late event after it), both score the same.
 */
let kept: TestApp;
let whole: TestApp;
let before: TestApp;
beforeAll(async () => {
  // `before` writes the history while every month is kept; `kept` is the same database with retention turned on.
  [before, whole] = await Promise.all([startTestApp(), startTestApp()]);
  kept = await startTestApp({ EVENT_RETENTION_MONTHS: '12' }, { database: before.database });
});
afterAll(async () => {
  await kept?.close();
  await before?.close();
  await whole?.close();
});

const monthsAgo = (n: number, day: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - n, day, 12)).toISOString();
};

type Who = { userId: string } | { anonymousId: string };
let seq = 0;
const orderEvent = (who: Who, event: string, timestamp: string, properties: Record<string, unknown>): EventInput => ({
  type: 'TRACK',
  messageId: `rs-${++seq}`,
  ...who,
  event,
  timestamp,
  properties,
});

/** 20 buyers over 24 months: orders with and without order_id, some refunded or cancelled months later, across the horizon. */
function history(): EventInput[] {
  const random = mulberry32(7357);
  const events: EventInput[] = [];
  for (let u = 0; u < 20; u++) {
    const who = { userId: `rs-user-${u}` };
    const orders = 1 + Math.floor(random() * 6);
    for (let k = 0; k < orders; k++) {
      const month = 1 + Math.floor(random() * 24);
      const at = monthsAgo(month, 1 + Math.floor(random() * 27));
      const revenue = Math.round(10 + random() * 190);
      const orderId = random() < 0.6 ? `rs-${u}-${k}` : undefined;
      events.push(orderEvent(who, 'Order Completed', at, { revenue, ...(orderId ? { order_id: orderId } : {}) }));
      if (!orderId || month < 3) continue;
      const later = monthsAgo(Math.floor(random() * month), 28);
      const fate = random();
      if (fate < 0.15) events.push(orderEvent(who, 'Order Cancelled', later, { order_id: orderId }));
      else if (fate < 0.35) events.push(orderEvent(who, 'Order Refunded', later, { order_id: orderId, total: Math.round(revenue / 3) }));
    }
  }
  // An anonymous buyer with orders on both sides of the horizon, linked to a user after the drop.
  events.push(orderEvent({ anonymousId: 'rs-anon' }, 'Order Completed', monthsAgo(18, 3), { revenue: 70, order_id: 'rs-anon-1' }));
  events.push(orderEvent({ anonymousId: 'rs-anon' }, 'Order Completed', monthsAgo(5, 3), { revenue: 30 }));
  return events;
}

async function onBoth(work: (t: TestApp) => Promise<unknown>): Promise<void> {
  await work(kept);
  await work(whole);
}

/**
 * Every buyer's scoring inputs, as the scoring job's own statement builds them (orders,
 * net revenue, first and last order, the BG/NBD history in days, the lifecycle stage), and
 * the scores written, by user id. RFM quintiles break ties by profile id, which differs
 * between two databases, so the quintiles are compared through their inputs.
 */
async function scoring(t: TestApp, asOf: Date) {
  return t.db.transaction(async (tx) => {
    await tx.query(CREATE_BUYERS, [asOf, 30, 90, 180, JSON.stringify(rfmGridRows()), FIT_SAMPLE_MAX]);
    const { rows } = await tx.query(`
      select i.value as user_id, b.orders, b.revenue::float8 as revenue, b.first_order_at, b.last_order_at, b.x, b.tx_days, b.t_days, b.lifecycle,
             s.lifecycle as stored_lifecycle, round(s.p_alive::numeric, 9) as p_alive, round(s.expected_orders_90d::numeric, 9) as expected
        from scoring_buyers b
        join identities i on i.profile_id = b.profile_id and i.kind = 'user_id'
        join profile_stats s on s.profile_id = b.profile_id
       order by 1`);
    return rows;
  });
}

test('scores after a drop, a merge and a late event equal the scores over the whole history', async () => {
  const events = history();
  await ingest(before, events);
  await ingest(whole, events);

  const upkeep = await kept.app.services.eventPartitions.maintain();
  expect(upkeep.dropped.length).toBeGreaterThanOrEqual(11);
  const { rows: retired } = await kept.db.query(`select count(*)::int as n, count(*) filter (where order_key like 'event:%')::int as keyless from retired_orders`);
  expect(retired[0].n).toBeGreaterThan(20);
  expect(retired[0].keyless).toBeGreaterThan(0);
  const { rows: left } = await kept.db.query(`select count(*)::int as n from events where occurred_at < $1`, [kept.app.services.eventPartitions.retention()!.since]);
  expect(left[0].n).toBe(0);

  // After the drop: the anonymous buyer is linked (its retired order moves), and an order older than the horizon arrives late.
  await onBoth((t) => ingest(t, [{ type: 'IDENTIFY', messageId: 'rs-link', anonymousId: 'rs-anon', userId: 'rs-user-3' }]));
  await onBoth((t) => ingest(t, [orderEvent({ userId: 'rs-user-5' }, 'Order Completed', monthsAgo(30, 9), { revenue: 55, order_id: 'rs-late' })]));
  expect((await kept.app.services.eventPartitions.maintain()).deletedFromDefault).toBe(1);

  const asOf = new Date();
  const [a, b] = [await kept.app.services.scoring.run(asOf), await whole.app.services.scoring.run(asOf)];
  expect(a.buyersScored).toBe(20);
  // RFM cells and value tiers hang on quintile ties broken by profile id: compared below through their inputs.
  const comparable = (run: typeof a) => ({ buyers: run.buyersScored, lifecycle: run.lifecycleStages, model: { ...run.model, fittedAt: null, id: null } });
  expect(comparable(a)).toEqual(comparable(b));
  const [keptScoring, wholeScoring] = [await scoring(kept, asOf), await scoring(whole, asOf)];
  expect(keptScoring).toHaveLength(20);
  expect(keptScoring.find((r) => r.user_id === 'rs-user-3')?.orders).toBeGreaterThanOrEqual(2);
  expect(keptScoring).toEqual(wholeScoring);
});

test('scoring as of an instant before the kept months is refused, naming asOf', async () => {
  const answer = await kept.gql(RunScoringDocument, { asOf: monthsAgo(14, 1) });
  expect(answer.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(answer.errors?.[0].message).toMatch(/^asOf: scoring as of .* needs the order events before .*EVENT_RETENTION_MONTHS no longer keeps/);
  expect((await whole.gql(RunScoringDocument, { asOf: monthsAgo(14, 1) })).errors).toBeUndefined();
});
