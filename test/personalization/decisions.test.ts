import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { createContent, ingest, personalize, type DecisionView, type Visitor } from '../support/operations';
import { countStatements } from '../support/statements';
import {
  ArchiveContentItemDocument, CreateExperimentDocument, FrontendDecisionDocument, FrontendUserContextDocument, CreatePlacementDocument, CreateSegmentDocument, PersonalizeDocument, SetConsentDocument,
  StartExperimentDocument, UserContextDocument,
} from '../generated/graphql';

/** Decisions: rule order, segment and inline-condition targeting, content windows, experiments, consent, cost. */

let t: TestApp;
let backendKey: string;
let frontendKey: string;
const past = new Date(Date.now() - 86400_000).toISOString();
const future = new Date(Date.now() + 86400_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  backendKey = await t.keyWith('read');
  frontendKey = await t.keyWith('personalize');
  await ok(t, CreateSegmentDocument, { input: { key: 'vip', name: 'VIP', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
  for (const key of ['hero-vip', 'hero-young', 'hero-buyer', 'hero-default']) await createContent(t, key);
  await createContent(t, 'hero-expired', { activeUntil: past });
  await createContent(t, 'hero-later', { activeFrom: future });
  await ok(t, CreatePlacementDocument, {
    input: {
      key: 'home-hero',
      defaultContent: 'hero-default',
      rules: [
        { segment: 'vip', content: 'hero-expired' },
        { segment: 'vip', content: 'hero-later' },
        { segment: 'vip', content: 'hero-vip' },
        { condition: { trait: { path: 'age', op: 'lt', value: 30 } }, content: 'hero-young' },
        { segment: 'buyers', content: 'hero-buyer', enabled: false },
        { segment: 'buyers', content: 'hero-buyer' },
      ],
    },
  });
  await ingest(t, [
    { type: 'IDENTIFY', messageId: 'd-1', userId: 'gold', traits: { tier: 'gold', age: 50 } },
    { type: 'IDENTIFY', messageId: 'd-2', userId: 'young', anonymousId: 'anon-young', traits: { tier: 'silver', age: 20 } },
    { type: 'IDENTIFY', messageId: 'd-3', userId: 'gold-young', traits: { tier: 'gold', age: 20 } },
    { type: 'TRACK', messageId: 'd-4', userId: 'buyer', event: 'Order Completed', properties: { revenue: 10 } },
    { type: 'IDENTIFY', messageId: 'd-5', userId: 'plain', traits: { age: 40 } },
  ]);
});
afterAll(() => t?.close());

const decide = (who: Visitor, placement = 'home-hero') => personalize(t, placement, who, backendKey);

test('the first enabled rule that matches with active content decides, and the answer says why', async () => {
  expect(await decide({ userId: 'gold' })).toEqual<DecisionView>({
    placement: 'home-hero', reason: 'segment', experiment: null, variant: null, content: { key: 'hero-vip' }, rule: { position: 2 }, segment: { key: 'vip' },
  });
  // In both vip and the young condition: the earlier rule wins.
  expect(await decide({ userId: 'gold-young' })).toMatchObject({ content: { key: 'hero-vip' }, rule: { position: 2 } });
  // A disabled rule is skipped: the buyer is decided by the enabled copy after it.
  expect(await decide({ userId: 'buyer' })).toMatchObject({ reason: 'segment', content: { key: 'hero-buyer' }, rule: { position: 5 } });
});

test('an inline condition is evaluated for the user with the segment compiler, by user id or anonymous id', async () => {
  const byUser = await decide({ userId: 'young' });
  expect(byUser).toMatchObject({ reason: 'condition', content: { key: 'hero-young' }, rule: { position: 3 }, segment: null });
  expect(await decide({ anonymousId: 'anon-young' })).toEqual(byUser);
  // userId first: an unknown userId falls back to the anonymous id.
  expect(await decide({ userId: 'not-yet-known', anonymousId: 'anon-young' })).toEqual(byUser);
});

test('no match gives the default; an unknown user gets the default too; an unknown placement is NOT_FOUND', async () => {
  expect(await decide({ userId: 'plain' })).toMatchObject({ reason: 'default', content: { key: 'hero-default' }, rule: null, segment: null });
  expect(await decide({ userId: 'nobody' })).toMatchObject({ reason: 'unknown user', content: { key: 'hero-default' }, rule: null });
  expect(await decide({})).toMatchObject({ reason: 'unknown user', content: { key: 'hero-default' } });
  const res = await t.gql(PersonalizeDocument, { placement: 'nope', userId: 'gold' }, backendKey);
  expect(res.errors![0].extensions!.code).toBe('NOT_FOUND');
});

test('archived content is skipped at once', async () => {
  await createContent(t, 'hero-vip-old');
  await ok(t, CreatePlacementDocument, { input: { key: 'archive-slot', rules: [{ segment: 'vip', content: 'hero-vip-old' }, { segment: 'vip', content: 'hero-vip' }] } });
  expect((await decide({ userId: 'gold' }, 'archive-slot')).content).toEqual({ key: 'hero-vip-old' });
  await ok(t, ArchiveContentItemDocument, { key: 'hero-vip-old' });
  expect(await decide({ userId: 'gold' }, 'archive-slot')).toMatchObject({ content: { key: 'hero-vip' }, rule: { position: 1 } });
  // No default and nothing active: a decision without content.
  expect(await decide({ userId: 'plain' }, 'archive-slot')).toMatchObject({ reason: 'default', content: null });
});

test("an experiment rule shows the content of the user's variant and logs one exposure", async () => {
  await createContent(t, 'exp-a');
  await createContent(t, 'exp-b');
  await ok(t, CreateExperimentDocument, { input: { key: 'hero-test', name: 'Hero', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }], hashingUnit: 'USER_ID' } });
  await ok(t, StartExperimentDocument, { key: 'hero-test' });
  await ok(t, CreatePlacementDocument, {
    input: { key: 'exp-slot', defaultContent: 'hero-default', rules: [{ experiment: 'hero-test', variantContent: { a: 'exp-a', b: 'exp-b' } }] },
  });
  const first = await decide({ userId: 'plain' }, 'exp-slot');
  expect(first).toMatchObject({ reason: 'experiment', experiment: 'hero-test', content: { key: `exp-${first.variant}` } });
  expect(await decide({ userId: 'plain' }, 'exp-slot')).toEqual(first);
  const { rows } = await t.db.query(
    `select x.variant from exposures x join experiments e on e.id = x.experiment_id join identities i on i.profile_id = x.profile_id
      where e.key = 'hero-test' and i.kind = 'user_id' and i.value = 'plain'`,
  );
  expect(rows).toEqual([{ variant: first.variant }]);
  // A first visit gets its variant from the hash alone: the same answer every time, and nothing written.
  const before = (await t.db.query(`select count(*)::int as n from exposures`)).rows[0].n;
  const firstVisit = await decide({ userId: 'nobody' }, 'exp-slot');
  expect(firstVisit).toMatchObject({ reason: 'experiment', experiment: 'hero-test', content: { key: `exp-${firstVisit.variant}` } });
  expect(await decide({ userId: 'nobody' }, 'exp-slot')).toEqual(firstVisit);
  expect((await t.db.query(`select count(*)::int as n from exposures`)).rows[0].n).toBe(before);
  expect((await t.db.query(`select 1 from identities where value = 'nobody'`)).rowCount).toBe(0);
  // Content rules stay for known users: an unknown visitor of home-hero still gets the default.
  expect(await decide({ userId: 'nobody' })).toMatchObject({ reason: 'unknown user', content: { key: 'hero-default' } });
});

