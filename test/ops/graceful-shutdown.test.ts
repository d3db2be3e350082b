import http from 'node:http';
import os from 'node:os';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import { builtServerDatabase, runBuilt, type RunningProcess } from '../support/built-server';
import { gauge, heldBatch } from '../support/held-batch';
import { freePort } from '../support/server-process';
import { within } from '../support/deadline';
import { until } from '../support/wait';

/**
 * The built server as production runs it (`npm run build`, then `node dist/src/main.js` with
 * NODE_ENV=production, where Apollo would install its own signal handlers), stopped by
 * SIGTERM while ingest batches, reads and subscriptions are in flight.
 */

const ADMIN = 'sk_shutdown_test_admin_key_0123456789';

const built = builtServerDatabase();

async function startServer(env: Record<string, string> = {}): Promise<{ server: RunningProcess; port: number }> {
  const port = await freePort();
  const server = runBuilt('src/main.js', [], { DATABASE_URL: built.database.url, PORT: String(port), ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'info', ...env });
  await server.waitFor('serving GraphQL');
  return { server, port };
}

const basic = `Basic ${Buffer.from(`${ADMIN}:`).toString('base64')}`;
const track = (messageId: string, userId: string) => ({ type: 'track', userId, event: 'Product Viewed', messageId });

/** How one request ended: an HTTP answer, or a connection the server refused or cut. Anything else (a hang) fails the test. */
type Outcome = { kind: 'answered'; status: number; body: string } | { kind: 'refused' } | { kind: 'reset' };

function post(agent: http.Agent, port: number, path: string, authorization: string, payload: unknown): Promise<Outcome> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (outcome: Outcome) => (settled ? undefined : ((settled = true), resolve(outcome)));
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, timeout: 60_000, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => settle({ kind: 'answered', status: res.statusCode ?? 0, body: text }));
        res.on('error', () => settle({ kind: 'reset' }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer to ${path} within 60 s`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') settle({ kind: 'refused' });
      else if (error.code === 'ECONNRESET' || error.code === 'EPIPE') settle({ kind: 'reset' });
      else if (!settled) reject(error);
    });
    req.end(body);
  });
}

/** Requests sent by the load, how each ended, and the messageIds of every batch sent and acknowledged. */
class Load {
  sent = 0;
  answered = 0;
  refused = 0;
  reset = 0;
  answeredAfterSignal = 0;
  signalled = false;
  readonly statuses = new Map<number, number>();
  readonly sentIds: string[] = [];
  readonly ackedIds: string[] = [];

  constructor(private readonly port: number) {}

  /** One client on its own keep-alive connection, sending until the server turns it away. */
  async run(kind: 'v1' | 'graphql-ingest' | 'read', worker: number, serverGone: () => boolean): Promise<void> {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let round = 0; !serverGone(); round++) {
        const ids = kind === 'read' ? [] : Array.from({ length: 20 }, (_, i) => `load-${kind}-${worker}-${round}-${i}`);
        const events = ids.map((id, i) => track(id, `load-user-${worker}-${i % 5}`));
        this.sent++;
        this.sentIds.push(...ids);
        const outcome =
          kind === 'v1'
            ? await post(agent, this.port, '/v1/batch', basic, { batch: events })
            : kind === 'graphql-ingest'
              ? await post(agent, this.port, '/graphql', `Bearer ${ADMIN}`, {
                  query: 'mutation($events: [EventInput!]!) { ingest(events: $events) { accepted duplicates } }',
                  variables: { events: events.map((e) => ({ ...e, type: 'TRACK' })) },
                })
              : await post(agent, this.port, '/graphql', `Bearer ${ADMIN}`, { query: '{ profiles(first: 5) { edges { node { id } } } }' });
        if (outcome.kind !== 'answered') {
          this[outcome.kind]++;
          return;
        }
        this.answered++;
        if (this.signalled) this.answeredAfterSignal++;
        this.statuses.set(outcome.status, (this.statuses.get(outcome.status) ?? 0) + 1);
        if (ids.length && outcome.status === 200 && acceptedAll(outcome.body, ids.length)) this.ackedIds.push(...ids);
      }
    } finally {
      agent.destroy();
    }
  }
}

/** A 2xx answer with the accepted count: /v1's `{ success, accepted }` or GraphQL's `data.ingest.accepted`. */
function acceptedAll(body: string, events: number): boolean {
  const parsed = JSON.parse(body);
  const accepted = parsed.accepted ?? parsed.data?.ingest?.accepted;
  return typeof accepted === 'number' && accepted === events;
}

/** A graphql-ws subscriber; resolves with the code its socket was closed with. */
function subscriber(port: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${ADMIN}` },
      retryAttempts: 0,
      lazy: false,
      on: { closed: (event) => resolve((event as { code: number }).code) },
      onNonLazyError: () => {},
    });
    client.subscribe({ query: 'subscription { churnRiskAlert(threshold: 0.5) { cursor } }' }, { next: () => {}, error: reject, complete: () => {} });
  });
}

