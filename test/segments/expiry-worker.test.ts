import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { until } from '../support/wait';
import { memberUserIds } from '../support/segments';
import { CreateSegmentDocument } from '../generated/graphql';

/**
 * The expiry worker as the server runs it (issue 15 §2), on the wall clock: started with the
 * scheduler, it takes a member out within 5 s of the instant their window lapses, and puts an
 * abandoned cart in when its wait ends, with nobody asking for a recompute.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    SCHEDULER_ENABLED: 'true',
    SEGMENT_EXPIRY_INTERVAL_MS: '250ms',
    // Only the worker may move anyone here.
    SEGMENT_REFRESH_INTERVAL_MS: '24d',
    SEGMENT_SAFETY_NET_INTERVAL_MS: '24d',
  });
});
afterAll(() => t.close());

const SECOND = 1000;

async function lastChange(key: string, user: string): Promise<{ kind: string; cause: string; at: Date } | undefined> {
  const { rows } = await t.db.query<{ kind: string; cause: string; at: Date }>(
    `select c.kind, c.cause, c.at from membership_changes c join segments s on s.id = c.segment_id
       join identities i on i.profile_id = c.profile_id and i.kind = 'user_id'
      where s.key = $1 and i.value = $2 order by c.id desc limit 1`, [key, user]);
  return rows[0];
}

test('a member leaves within 5 s of the lapse, and an abandoned cart enters within 5 s of its wait', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'live-pinged', name: 'Pinged in the last minute', definition: { event: { name: 'Ping', within: { lastMinutes: 1 }, op: 'gte', value: 1 } } } });
  await ok(t, CreateSegmentDocument, {
    input: { key: 'live-abandoned', name: 'Added, no order within a minute', definition: { sequence: { steps: [{ name: 'Product Added' }], thenNot: { name: 'Order Completed', within: { minutes: 1 } } } } },
  });
  const sent = Date.now();
  // Both lapse 3 s from now.
  const pingedAt = sent - 57 * SECOND;
  await ingest(t, [
    { type: 'TRACK', messageId: 'live-ping', userId: 'live-a', event: 'Ping', timestamp: new Date(pingedAt).toISOString() },
    { type: 'TRACK', messageId: 'live-add', userId: 'live-b', event: 'Product Added', timestamp: new Date(pingedAt).toISOString() },
  ]);
  expect(await memberUserIds(t, 'live-pinged')).toEqual(['live-a']);
  expect(await memberUserIds(t, 'live-abandoned')).toEqual([]);

  const lapse = pingedAt + 60 * SECOND;
  await until(async () => (await memberUserIds(t, 'live-pinged')).length === 0 && (await memberUserIds(t, 'live-abandoned')).length === 1, { timeoutMs: 15_000, intervalMs: 100, what: 'the lapse' });
  const exit = await lastChange('live-pinged', 'live-a');
  const entry = await lastChange('live-abandoned', 'live-b');
  expect(exit).toMatchObject({ kind: 'EXITED', cause: 'EXPIRY' });
  expect(entry).toMatchObject({ kind: 'ENTERED', cause: 'EXPIRY' });
  for (const change of [exit!, entry!]) {
    const late = change.at.getTime() - lapse;
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(5 * SECOND);
  }
});
