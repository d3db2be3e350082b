import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { basicAuth } from '../support/v1';
import { CreateSegmentDocument, ProfileConsentsDocument, RecomputeSegmentDocument, SetConsentDocument, type EventInput } from '../generated/graphql';

/** Consent per purpose: set by API or carried by events, kept with history, gating MARKETING segments. */

let t: TestApp;
let writeKey: string;
beforeAll(async () => {
  t = await startTestApp();
  writeKey = await t.keyWith('ingest');
});
afterAll(() => t?.close());

const consentsOf = async (userId: string) => (await ok(t, ProfileConsentsDocument, { userId })).profileByIdentity!;
const identify = (messageId: string, userId: string, extra: Partial<EventInput> = {}) => ingest(t, [{ type: 'IDENTIFY', messageId, userId, ...extra }]);

async function postV1(path: string, body: unknown): Promise<number> {
  const res = await fetch(`${t.baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: basicAuth(writeKey), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

test('without a recorded choice: personalization and analytics are assumed, marketing is not', async () => {
  await identify('k-1', 'fresh');
  expect((await consentsOf('fresh')).consents).toEqual([
    { purpose: 'ANALYTICS', granted: true, isDefault: true, source: null },
    { purpose: 'PERSONALIZATION', granted: true, isDefault: true, source: null },
    { purpose: 'MARKETING', granted: false, isDefault: true, source: null },
  ]);
});

test('setConsent records a choice and its history; repeating it adds no history', async () => {
  await identify('k-2', 'setter', { anonymousId: 'setter-anon' });
  const set = await ok(t, SetConsentDocument, { userId: 'setter', purpose: 'MARKETING', granted: true, source: 'cookie-banner' }, writeKey);
  expect(set.setConsent).toMatchObject({ purpose: 'MARKETING', granted: true, isDefault: false, source: 'cookie-banner' });
  await ok(t, SetConsentDocument, { anonymousId: 'setter-anon', purpose: 'MARKETING', granted: true, source: 'cookie-banner' });
  await ok(t, SetConsentDocument, { profileId: set.setConsent.profileId, purpose: 'MARKETING', granted: false, source: 'support' });
  const view = await consentsOf('setter');
  expect(view.consents.find((c) => c.purpose === 'MARKETING')).toEqual({ purpose: 'MARKETING', granted: false, isDefault: false, source: 'support' });
  expect(view.consentHistory).toEqual([
    { purpose: 'MARKETING', granted: false, source: 'support' },
    { purpose: 'MARKETING', granted: true, source: 'cookie-banner' },
  ]);
});

test('context.consent on /v1 (Segment categoryPreferences) and on GraphQL ingest (simple form) is applied', async () => {
  expect(await postV1('/v1/track', {
    userId: 'web-user', event: 'Page Loaded', messageId: 'k-3',
    context: { consent: { categoryPreferences: { Personalization: false, Marketing: true, Advertising: true } } },
  })).toBe(200);
  const web = await consentsOf('web-user');
  expect(web.consents.filter((c) => !c.isDefault)).toEqual([
    { purpose: 'PERSONALIZATION', granted: false, isDefault: false, source: 'event k-3' },
    { purpose: 'MARKETING', granted: true, isDefault: false, source: 'event k-3' },
  ]);

  await ingest(t, [{ type: 'TRACK', messageId: 'k-4', userId: 'web-user', event: 'X', context: { consent: { personalization: true, analytics: 'yes' } } }]);
  // The same choice on every later event is not history.
  await ingest(t, [{ type: 'TRACK', messageId: 'k-5', userId: 'web-user', event: 'X', context: { consent: { personalization: true } } }]);
  const after = await consentsOf('web-user');
  expect(after.consents.find((c) => c.purpose === 'PERSONALIZATION')).toMatchObject({ granted: true, source: 'event k-4' });
  const history = after.consentHistory.map((h) => [h.purpose, h.granted, h.source]);
  expect(history[0]).toEqual(['PERSONALIZATION', true, 'event k-4']);
  expect(history.slice(1).sort()).toEqual([
    ['MARKETING', true, 'event k-3'],
    ['PERSONALIZATION', false, 'event k-3'],
  ]);
});

test('an event older than the recorded choice does not override it', async () => {
  await identify('k-6', 'late');
  await ok(t, SetConsentDocument, { userId: 'late', purpose: 'PERSONALIZATION', granted: false, source: 'settings page' });
  await ingest(t, [{ type: 'TRACK', messageId: 'k-7', userId: 'late', event: 'Old', timestamp: '2020-01-01T00:00:00Z', context: { consent: { personalization: true } } }]);
  expect((await consentsOf('late')).consents.find((c) => c.purpose === 'PERSONALIZATION')).toMatchObject({ granted: false, source: 'settings page' });
});

test('a MARKETING segment holds only consenting profiles and follows consent changes in real time', async () => {
  const seg = await ok(t, CreateSegmentDocument, { input: { key: 'newsletter', name: 'N', purpose: 'MARKETING', definition: { trait: { path: 'nl', op: 'eq', value: true } } } });
  const segmentId = seg.createSegment.id;
  const members = async () => {
    const { rows } = await t.db.query(`select i.value from memberships m join identities i on i.profile_id = m.profile_id and i.kind = 'user_id' where m.segment_id = $1 order by 1`, [segmentId]);
    return rows.map((r) => r.value);
  };
  await identify('k-8', 'm-no', { traits: { nl: true } });
  // Consent and the matching trait in the same event: enters once.
  await identify('k-9', 'm-yes', { traits: { nl: true }, context: { consent: { marketing: true } } });
  expect(await members()).toEqual(['m-yes']);

  await ok(t, SetConsentDocument, { userId: 'm-no', purpose: 'MARKETING', granted: true, source: 'double opt-in' });
  expect(await members()).toEqual(['m-no', 'm-yes']);
  await postV1('/v1/identify', { userId: 'm-yes', messageId: 'k-10', context: { consent: { categoryPreferences: { marketing: false } } } });
  expect(await members()).toEqual(['m-no']);

  const { rows } = await t.db.query(
    `select i.value, c.kind, c.cause from membership_changes c join identities i on i.profile_id = c.profile_id and i.kind = 'user_id'
      where c.segment_id = $1 order by c.id`,
    [segmentId],
  );
  // Consent is applied before segments re-evaluate, so the event's own consent decides (once).
  expect(rows).toEqual([
    { value: 'm-yes', kind: 'ENTERED', cause: 'CONSENT' },
    { value: 'm-no', kind: 'ENTERED', cause: 'CONSENT' },
    { value: 'm-yes', kind: 'EXITED', cause: 'CONSENT' },
  ]);
  // A full recompute agrees with the real-time result.
  const recomputed = await ok(t, RecomputeSegmentDocument, { segment: 'newsletter' });
  expect(recomputed.recomputeSegment).toEqual({ entered: 0, exited: 0, size: 1 });
});

test('a segment built on a MARKETING segment holds only its consenting members too, in real time and in recompute', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'promo-list', name: 'P', purpose: 'MARKETING', definition: { trait: { path: 'promo', op: 'eq', value: true } } } });
  const derived = await ok(t, CreateSegmentDocument, { input: { key: 'promo-vip', name: 'V', definition: { all: [{ segment: { key: 'promo-list' } }, { trait: { path: 'vip', op: 'eq', value: true } }] } } });
  const members = async () => {
    const { rows } = await t.db.query(
      `select i.value from memberships m join identities i on i.profile_id = m.profile_id and i.kind = 'user_id' where m.segment_id = $1 order by 1`,
      [derived.createSegment.id],
    );
    return rows.map((r) => r.value);
  };
  await identify('pv-1', 'vip-no-consent', { traits: { promo: true, vip: true } });
  await identify('pv-2', 'vip-consent', { traits: { promo: true, vip: true }, context: { consent: { marketing: true } } });
  expect(await members()).toEqual(['vip-consent']);

  await ok(t, SetConsentDocument, { userId: 'vip-no-consent', purpose: 'MARKETING', granted: true, source: 'double opt-in' });
  expect(await members()).toEqual(['vip-consent', 'vip-no-consent']);
  await ok(t, SetConsentDocument, { userId: 'vip-consent', purpose: 'MARKETING', granted: false, source: 'unsubscribe link' });
  expect(await members()).toEqual(['vip-no-consent']);

  const recomputed = await ok(t, RecomputeSegmentDocument, { segment: 'promo-vip' });
  expect(recomputed.recomputeSegment).toEqual({ entered: 0, exited: 0, size: 1 });
});

test('consent follows a merge to the surviving profile', async () => {
  await ingest(t, [{ type: 'TRACK', messageId: 'k-11', anonymousId: 'visitor-1', event: 'Page', context: { consent: { marketing: true } } }]);
  await identify('k-12', 'merged-user');
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'k-13', userId: 'merged-user', anonymousId: 'visitor-1' }]);
  const view = await consentsOf('merged-user');
  expect(view.consents.find((c) => c.purpose === 'MARKETING')).toMatchObject({ granted: true, source: 'event k-11' });
  expect(view.consentHistory).toEqual([{ purpose: 'MARKETING', granted: true, source: 'event k-11' }]);
});

test('bad input and scopes', async () => {
  const unknown = await t.gql(SetConsentDocument, { userId: 'never-seen', purpose: 'MARKETING', granted: true, source: 'x' });
  expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
  const none = await t.gql(SetConsentDocument, { purpose: 'MARKETING', granted: true, source: 'x' });
  expect(none.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'userId' });
  const badId = await t.gql(SetConsentDocument, { profileId: 'not-a-uuid', purpose: 'MARKETING', granted: true, source: 'x' });
  expect(badId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'profileId' });
  const noSource = await t.gql(SetConsentDocument, { userId: 'fresh', purpose: 'MARKETING', granted: true, source: '  ' });
  expect(noSource.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'source' });
  const reader = await t.keyWith('read', 'personalize');
  const forbidden = await t.gql(SetConsentDocument, { userId: 'fresh', purpose: 'MARKETING', granted: true, source: 'x' }, reader);
  expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
});

test('consents of many profiles load in one statement', async () => {
  let statements = 0;
  const stop = t.db.onQuery((sql) => {
    if (/consent/.test(sql)) statements++;
  });
  const res = await ok(t, `{ profiles(first: 20) { edges { node { consents { granted } consentHistory { granted } } } } }`);
  stop();
  expect(res.profiles.edges.length).toBeGreaterThan(5);
  expect(statements).toBe(2);
});