test('a first visit reaches an experiment rule only through the experiment: its segment targeting excludes it', async () => {
  await ok(t, CreateExperimentDocument, {
    input: { key: 'vip-test', name: 'VIP', goalEvent: 'Order Completed', variants: [{ key: 'a' }, { key: 'b' }], targetingSegment: 'vip' },
  });
  await ok(t, StartExperimentDocument, { key: 'vip-test' });
  await ok(t, CreatePlacementDocument, {
    input: { key: 'vip-exp-slot', defaultContent: 'hero-default', rules: [{ experiment: 'vip-test', variantContent: { a: 'exp-a', b: 'exp-b' } }] },
  });
  expect(await decide({ anonymousId: 'first-time-visitor' }, 'vip-exp-slot')).toMatchObject({ reason: 'unknown user', experiment: null, content: { key: 'hero-default' } });
});

test('without personalization consent the default is shown, and the request context can withdraw it too', async () => {
  await ok(t, SetConsentDocument, { userId: 'gold-young', purpose: 'PERSONALIZATION', granted: false, source: 'cookie-banner' });
  expect(await decide({ userId: 'gold-young' })).toMatchObject({ reason: 'no personalization consent', content: { key: 'hero-default' }, rule: null, segment: null });
  expect(await decide({ userId: 'gold', context: { consent: { categoryPreferences: { Personalization: false } } } })).toMatchObject({
    reason: 'no personalization consent',
  });
  // A context cannot grant what the profile refused.
  expect(await decide({ userId: 'gold-young', context: { consent: { personalization: true } } })).toMatchObject({ reason: 'no personalization consent' });
});