/** An IPv4 address of this machine other than loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

test('one SIGTERM under load drains: every request answered or refused, acknowledged events stored once, sockets closed with 1001, the lock released, exit 0', async () => {
  const { server, port } = await startServer({ SCHEDULER_ENABLED: 'true', SHUTDOWN_TIMEOUT_MS: '30s' });
  try {
    // Without HOST the server is for this machine only.
    expect(server.output()).toContain(`Listening on 127.0.0.1:${port}: this machine only`);
    const external = externalAddress();
    if (external) await expect(fetch(`http://${external}:${port}/healthz`)).rejects.toThrow();

    await until(async () => (await built.schedulerLocks()) === 1, { timeoutMs: 30_000, what: 'the scheduler to take its lock', intervalMs: 20 });
    const closeCodes = [subscriber(port), subscriber(port), subscriber(port)];
    await until(async () => (await gauge(port, 'segmentary_subscribers')) === 3, { timeoutMs: 30_000, what: 'three subscriptions', intervalMs: 20 });

    // One batch certainly in flight across the signal: its body is only half sent.
    const held = heldBatch(port, ADMIN, Array.from({ length: 500 }, (_, i) => track(`drain-${i}`, `drain-${i % 50}`)));
    // The scrape counts itself: two in flight means the held request has arrived.
    await until(async () => (await gauge(port, 'segmentary_http_requests_in_flight')) >= 2, { timeoutMs: 30_000, what: 'the held batch to arrive', intervalMs: 20 });

    let exited = false;
    void server.exited.then(() => (exited = true));
    const load = new Load(port);
    const kinds = ['v1', 'v1', 'graphql-ingest', 'graphql-ingest', 'read', 'read'] as const;
    const clients = Promise.all(kinds.map((kind, worker) => load.run(kind, worker, () => exited)));
    await until(() => load.ackedIds.length >= 200 && load.answered >= 30, { timeoutMs: 60_000, what: 'the load to be under way', intervalMs: 10 });

    load.signalled = true;
    server.child.kill('SIGTERM');
    await server.waitFor('"msg":"shutting down"', 30_000);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow(); // no new connections
    held.finish();

    const response = await held.response;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ success: true, accepted: 500 });
    await clients;
    expect(await server.exited).toBe(0);
    expect(server.output()).not.toContain('second signal');
    expect(await Promise.all(closeCodes)).toEqual([1001, 1001, 1001]);

    // Every request got an answer, or a refused or reset connection; none hung.
    expect(load.answered + load.refused + load.reset).toBe(load.sent);
    expect(load.refused + load.reset).toBeGreaterThan(0);
    // Requests of the load were in flight when the signal came, and finished.
    expect(load.answeredAfterSignal).toBeGreaterThan(0);
    expect(Object.fromEntries(load.statuses)).toEqual({ 200: load.answered });

    // Acknowledged events are stored exactly once; nothing is stored twice.
    const { rows } = await built.db.query<{ id: string; n: number }>(`select message_id as id, count(*)::int as n from events where message_id = any($1) group by message_id`, [
      [...load.sentIds, ...Array.from({ length: 500 }, (_, i) => `drain-${i}`)],
    ]);
    const stored = new Map(rows.map((r) => [r.id, r.n]));
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    expect(load.ackedIds.filter((id) => stored.get(id) !== 1)).toEqual([]);
    expect(Array.from({ length: 500 }, (_, i) => stored.get(`drain-${i}`)).every((n) => n === 1)).toBe(true);

    expect(await built.schedulerLocks()).toBe(0);
    expect(await built.schedulerLockIsFree()).toBe(true);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 240_000);

test('a second signal during the drain exits at once, non-zero', async () => {
  const { server, port } = await startServer({ SCHEDULER_ENABLED: 'false', SHUTDOWN_TIMEOUT_MS: '60s' });
  try {
    const held = heldBatch(port, ADMIN, [track('second-signal', 'second-signal')]);
    held.response.catch(() => {}); // cut off by the exit
    await until(async () => (await gauge(port, 'segmentary_http_requests_in_flight')) >= 2, { timeoutMs: 30_000, what: 'the held batch to arrive', intervalMs: 20 });
    server.child.kill('SIGTERM');
    await server.waitFor('"msg":"shutting down"', 30_000);
    server.child.kill('SIGTERM');
    // The held request would keep a single SIGTERM waiting for 60 s.
    expect(await within(server.exited, 20_000, 'the exit after a second SIGTERM')).toBe(1);
    expect(server.output()).toContain('second signal: exiting without waiting');
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 120_000);
