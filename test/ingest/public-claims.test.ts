import { SignJWT } from 'jose';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { basicAuth } from '../support/v1';
import { FrontendIdentifyDocument, FrontendPageDocument, FrontendTrackDocument, IngestDocument, ProfileByIdentityDocument } from '../generated/graphql';

/**
 * A `personalize` key is public: whatever it sends speaks for its own visitor only. It
 * names its anonymous id, or the user of a verified end-user token; identity values in
 * traits or context link nothing (they stay as unverified data, and the answer says so);
 * it cannot alias or group; and its messageIds are its own (unique per source key).
 */

let t: TestApp;
let publicKey: string;
let userTokenSecret: string;
let backendKey: string;

const VICTIM = { userId: 'victim-1', email: 'victim@example.org', phone: '+15550100001', device: 'victim-device' };

beforeAll(async () => {
  t = await startTestApp();
  const created = await t.app.services.apiKeys.create('web', ['personalize']);
  publicKey = created.secret;
  userTokenSecret = created.userTokenSecret!;
  backendKey = await t.keyWith('ingest');
  await ok(t, IngestDocument, {
    events: [{ type: 'IDENTIFY', messageId: 'victim-identify', userId: VICTIM.userId, traits: { email: VICTIM.email, phone: VICTIM.phone, tier: 'gold' }, context: { device: { id: VICTIM.device } } }],
  }, backendKey);
});
afterAll(() => t?.close());

const sign = (sub: string) =>
  new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('10m').sign(new TextEncoder().encode(userTokenSecret));

async function profileOf(kind: 'USER_ID' | 'ANONYMOUS_ID' | 'EMAIL', value: string) {
  const profile = (await ok(t, ProfileByIdentityDocument, { kind, value })).profileByIdentity;
  if (!profile) throw new Error(`no profile with ${kind} ${value}`);
  return profile;
}

async function v1(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuth(publicKey), ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

const eventsOf = async (messageId: string) => (await t.db.query(`select profile_id, source_key, properties, context from events where message_id = $1`, [messageId])).rows;

test('identity values in a public identify link nothing: the visitor keeps them as traits, the victim is untouched, the answer lists them', async () => {
  const victimBefore = await profileOf('USER_ID', VICTIM.userId);
  const res = await ok(t, FrontendIdentifyDocument, {
    input: {
      messageId: 'attack-1',
      anonymousId: 'attacker-anon',
      traits: { email: VICTIM.email, phone: VICTIM.phone, plan: 'free' },
      context: { device: { id: VICTIM.device }, traits: { email: VICTIM.email } },
    },
  }, publicKey);
  expect(res.identify).toEqual({
    accepted: 1, duplicates: 0, suppressed: 0,
    ignoredIdentities: ['input.traits.email', 'input.traits.phone', 'input.context.traits.email', 'input.context.device.id'],
  });
  const attacker = await profileOf('ANONYMOUS_ID', 'attacker-anon');
  expect(attacker.id).not.toBe(victimBefore.id);
  expect(attacker.identities).toEqual([{ kind: 'ANONYMOUS_ID', value: 'attacker-anon' }]);
  expect(attacker.traits).toMatchObject({ email: VICTIM.email, plan: 'free' });
  const victimAfter = await profileOf('USER_ID', VICTIM.userId);
  expect(victimAfter).toEqual(victimBefore);
  expect((await profileOf('EMAIL', VICTIM.email)).id).toBe(victimBefore.id);
});

test('the same over /v1: a batch from a public key links nothing and reports what it did not use', async () => {
  const res = await v1('/v1/batch', { batch: [
    { type: 'identify', messageId: 'attack-v1-1', anonymousId: 'attacker-v1', traits: { email: VICTIM.email } },
    { type: 'track', messageId: 'attack-v1-2', anonymousId: 'attacker-v1', event: 'Clicked', context: { device: { id: VICTIM.device } } },
  ] });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ success: true, accepted: 2, ignoredIdentities: ['batch[0].traits.email', 'batch[1].context.device.id'] });
  const attacker = await profileOf('ANONYMOUS_ID', 'attacker-v1');
  expect(attacker.identities).toEqual([{ kind: 'ANONYMOUS_ID', value: 'attacker-v1' }]);
  expect((await eventsOf('attack-v1-2'))[0].context).toEqual({ device: { id: VICTIM.device } });
});

test.each([
  ['GraphQL track', () => t.gql(FrontendTrackDocument, { input: { event: 'Viewed', userId: VICTIM.userId, messageId: 'claim-1' } }, publicKey)],
  ['GraphQL page', () => t.gql(FrontendPageDocument, { input: { name: 'Home', userId: VICTIM.userId, messageId: 'claim-2' } }, publicKey)],
])('%s naming a user id without its token is FORBIDDEN and stores nothing', async (_label, send) => {
  const res = await send();
  expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(res.errors?.[0].message).toMatch(/userId/);
  expect((await t.db.query(`select count(*)::int as n from events where message_id like 'claim-%'`)).rows[0].n).toBe(0);
});

