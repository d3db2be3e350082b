import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest, personalize } from '../support/operations';
import { CreateContentItemDocument, CreatePlacementDocument, ProfileConsentsDocument } from '../generated/graphql';

/** CONSENT_DEFAULT_PERSONALIZATION=false makes personalization opt-in. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ CONSENT_DEFAULT_PERSONALIZATION: 'false' });
});
afterAll(() => t?.close());

test('with the default off, only profiles that opted in are personalized', async () => {
  await ok(t, CreateContentItemDocument, { input: { key: 'special', type: 'banner' } });
  await ok(t, CreateContentItemDocument, { input: { key: 'plain', type: 'banner' } });
  await ok(t, CreatePlacementDocument, { input: { key: 'slot', defaultContent: 'plain', rules: [{ content: 'special' }] } });
  await ingest(t, [
    { type: 'IDENTIFY', messageId: 'o-1', userId: 'silent' },
    { type: 'IDENTIFY', messageId: 'o-2', userId: 'opted-in', context: { consent: { personalization: true } } },
  ]);
  const decide = async (userId: string) => {
    const { reason, content } = await personalize(t, 'slot', { userId });
    return { reason, content };
  };
  expect(await decide('silent')).toEqual({ reason: 'no personalization consent', content: { key: 'plain' } });
  expect(await decide('opted-in')).toEqual({ reason: 'everyone', content: { key: 'special' } });
  const { consents } = (await ok(t, ProfileConsentsDocument, { userId: 'silent' })).profileByIdentity!;
  expect(consents.map(({ purpose, granted, isDefault }) => ({ purpose, granted, isDefault }))).toContainEqual({ purpose: 'PERSONALIZATION', granted: false, isDefault: true });
});
