import pino from 'pino';
import { Scheduler } from '../../src/scheduler/scheduler';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/wait';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateSegmentDocument, SegmentSizeDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const quiet = pino({ level: 'silent' });
/** The schedulers tick every 25 ms: check every 20 ms, for up to 10 s. */
const POLL = { timeoutMs: 10_000, intervalMs: 20 };

test('only one instance leads; when it stops, another takes over', async () => {
  const runs = [0, 0];
  const make = (i: number) => new Scheduler(t.database.url, [{ name: 'count', everyMs: 0, run: async () => void runs[i]++ }], quiet, 25);
  const a = make(0);
  const b = make(1);
  a.start();
  b.start();
  await until(() => a.isLeader || b.isLeader, { ...POLL, what: 'a leader' });
  await until(() => runs[0] + runs[1] >= 3, { ...POLL, what: 'three runs' });
  expect(a.isLeader && b.isLeader).toBe(false);
  const [leader, follower, followerRuns] = a.isLeader ? [a, b, () => runs[1]] : [b, a, () => runs[0]];
  expect(followerRuns()).toBe(0);
  await leader.stop();
  await until(() => follower.isLeader, { ...POLL, what: 'the follower to lead' });
  await until(() => followerRuns() > 0, { ...POLL, what: 'a run by the new leader' });
  await follower.stop();
});

test('the safety net moves profiles out of a time window the timers missed (events moved behind their back), with cause SCHEDULE', async () => {
  const { createSegment: created } = await ok(t, CreateSegmentDocument, {
    input: { key: 'active-today', name: 'Active in the last day', definition: { event: { name: 'Page', within: { lastDays: 1 }, op: 'gte', value: 1 } } },
  });
  expect(created.timeSensitive).toBe(true);
  await ingest(t, [{ type: 'TRACK', messageId: 'sched-1', userId: 'sched-u', event: 'Page' }]);
  expect((await ok(t, SegmentSizeDocument, { key: 'active-today' })).segment!.size).toBe(1);

  // Two days pass for this event.
  await t.db.query(`update events set occurred_at = occurred_at - interval '2 days' where message_id = 'sched-1'`);
  const scheduler = new Scheduler(t.database.url, [{ name: 'segments', everyMs: 60_000, run: () => t.app.services.segments.recomputeTimed() }], quiet, 25);
  scheduler.start();
  await until(() => scheduler.runs > 0, { ...POLL, what: 'a scheduled run' });
  await scheduler.stop();
  const { rows } = await t.db.query(`select kind, cause from membership_changes where segment_id = $1 order by id`, [created.id]);
  expect(rows).toEqual([{ kind: 'ENTERED', cause: 'EVENT' }, { kind: 'EXITED', cause: 'SCHEDULE' }]);
});
