import crypto from 'node:crypto';
import { Database } from '../../src/db/database';
import { WebhookWorker } from '../../src/webhooks/webhook-worker';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { until } from '../support/wait';
import { DAY, ingestHistory } from './helpers';
import { startReceiver, type ReceivedRequest } from './receiver';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ WEBHOOK_BACKOFF_BASE_MS: '20', WEBHOOK_BACKOFF_MAX_MS: '20', WEBHOOK_MAX_ATTEMPTS: '3' });
});
afterAll(() => t.close());
// Each test registers its own webhooks; none may receive the next test's occurrences.
afterEach(async () => {
  for (const hook of await t.app.services.webhooks.list()) await t.app.services.webhooks.delete(hook.id);
});

const CREATE = `mutation($url: String!, $kinds: [TriggerKind!]!, $secret: String) {
  createWebhook(url: $url, kinds: $kinds, secret: $secret) { secret webhook { id url kinds active } } }`;
const DELIVERIES = `query($w: ID!, $first: Int, $after: String) { webhookDeliveries(webhook: $w, first: $first, after: $after) {
  edges { node { id status attempt responseStatus error deliveredAt nextAttemptAt lastAttemptAt occurrence { kind profileId dedupeKey } } }
  pageInfo { hasNextPage endCursor } } }`;

async function createWebhook(url: string, kinds: string[], secret?: string): Promise<{ id: string; secret: string }> {
  const { createWebhook: created } = await ok(t, CREATE, { url, kinds, secret });
  return { id: created.webhook.id, secret: created.secret };
}

async function deliveries(webhookId: string, first = 100) {
  return (await ok(t, DELIVERIES, { w: webhookId, first })).webhookDeliveries.edges.map((e: { node: Record<string, unknown> }) => e.node);
}

/** Profiles whose birthday (MM-DD) is `monthDay`, then a scan on that day: one BIRTHDAY occurrence each. */
async function birthdays(prefix: string, monthDay: string, n = 1): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await ingestHistory(t, `${prefix}-${i}`, [{ at: new Date(Date.now() - DAY), traits: { birthday: `1990-${monthDay}` } }]));
  await t.app.services.triggers.scan(new Date(`2027-${monthDay}T10:00:00Z`));
  return ids;
}

function expectSigned(request: ReceivedRequest, secret: string) {
  const expected = `sha256=${crypto.createHmac('sha256', secret).update(request.body).digest('hex')}`;
  expect(request.headers['x-segmentary-signature']).toBe(expected);
}

