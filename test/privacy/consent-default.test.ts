import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';

/** CONSENT_DEFAULT_PERSONALIZATION=false makes personalization opt-in. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONSENT_DEFAULT_PERSONALIZATION: 'false' });
});
afterAll(() => t?.close());

test('with the default off, only profiles that opted in are personalized', async () => {
  await ok(t, `mutation { createContentItem(input: { key: "special", type: "banner" }) { key } }`);
  await ok(t, `mutation { createContentItem(input: { key: "plain", type: "banner" }) { key } }`);
  await ok(t, `mutation { createPlacement(input: { key: "slot", defaultContent: "plain", rules: [{ content: "special" }] }) { key } }`);
  await ok(t, `mutation($e: [EventInput!]!) { ingest(events: $e) { accepted } }`, {
    e: [
      { type: 'IDENTIFY', messageId: 'o-1', userId: 'silent' },
      { type: 'IDENTIFY', messageId: 'o-2', userId: 'opted-in', context: { consent: { personalization: true } } },
    ],
  });
  const decide = async (userId: string) => (await ok(t, `query($u: String) { personalize(placement: "slot", userId: $u) { reason content { key } } }`, { u: userId })).personalize;
  expect(await decide('silent')).toEqual({ reason: 'no personalization consent', content: { key: 'plain' } });
  expect(await decide('opted-in')).toEqual({ reason: 'everyone', content: { key: 'special' } });
  const consents = await ok(t, `{ profileByIdentity(kind: USER_ID, value: "silent") { consents { purpose granted isDefault } } }`);
  expect(consents.profileByIdentity.consents).toContainEqual({ purpose: 'PERSONALIZATION', granted: false, isDefault: true });
});
