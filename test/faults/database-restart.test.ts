import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postGraphQL } from '../support/graphql';
import { freePort, startServerProcess, type ServerProcess } from '../support/server-process';
import { basicAuth } from '../support/v1';
import { until } from '../support/wait';
import { IngestDocument } from '../generated/graphql';

/**
 * The database restarts under load: the server reports not-ready while it is down and
 * recovers by itself (same process) once it is back; acknowledged events are all kept.
 * While it is down requests get 503 with Retry-After, and the log says so once.
 */
let pgProcess: ChildProcess;
let pgLines: string[] = [];
let server: ServerProcess | undefined;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-restart-'));
const ADMIN = 'sk_restart_test_admin_key_012345678';

function waitForLine(expected: string): Promise<void> {
  const seen = pgLines.length;
  return until(() => pgLines.slice(seen).includes(expected), { timeoutMs: 60_000, intervalMs: 20, what: `"${expected}" from the database process` });
}

/** Against a restarting database: check every 100 ms, for up to a minute. */
const POLL = { timeoutMs: 60_000, intervalMs: 100 };

const readyStatus = async () => {
  try {
    return (await fetch(`${server!.url}/readyz`)).status;
  } catch (e) {
    throw new Error(`${e}: the server is gone; its output:\n${server!.output.join('').slice(-3000)}`);
  }
};

async function ingest(n: number): Promise<boolean> {
  try {
    const events = [{ type: 'TRACK' as const, messageId: `restart-${n}`, userId: `restart-u-${n % 20}`, event: 'Page' }];
    return !!(await postGraphQL(`${server!.url}/graphql`, IngestDocument, { events }, ADMIN)).data;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  pgProcess = spawn(process.execPath, [path.join(__dirname, 'pg-instance.mjs'), path.join(dir, 'data'), String(port)], { stdio: ['pipe', 'pipe', 'inherit'] });
  pgProcess.stdout!.on('data', (d: Buffer) => pgLines.push(...d.toString().split('\n').filter(Boolean)));
  await waitForLine('ready');
  server = await startServerProcess({ DATABASE_URL: `postgres://postgres:test@127.0.0.1:${port}/postgres`, ADMIN_API_KEY: ADMIN, LOG_LEVEL: 'info' });
}, 120_000);

afterAll(async () => {
  server?.child.kill('SIGKILL');
  if (server) await server.exited;
  pgProcess?.stdin!.write('exit\n');
  await new Promise((r) => pgProcess?.once('exit', r));
  fs.rmSync(dir, { recursive: true, force: true });
  pgLines = [];
});

test('not ready while the database is down, recovers without a restart, loses nothing acknowledged', async () => {
  const pid = server!.child.pid;
  expect(await readyStatus()).toBe(200);
  const acked: number[] = [];
  let n = 0;
  let loading = true;
  const load = (async () => {
    while (loading) if (await ingest(++n)) acked.push(n);
  })();
  await until(() => acked.length >= 20, { ...POLL, what: '20 acknowledged events' });

  pgProcess.stdin!.write('stop\n');
  await waitForLine('stopped');
  await until(async () => (await readyStatus()) === 503, { ...POLL, what: '/readyz to answer 503' });
  const failedWhileDown = await ingest(-1);
  expect(failedWhileDown).toBe(false);

  pgProcess.stdin!.write('start\n');
  await waitForLine('ready');
  await until(async () => (await readyStatus()) === 200, { ...POLL, what: '/readyz to answer 200 again' });
  const before = acked.length;
  await until(() => acked.length >= before + 20, { ...POLL, what: '20 more acknowledged events' });
  loading = false;
  await load;
  expect(server!.child.pid).toBe(pid);
  expect(server!.child.exitCode).toBeNull();

  const { data } = await postGraphQL<{ profiles: { edges: { node: { stats: { events: number } } }[] } }>(
    `${server!.url}/graphql`, '{ profiles(first: 100) { edges { node { stats { events } } } } }', undefined, ADMIN);
  const stored = data!.profiles.edges.reduce((s, e) => s + e.node.stats.events, 0);
  expect(stored).toBeGreaterThanOrEqual(acked.length);
  process.stdout.write(`restart test: ${acked.length} acknowledged, ${stored} stored, readiness went 503 and back\n`);
}, 180_000);