test('a delivery is a signed JSON POST, logged as delivered, and sent once', async () => {
  const receiver = await startReceiver();
  const other = await startReceiver();
  try {
    const hook = await createWebhook(receiver.url, ['BIRTHDAY', 'REPURCHASE']);
    expect(hook.secret).toMatch(/^whsec_/);
    await createWebhook(other.url, ['ABANDONED_CART']);
    const [profileId] = await birthdays('wh-signed', '01-10');

    const before = Math.floor(Date.now() / 1000);
    expect(await t.app.services.webhooks.deliverDue()).toEqual({ attempted: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(other.received).toHaveLength(0);
    const [request] = receiver.received;
    expectSigned(request, hook.secret);
    expect(request.headers['content-type']).toBe('application/json');
    expect(Number(request.headers['x-segmentary-timestamp'])).toBeGreaterThanOrEqual(before);
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({
      deliveryId: request.headers['x-segmentary-delivery'],
      attempt: 1,
      occurrence: { kind: 'BIRTHDAY', profileId, dedupeKey: `birthday:${profileId}:2027`, payload: { birthday: '1990-01-10', date: '2027-01-10', age: 37 } },
    });
    expect(Math.floor(Date.parse(body.sentAt) / 1000)).toBe(Number(request.headers['x-segmentary-timestamp']));

    const [logged] = await deliveries(hook.id);
    expect(logged).toMatchObject({ id: body.deliveryId, status: 'DELIVERED', attempt: 1, responseStatus: 200, error: null, nextAttemptAt: null, occurrence: { kind: 'BIRTHDAY', profileId } });
    expect(logged.deliveredAt).not.toBeNull();

    // Nothing is due any more; the secret is never readable again.
    expect(await t.app.services.webhooks.deliverDue()).toEqual({ attempted: 0, delivered: 0 });
    expect(receiver.received).toHaveLength(1);
    const listed = await t.gql(`{ webhooks { id url kinds active } }`);
    expect(listed.data!.webhooks).toContainEqual({ id: hook.id, url: receiver.url, kinds: ['BIRTHDAY', 'REPURCHASE'], active: true });
    expect((await t.gql(`{ webhooks { secret } }`)).errors?.[0].message).toMatch(/Cannot query field "secret"/);
  } finally {
    await receiver.close();
    await other.close();
  }
});

test('a receiver answering 500 first gets a retry with the same delivery id; the log shows both attempts', async () => {
  const receiver = await startReceiver((_req, index) => (index === 0 ? 500 : 200));
  try {
    const hook = await createWebhook(receiver.url, ['BIRTHDAY'], 'my-own-signing-secret');
    await birthdays('wh-retry', '02-11');

    expect(await t.app.services.webhooks.deliverDue()).toEqual({ attempted: 1, delivered: 0 });
    const [failed] = await deliveries(hook.id);
    expect(failed).toMatchObject({ status: 'PENDING', attempt: 1, responseStatus: 500, error: 'HTTP 500 Internal Server Error', deliveredAt: null });
    expect(failed.nextAttemptAt).not.toBeNull();

    await until(async () => (await t.app.services.webhooks.deliverDue()).delivered === 1, { timeoutMs: 5_000, intervalMs: 10, what: 'the retry' });
    const [delivered] = await deliveries(hook.id);
    expect(delivered).toMatchObject({ id: failed.id, status: 'DELIVERED', attempt: 2, responseStatus: 200, error: null, nextAttemptAt: null });
    expect(receiver.received.map((r) => [r.headers['x-segmentary-delivery'], JSON.parse(r.body).attempt])).toEqual([
      [failed.id, 1],
      [failed.id, 2],
    ]);
    for (const request of receiver.received) expectSigned(request, 'my-own-signing-secret');
  } finally {
    await receiver.close();
  }
});

test('after WEBHOOK_MAX_ATTEMPTS failures a delivery is marked failed and not retried', async () => {
  const receiver = await startReceiver(() => 503);
  try {
    const hook = await createWebhook(receiver.url, ['BIRTHDAY']);
    await birthdays('wh-give-up', '03-12');
    await until(async () => {
      await t.app.services.webhooks.deliverDue();
      return (await deliveries(hook.id))[0].status !== 'PENDING';
    }, { timeoutMs: 5_000, intervalMs: 10, what: 'giving up' });
    expect((await deliveries(hook.id))[0]).toMatchObject({ status: 'FAILED', attempt: 3, responseStatus: 503, nextAttemptAt: null, deliveredAt: null });
    expect(receiver.received).toHaveLength(3);
    expect(await t.app.services.webhooks.deliverDue()).toEqual({ attempted: 0, delivered: 0 });
  } finally {
    await receiver.close();
  }
});

test('an unreachable or silent receiver is logged with the reason', async () => {
  const closed = await startReceiver();
  await closed.close();
  const silent = await startReceiver(() => new Promise<number>(() => {}));
  const worker = new WebhookWorker(t.db, { ...t.config.triggers.webhooks, timeoutMs: 200 });
  try {
    const refused = await createWebhook(closed.url, ['BIRTHDAY']);
    const hanging = await createWebhook(silent.url, ['BIRTHDAY']);
    await birthdays('wh-unreachable', '04-13');
    expect(await worker.deliverDue()).toEqual({ attempted: 2, delivered: 0 });
    expect((await deliveries(refused.id))[0]).toMatchObject({ status: 'PENDING', attempt: 1, responseStatus: null, error: 'request failed: ECONNREFUSED' });
    expect((await deliveries(hanging.id))[0]).toMatchObject({ status: 'PENDING', attempt: 1, responseStatus: null, error: 'no answer within 200 ms' });
  } finally {
    await silent.close();
  }
});

test('two workers running at once never deliver the same delivery twice', async () => {
  const receiver = await startReceiver();
  const otherPool = Database.connect(t.database.url, 4);
  const workers = [new WebhookWorker(t.db, { ...t.config.triggers.webhooks, batchSize: 3 }), new WebhookWorker(otherPool, { ...t.config.triggers.webhooks, batchSize: 3 })];
  try {
    const hook = await createWebhook(receiver.url, ['BIRTHDAY']);
    await birthdays('wh-concurrent', '05-14', 24);
    const pending = async () => (await t.db.query(`select count(*)::int as n from webhook_deliveries where webhook_id = $1 and status <> 'delivered'`, [hook.id])).rows[0].n;
    const runs = [0, 0];
    await Promise.all(
      workers.map(async (worker, i) => {
        while ((await pending()) > 0) runs[i] += (await worker.deliverDue()).attempted;
      }),
    );
    const ids = receiver.received.map((r) => r.headers['x-segmentary-delivery']);
    expect(ids).toHaveLength(24);
    expect(new Set(ids).size).toBe(24);
    expect(runs[0] + runs[1]).toBe(24);
    expect(runs.every((n) => n > 0)).toBe(true); // both really worked, side by side
    expect((await deliveries(hook.id)).every((d: { status: string; attempt: number }) => d.status === 'DELIVERED' && d.attempt === 1)).toBe(true);
  } finally {
    await otherPool.close();
    await receiver.close();
  }
});

test('the delivery log pages newest first', async () => {
  const receiver = await startReceiver();
  try {
    const hook = await createWebhook(receiver.url, ['BIRTHDAY']);
    await birthdays('wh-pages', '06-15', 3);
    const page1 = (await t.gql(DELIVERIES, { w: hook.id, first: 2 })).data!.webhookDeliveries;
    const page2 = (await t.gql(DELIVERIES, { w: hook.id, first: 2, after: page1.pageInfo.endCursor })).data!.webhookDeliveries;
    const ids = [...page1.edges, ...page2.edges].map((e: { node: { id: string } }) => Number(e.node.id));
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect([page1.pageInfo.hasNextPage, page2.pageInfo.hasNextPage]).toEqual([true, false]);
  } finally {
    await receiver.close();
  }
});

test.each([
  ['ftp://example.test/hook', ['BIRTHDAY'], undefined, /url: must use http or https/],
  ['not a url', ['BIRTHDAY'], undefined, /url: is not a valid absolute URL/],
  ['http://user:pw@127.0.0.1/hook', ['BIRTHDAY'], undefined, /url: must not contain credentials/],
  ['http://127.0.0.1/hook', [], undefined, /kinds: at least one kind/],
  ['http://127.0.0.1/hook', ['BIRTHDAY'], 'short', /secret: must be 16 to 256 characters/],
])('createWebhook(%s, %j) is refused as bad input', async (url, kinds, secret, message) => {
  const res = await t.gql(CREATE, { url, kinds, secret });
  expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(res.errors?.[0].message).toMatch(message);
});

test('webhooks need the admin scope; unknown ids are NOT_FOUND; deleting removes the log', async () => {
  const readKey = await t.keyWith('read', 'subscribe');
  expect((await t.gql(`{ webhooks { id } }`, {}, readKey)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect((await t.gql(CREATE, { url: 'http://127.0.0.1/x', kinds: ['BIRTHDAY'] }, readKey)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const missing = '00000000-0000-4000-8000-000000000000';
  expect((await t.gql(`mutation { deleteWebhook(id: "${missing}") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  expect((await t.gql(DELIVERIES, { w: 'nope' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');

  const hook = await createWebhook('http://127.0.0.1:9/never', ['BIRTHDAY']);
  await birthdays('wh-delete', '07-16');
  expect(await deliveries(hook.id)).toHaveLength(1);
  expect((await t.gql(`mutation { deleteWebhook(id: "${hook.id}") { id } }`)).data!.deleteWebhook.id).toBe(hook.id);
  expect((await t.gql(DELIVERIES, { w: hook.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  const { rows } = await t.db.query(`select count(*)::int as n from webhook_deliveries where webhook_id = $1`, [hook.id]);
  expect(rows[0].n).toBe(0);
});
