import { migrationsList } from '../../migrations';
import { Readiness, pendingMigrations } from '../../src/ops/readiness';
import { startTestApp, type TestApp } from '../support/app';

let t: TestApp;
beforeAll(async () => {
  // During the shutdown delay the instance still serves, with /readyz at 503.
  t = await startTestApp({ SHUTDOWN_DELAY_MS: '1500' });
});
afterAll(() => t.close());

const applied = migrationsList.map((m) => m.name);

async function readyz(): Promise<{ status: number; body: { status: string; reasons?: string[] } }> {
  const res = await fetch(`${t.baseUrl}/readyz`);
  return { status: res.status, body: (await res.json()) as { status: string; reasons?: string[] } };
}

test('pendingMigrations compares names, ignoring a recorded file extension', () => {
  expect(pendingMigrations(['A', 'B', 'C'], ['A', 'B.js'])).toEqual(['C']);
  expect(pendingMigrations(['A'], ['A.ts'])).toEqual([]);
});

test('/readyz answers 200 when the database answers, migrations are applied and the feed listens', async () => {
  expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
});

test('a build that knows a migration the database lacks is not ready', async () => {
  const readiness = new Readiness({ db: t.db, expectedMigrations: [...applied, 'Migration29991231000000_future'], feedListening: () => true });
  expect(await readiness.check()).toEqual({ ready: false, reasons: ['migrations pending: Migration29991231000000_future'] });

  const current = new Readiness({ db: t.db, expectedMigrations: applied, feedListening: () => true });
  expect(await current.check()).toEqual({ ready: true, reasons: [] });
});

test('once shutdown begins the instance is not ready', async () => {
  const readiness = new Readiness({ db: t.db, expectedMigrations: applied, feedListening: () => true });
  readiness.beginShutdown();
  expect(await readiness.check()).toEqual({ ready: false, reasons: ['shutting down'] });
});

test('without its LISTEN connection the instance is not ready (but still alive)', async () => {
  await t.app.services.feed.stop();
  expect(await readyz()).toEqual({ status: 503, body: { status: 'not ready', reasons: ['change feed (LISTEN connection) is down'] } });
  expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
});

test('once shutdown begins /readyz answers 503 while requests are still served', async () => {
  const closing = t.app.close();
  const res = await readyz();
  expect(res.status).toBe(503);
  expect(res.body.reasons).toContain('shutting down');
  await closing;
});