/** The server's log lines (pino JSON) from output chunk `from` on. */
function logLines(from = 0): { level: number; msg: string; [key: string]: unknown }[] {
  return server!.output
    .slice(from)
    .join('')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
}

async function answer(path: string, body: unknown, authorization: string): Promise<{ status: number; retryAfter: string | null; body: Record<string, any> }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const UNREACHABLE = 'database unreachable: requests get 503 with Retry-After until it answers again';
const REACHABLE = 'database reachable again';
const graphql = (query: string) => answer('/graphql', { query }, `Bearer ${ADMIN}`);
const track = (n: number) => answer('/v1/track', { userId: 'outage-user', event: 'Clicked', messageId: `outage-${n}` }, basicAuth(ADMIN));

test('while the database is down: 503 with Retry-After on GraphQL (SERVICE_UNAVAILABLE) and /v1, one warning in the log, service resumes after', async () => {
  const PROFILES = '{ profiles(first: 1) { edges { node { id } } } }';
  expect((await graphql(PROFILES)).status).toBe(200);
  // A key never used yet: looking it up needs the database.
  const created = await graphql('mutation { createApiKey(name: "outage", scopes: ["read", "ingest"]) { secret } }');
  const fresh = created.body.data.createApiKey.secret as string;
  // The outage of the test before is over once the log says so.
  const said = (msg: string, lines = logLines()) => lines.map((l) => l.msg).lastIndexOf(msg);
  await until(() => said(UNREACHABLE) <= said(REACHABLE), { ...POLL, what: 'the earlier outage to be logged as over' });
  const from = server!.output.length;

  pgProcess.stdin!.write('stop\n');
  await waitForLine('stopped');
  await until(async () => (await graphql(PROFILES)).status === 503, { ...POLL, what: 'GraphQL to answer 503' });
  for (let i = 0; i < 10; i++) {
    const res = await graphql(i % 2 ? PROFILES : '{ webhooks { id } }');
    expect(res).toMatchObject({ status: 503, retryAfter: '5', body: { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 }) })] } });
    expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|stack/);
    expect(await track(i)).toMatchObject({ status: 503, retryAfter: '5', body: { success: false, error: { code: 'SERVICE_UNAVAILABLE' } } });
  }
  const unavailable = { status: 503, retryAfter: '5' };
  expect(await answer('/graphql', { query: PROFILES }, `Bearer ${fresh}`)).toMatchObject({ ...unavailable, body: { errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) })] } });
  expect(await answer('/v1/track', { userId: 'outage-user', event: 'Clicked' }, basicAuth(fresh))).toMatchObject({ ...unavailable, body: { error: { code: 'SERVICE_UNAVAILABLE' } } });

  pgProcess.stdin!.write('start\n');
  await waitForLine('ready');
  await until(async () => (await graphql(PROFILES)).status === 200, { ...POLL, what: 'GraphQL to answer 200 again' });
  expect((await track(100)).status).toBe(200);
  await until(() => said(REACHABLE, logLines(from)) >= 0, { ...POLL, what: 'the log to say the database is back' });

  const lines = logLines(from);
  expect(lines.filter((l) => l.level >= 40).map((l) => l.msg)).toEqual([UNREACHABLE]);
  expect(lines.filter((l) => l.msg === REACHABLE)).toHaveLength(1);
  expect(lines.filter((l) => l.msg === 'request' && l.status === 503).length).toBeGreaterThanOrEqual(22);
}, 180_000);
