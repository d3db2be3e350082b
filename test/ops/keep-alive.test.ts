import net from 'node:net';
import { loadOpsConfig } from '../../src/config';
import { startTestApp, type TestApp } from '../support/app';
import { until } from '../support/wait';

/** Idle keep-alive connections stay open for HTTP_KEEP_ALIVE_TIMEOUT_MS (65 s by default, past a load balancer's 60 s). */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '600' });
});
afterAll(() => t?.close());

test('65 s by default, longer than the usual 60 s load-balancer idle timeout', () => {
  expect(loadOpsConfig({}).keepAliveTimeoutMs).toBe(65_000);
  expect(() => loadOpsConfig({ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'soon' })).toThrow(/HTTP_KEEP_ALIVE_TIMEOUT_MS/);
});

test('the server keeps an idle connection open for the configured time, then closes it', async () => {
  const { port } = new URL(t.baseUrl);
  const socket = net.connect(Number(port), '127.0.0.1');
  let answered = 0;
  let closedAt = 0;
  socket.on('data', () => answered++);
  socket.on('close', () => (closedAt = Date.now()));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await until(() => answered > 0, { intervalMs: 10, what: 'the answer' });
  const idleFrom = Date.now();
  await new Promise((r) => setTimeout(r, 300));
  expect(closedAt).toBe(0);
  await until(() => closedAt > 0, { timeoutMs: 5_000, intervalMs: 20, what: 'the server to close the idle connection' });
  expect(closedAt - idleFrom).toBeGreaterThanOrEqual(550);
  expect(closedAt - idleFrom).toBeLessThan(3_000);
});