test('/v1: a message naming another user, an alias or a group is rejected as FORBIDDEN naming the path; the rest of the batch is stored', async () => {
  for (const [message, path] of [
    [{ type: 'track', messageId: 'refused-1', userId: VICTIM.userId, event: 'X' }, 'batch[1].userId'],
    [{ type: 'alias', messageId: 'refused-2', userId: 'attacker-user', previousId: VICTIM.userId }, 'batch[1].type'],
    [{ type: 'group', messageId: 'refused-3', anonymousId: 'attacker-v1', groupId: 'acme' }, 'batch[1].type'],
  ] as const) {
    const res = await v1('/v1/batch', { batch: [{ type: 'track', messageId: `ok-before-${path}-${message.type}`, anonymousId: 'attacker-v1', event: 'Y' }, message] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ success: true, accepted: 1, rejected: [{ index: 1, messageId: message.messageId, code: 'FORBIDDEN', path, message: expect.any(String) }] });
  }
  expect((await t.db.query(`select count(*)::int as n from events where message_id like 'refused-%'`)).rows[0].n).toBe(0);
  expect((await t.db.query(`select count(*)::int as n from events where message_id like 'ok-before-%'`)).rows[0].n).toBe(3);
  expect((await profileOf('USER_ID', VICTIM.userId)).identities.map((i) => i.value)).not.toContain('attacker-v1');
});

test('with the user\'s signed token, an event names that user (filled in when absent) and links the visitor\'s anonymous id', async () => {
  await ok(t, IngestDocument, { events: [{ type: 'IDENTIFY', messageId: 'member-1', userId: 'member', traits: { email: 'member@example.org' } }] }, backendKey);
  const token = await sign('member');
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publicKey}`, 'x-user-token': token },
    body: JSON.stringify({ query: 'mutation { track(input: { event: "Signed In", anonymousId: "member-browser", messageId: "member-2" }) { accepted } }' }),
  });
  expect(((await res.json()) as { data: unknown }).data).toEqual({ track: { accepted: 1 } });
  const member = await profileOf('USER_ID', 'member');
  expect(member.identities.map((i) => i.kind).sort()).toEqual(['ANONYMOUS_ID', 'EMAIL', 'USER_ID']);
  expect((await v1('/v1/track', { messageId: 'member-3', userId: 'member', event: 'Z' }, { 'x-user-token': token })).status).toBe(200);
  expect((await v1('/v1/track', { messageId: 'member-4', userId: 'someone-else', event: 'Z' }, { 'x-user-token': token })).status).toBe(403);
});

test('messageIds are unique per source key: a public key cannot claim an id a backend sends later', async () => {
  expect((await ok(t, FrontendTrackDocument, { input: { event: 'Squat', anonymousId: 'squatter', messageId: 'order-42' } }, publicKey)).track.accepted).toBe(1);
  expect((await ok(t, FrontendTrackDocument, { input: { event: 'Squat', anonymousId: 'squatter', messageId: 'order-42' } }, publicKey)).track.duplicates).toBe(1);
  const backend = await ok(t, IngestDocument, { events: [{ type: 'TRACK', messageId: 'order-42', userId: 'buyer-42', event: 'Order Completed', properties: { revenue: 42 } }] }, backendKey);
  expect(backend.ingest).toMatchObject({ accepted: 1, duplicates: 0 });
  expect((await ok(t, IngestDocument, { events: [{ type: 'TRACK', messageId: 'order-42', userId: 'buyer-42', event: 'Order Completed' }] }, backendKey)).ingest.duplicates).toBe(1);
  expect((await eventsOf('order-42')).length).toBe(2);
  expect((await profileOf('USER_ID', 'buyer-42')).stats.orders).toBe(1);
});

test('messageIds recorded before they were kept per key count as seen for every key', async () => {
  await t.db.query(`insert into message_ids (source_key, message_id) values ('', 'legacy-1')`);
  expect((await ok(t, FrontendTrackDocument, { input: { event: 'X', anonymousId: 'a', messageId: 'legacy-1' } }, publicKey)).track.duplicates).toBe(1);
  expect((await ok(t, IngestDocument, { events: [{ type: 'TRACK', messageId: 'legacy-1', userId: 'u', event: 'X' }] }, backendKey)).ingest.duplicates).toBe(1);
});

test('a user token issued in the future is refused with 401', async () => {
  const future = Math.floor(Date.now() / 1000) + 3600;
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('member').setIssuedAt(future).setExpirationTime(future + 600).sign(new TextEncoder().encode(userTokenSecret));
  const res = await fetch(t.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${publicKey}`, 'x-user-token': token },
    body: JSON.stringify({ query: 'mutation { track(input: { event: "X", anonymousId: "a" }) { accepted } }' }),
  });
  expect(res.status).toBe(401);
});