test('personalizeMany answers several placements in order', async () => {
  const res = await ok(t, `{ personalizeMany(placements: ["exp-slot", "home-hero", "home-hero"], userId: "gold") { placement reason content { key } } }`, {}, backendKey);
  expect(res.personalizeMany.map((d: DecisionView) => d.placement)).toEqual(['exp-slot', 'home-hero', 'home-hero']);
  expect(res.personalizeMany[1]).toMatchObject({ reason: 'segment', content: { key: 'hero-vip' } });
});

test('a decision costs one SQL statement, whatever the number of placements', async () => {
  const service = t.app.services.personalization;
  await service.decideMany(['home-hero', 'archive-slot'], { userId: 'young' }); // warm the cache
  const count = (work: () => Promise<unknown>) => countStatements(t, work);
  expect(await count(() => service.decide('home-hero', { userId: 'young' }))).toBe(1);
  expect(await count(() => service.decideMany(['home-hero', 'archive-slot'], { userId: 'young', anonymousId: 'anon-young' }))).toBe(1);
  expect(await count(() => service.decide('home-hero', { userId: 'nobody' }))).toBe(1);
  expect(await count(() => service.decide('home-hero', {}))).toBe(0);
  expect(await count(() => ok(t, FrontendDecisionDocument, { placement: 'home-hero', anonymousId: 'anon-young' }, frontendKey))).toBeLessThanOrEqual(1);
});

test('userContext gives segments and decisions in one call, and respects consent', async () => {
  const placements = ['home-hero', 'archive-slot'];
  const gold = (await ok(t, UserContextDocument, { userId: 'gold', placements }, backendKey)).userContext;
  expect(gold).toMatchObject({ known: true, segments: ['vip'] });
  expect(gold.decisions.map((d) => [d.placement, d.content?.key])).toEqual([['home-hero', 'hero-vip'], ['archive-slot', 'hero-vip']]);
  const refused = (await ok(t, UserContextDocument, { userId: 'gold-young', placements }, backendKey)).userContext;
  expect(refused).toMatchObject({ known: true, segments: [], decisions: [{ reason: 'no personalization consent' }, { reason: 'no personalization consent' }] });
  const stranger = (await ok(t, FrontendUserContextDocument, { anonymousId: 'someone-new', placements }, frontendKey)).userContext;
  expect(stranger).toMatchObject({ known: false, segments: [], decisions: [{ reason: 'unknown user' }, { reason: 'unknown user' }] });

  expect(await countStatements(t, () => t.app.services.personalization.userContext({ userId: 'gold', placements: ['home-hero', 'archive-slot'] }))).toBe(1);
});

test('a frontend key decides for an anonymous id, but names a user only with a signed token; other keys are refused', async () => {
  expect((await ok(t, FrontendDecisionDocument, { placement: 'home-hero', anonymousId: 'anon-young' }, frontendKey)).personalize).toMatchObject({ reason: 'condition' });
  const asUser = await t.gql(FrontendDecisionDocument, { placement: 'home-hero', userId: 'gold' }, frontendKey);
  expect(asUser.errors![0].extensions!.code).toBe('FORBIDDEN');
  const many = await t.gql(`{ personalizeMany(placements: ["home-hero"], userId: "gold") { reason } }`, {}, frontendKey);
  expect(many.errors![0].extensions!.code).toBe('FORBIDDEN');
  const ingestKey = await t.keyWith('ingest');
  const res = await t.gql(PersonalizeDocument, { placement: 'home-hero', anonymousId: 'anon-young' }, ingestKey);
  expect(res.errors![0].extensions!.code).toBe('FORBIDDEN');
});
