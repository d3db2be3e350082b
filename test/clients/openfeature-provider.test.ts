import { OpenFeature, type Client } from '@openfeature/server-sdk';
import { SegmentaryProvider } from '../../clients/openfeature-provider/src';
import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest } from '../support/operations';
import { CreateExperimentDocument, CreatePlacementDocument, CreateSegmentDocument, StartExperimentDocument } from '../generated/graphql';

/**
 * The OpenFeature provider (clients/openfeature-provider, issue 16 §3) in the real
 * @openfeature/server-sdk, against this server over HTTP: experiments and placements as flags,
 * with variant, reason and errors as OpenFeature reports them.
 */
let t: TestApp;
let client: Client;
beforeAll(async () => {
  t = await startTestApp();
  const apiKey = await t.keyWith('read');
  await OpenFeature.setProviderAndWait(new SegmentaryProvider({
    url: t.graphqlUrl,
    apiKey,
    flags: { 'home-hero': { placement: 'of-hero' }, 'checkout-button': { experiment: 'of-checkout' } },
  }));
  client = OpenFeature.getClient();
});
afterAll(async () => {
  await OpenFeature.close();
  await t.close();
});

const VARIANT = `query($e: String!, $a: String) { experimentVariant(experiment: $e, anonymousId: $a) { variant } }`;

test('an experiment flag is the visitor\'s variant, a first visit included', async () => {
  await ok(t, CreateExperimentDocument, { input: { key: 'of-checkout', name: 'Checkout', goalEvent: 'Order Completed', variants: [{ key: 'control' }, { key: 'green' }] } });
  await ok(t, StartExperimentDocument, { key: 'of-checkout' });
  const seen = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const anonymousId = `of-anon-${i}`;
    const details = await client.getStringDetails('checkout-button', 'fallback', { targetingKey: anonymousId });
    const served = (await ok(t, VARIANT, { e: 'of-checkout', a: anonymousId })).experimentVariant.variant;
    expect(details).toMatchObject({ value: served, variant: served, reason: 'SPLIT', flagMetadata: { reason: 'experiment' } });
    expect(details.errorCode).toBeUndefined();
    seen.add(details.value);
  }
  expect(seen).toEqual(new Set(['control', 'green']));
});

test('a placement flag is its decision: the content key or payload, with the reason mapped', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'of-vip', name: 'VIP', definition: { trait: { path: 'vip', op: 'eq', value: true } } } });
  await createContent(t, 'of-vip-hero', { payload: { text: 'Welcome back' } });
  await createContent(t, 'of-default-hero', { payload: { text: 'Hello' } });
  await ok(t, CreatePlacementDocument, { input: { key: 'of-hero', defaultContent: 'of-default-hero', rules: [{ segment: 'of-vip', content: 'of-vip-hero' }] } });
  await ingest(t, [
    { type: 'IDENTIFY', messageId: 'of-1', anonymousId: 'of-vip-visitor', traits: { vip: true } },
    { type: 'IDENTIFY', messageId: 'of-2', anonymousId: 'of-plain-visitor', traits: { vip: false } },
  ]);
  expect(await client.getStringDetails('home-hero', 'none', { targetingKey: 'of-vip-visitor' }))
    .toMatchObject({ value: 'of-vip-hero', variant: 'of-vip-hero', reason: 'TARGETING_MATCH', flagMetadata: { reason: 'segment' } });
  expect(await client.getObjectDetails('home-hero', {}, { targetingKey: 'of-vip-visitor' })).toMatchObject({ value: { text: 'Welcome back' } });
  expect(await client.getStringDetails('home-hero', 'none', { targetingKey: 'of-plain-visitor' }))
    .toMatchObject({ value: 'of-default-hero', reason: 'DEFAULT', flagMetadata: { reason: 'default' } });
});

test('errors as OpenFeature reports them: unknown flag, no targeting key, wrong type; the default is returned', async () => {
  expect(await client.getStringDetails('no-such-experiment', 'fallback', { targetingKey: 'x' })).toMatchObject({ value: 'fallback', reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
  expect(await client.getStringDetails('checkout-button', 'fallback', {})).toMatchObject({ value: 'fallback', reason: 'ERROR', errorCode: 'TARGETING_KEY_MISSING' });
  expect(await client.getNumberDetails('checkout-button', 7, { targetingKey: 'x' })).toMatchObject({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
});
