import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { postV1 } from '../support/v1';
import { ProfileEventTimesDocument, TrackDocument } from '../generated/graphql';

/**
 * Event times end to end: a client clock that is off is corrected the Segment way
 * (receivedAt − (sentAt − timestamp)); what is still far ahead after that is stored at
 * its receipt time and flagged (`clampedFrom`), not refused. The rule itself is pinned
 * by src/ingest/event.time.test.ts with a fixed clock.
 */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

async function batch(body: Record<string, unknown>) {
  const res = await postV1(t.baseUrl, '/v1/batch', body, { key: writeKey });
  expect(res.status).toBe(200);
  return res.body;
}

/** Each event of the user as stored: messageId → occurredAt, clampedFrom and receivedAt (the database's clock, a few ms after the server's receipt time) in ms. */
async function timesOf(userId: string): Promise<Record<string, { at: number; clampedFrom: number | null; receivedAt: number }>> {
  const edges = (await ok(t, ProfileEventTimesDocument, { kind: 'USER_ID', value: userId })).profileByIdentity!.events.edges;
  return Object.fromEntries(
    edges.map(({ node }) => [node.messageId, { at: Date.parse(node.occurredAt), clampedFrom: node.clampedFrom ? Date.parse(node.clampedFrom) : null, receivedAt: Date.parse(node.receivedAt) }]),
  );
}

test('a phone 3 h ahead: its events land when they happened, by the batch sentAt or their own', async () => {
  const skew = 3 * HOUR;
  const before = Date.now();
  const phoneNow = before + skew;
  const res = await batch({
    sentAt: iso(phoneNow),
    batch: [
      { type: 'track', messageId: 'skew-1', userId: 'phone', event: 'Opened', timestamp: iso(phoneNow - 60 * SECOND) },
      // analytics.js stamps sentAt on every message: it wins over the batch's.
      { type: 'track', messageId: 'skew-2', userId: 'phone', event: 'Tapped', timestamp: iso(phoneNow - 10 * SECOND - HOUR), sentAt: iso(phoneNow - HOUR) },
      { type: 'track', messageId: 'skew-3', userId: 'phone', event: 'Closed', originalTimestamp: iso(phoneNow - 5 * SECOND) },
    ],
  });
  const after = Date.now();
  expect(res).toMatchObject({ accepted: 3 });
  const times = await timesOf('phone');
  for (const [id, ago] of [['skew-1', 60 * SECOND], ['skew-2', 10 * SECOND], ['skew-3', 5 * SECOND]] as const) {
    expect(times[id].at).toBeGreaterThanOrEqual(before - ago);
    expect(times[id].at).toBeLessThanOrEqual(after - ago);
    expect(times[id].clampedFrom).toBeNull();
  }
});

test('an event dated 3 days ahead of a correct sentAt is stored at its receipt time, flagged with the claimed time, not refused', async () => {
  const claimed = Date.now() + 3 * DAY;
  const res = await batch({
    sentAt: iso(Date.now()),
    batch: [
      { type: 'track', messageId: 'ahead-1', userId: 'ahead', event: 'Order Completed', timestamp: iso(claimed), properties: { revenue: 7 } },
      { type: 'track', messageId: 'ahead-2', userId: 'ahead', event: 'Viewed' },
    ],
  });
  expect(res).toEqual({ success: true, accepted: 2, duplicates: 0 });
  const times = await timesOf('ahead');
  expect(Math.abs(times['ahead-1'].at - times['ahead-1'].receivedAt)).toBeLessThan(5 * SECOND);
  expect(Math.abs(times['ahead-1'].clampedFrom! - claimed)).toBeLessThan(5 * SECOND);
  expect(times['ahead-2'].clampedFrom).toBeNull();
  // Nothing about the profile lives in the future.
  const { rows } = await t.db.query(`select last_order_at, last_seen_at from profile_stats s join identities i using (profile_id) where i.value = 'ahead'`);
  expect(rows[0].last_order_at.getTime()).toBeLessThanOrEqual(Date.now());
  expect(rows[0].last_seen_at.getTime()).toBeLessThanOrEqual(Date.now());
});

test('GraphQL track with a timestamp 2 days ahead: stored at receipt time, clampedFrom keeps it', async () => {
  const claimed = new Date(Date.now() + 2 * DAY).toISOString();
  expect((await ok(t, TrackDocument, { input: { messageId: 'gql-ahead', userId: 'gql-ahead', event: 'Ahead', timestamp: claimed } }, writeKey)).track.accepted).toBe(1);
  const { at, clampedFrom, receivedAt } = (await timesOf('gql-ahead'))['gql-ahead'];
  expect(Math.abs(at - receivedAt)).toBeLessThan(5 * SECOND);
  expect(clampedFrom).toBe(Date.parse(claimed));
});

test('a replayed Segment export (timestamp already corrected, with originalTimestamp and an old sentAt) keeps its timestamp', async () => {
  const exported = {
    type: 'track', messageId: 'replay-1', userId: 'replayed', event: 'Order Completed', properties: { revenue: 3 },
    timestamp: '2024-03-01T10:00:00.000Z', originalTimestamp: '2024-03-01T11:00:05.000Z', sentAt: '2024-03-01T11:00:10.000Z', receivedAt: '2024-03-01T10:00:05.000Z',
  };
  expect(await batch({ batch: [exported] })).toMatchObject({ accepted: 1 });
  expect((await timesOf('replayed'))['replay-1']).toMatchObject({ at: Date.parse('2024-03-01T10:00:00.000Z'), clampedFrom: null });
});
