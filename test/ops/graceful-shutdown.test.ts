import http from 'node:http';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { startTestApp, type TestApp } from '../support/app';
import { startServerProcess } from '../support/server-process';
import { until } from '../support/wait';
import { basicAuth } from '../support/v1';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const SCHEDULER_LOCK = 7357003;

async function schedulerLocks(): Promise<number> {
  const { rows } = await t.db.query<{ n: number }>(
    `select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
      where l.locktype = 'advisory' and l.objid = $1 and d.datname = current_database()`,
    [SCHEDULER_LOCK],
  );
  return rows[0].n;
}

async function gauge(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}

/** Starts a POST whose body is only half sent: the request stays in flight until `finish()`. */
function halfSentBatch(port: number, writeKey: string, events: number) {
  const body = Buffer.from(
    JSON.stringify({ batch: Array.from({ length: events }, (_, i) => ({ type: 'track', userId: `drain-${i % 50}`, event: 'Product Viewed', messageId: `drain-${i}` })) }),
  );
  let finish = () => {};
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/batch',
        headers: { 'content-type': 'application/json', 'content-length': body.length, authorization: basicAuth(writeKey) },
      },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.write(body.subarray(0, body.length / 2));
    finish = () => req.end(body.subarray(body.length / 2));
  });
  return { response, finish: () => finish() };
}

test('SIGTERM lets the in-flight ingest finish, closes WebSockets with 1001, releases the scheduler lock and exits 0', async () => {
  // `npm start` as production runs it, against this test's database, with the scheduler on.
  const server = await startServerProcess({
    DATABASE_URL: t.database.url, ADMIN_API_KEY: t.adminKey, LOG_LEVEL: 'info', SCHEDULER_ENABLED: 'true', SHUTDOWN_TIMEOUT_MS: '20000',
  });
  const { port } = server;
  try {
    await until(async () => (await schedulerLocks()) === 1, { what: 'the scheduler to take its lock', timeoutMs: 30_000 });

    const closeCode = new Promise<number>((resolve) => {
      const client = createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${t.adminKey}` },
        retryAttempts: 0,
        lazy: false,
        on: { closed: (event) => resolve((event as { code: number }).code) },
        onNonLazyError: () => {},
      });
      client.subscribe({ query: 'subscription { churnRiskAlert(threshold: 0.5) { cursor } }' }, { next: () => {}, error: (e) => server.output.push(`subscription error ${JSON.stringify(e)}`), complete: () => {} });
    });
    await until(async () => (await gauge(port, 'segmentary_subscribers')) === 1, { what: 'the subscription to start', timeoutMs: 30_000 });

    const ingest = halfSentBatch(port, await t.keyWith('ingest'), 500);
    // The scrape counts itself: two in flight means the ingest request has arrived.
    await until(async () => (await gauge(port, 'segmentary_http_requests_in_flight')) >= 2, { what: 'the ingest request to be in flight', timeoutMs: 30_000 });

    server.child.kill('SIGTERM');
    await until(() => server.output.join('').includes('"msg":"shutting down"'), { what: 'shutdown to begin', timeoutMs: 30_000 });
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // no new connections
    ingest.finish();

    const response = await ingest.response;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ success: true, accepted: 500 });
    expect(await closeCode).toBe(1001);
    expect(await server.exited).toBe(0);
    expect(await schedulerLocks()).toBe(0);
    const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from events where message_id like 'drain-%'`);
    expect(rows[0].n).toBe(500);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 120_000);
