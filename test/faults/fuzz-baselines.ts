/**
 * Valid arguments for each field the poison fuzz (test/faults/fuzz.test.ts) sends, over the
 * data `seedFuzzData` stores: a poison put into them is then the only thing wrong. `n` makes
 * keys and message ids unique per request. Fields missing here get no arguments but the
 * poisoned one.
 */
export interface FuzzSeed {
  profileId: string;
  webhookId: string;
}

const at = '2026-01-01T00:00:00Z';
const definition = { trait: { path: 'plan', op: 'eq', value: 'pro' } };
const identity = { kind: 'USER_ID', value: 'fz-user' };
const visitor = { userId: 'fz-user', anonymousId: 'fz-anon', context: { page: { path: '/' } } };

export function baselines(seed: FuzzSeed, n: number): Record<string, Record<string, unknown>> {
  const message = { messageId: `fz-m-${n}`, timestamp: new Date().toISOString(), context: { ip: '127.0.0.1' } };
  return {
    'Query.computedTrait': { trait: 'fz_trait' },
    'Query.contentItems': { first: 10, after: 'a', filter: { locale: 'en', tags: ['x'], includeArchived: false } },
    'Query.experiment': { key: 'fz-exp' },
    'Query.experimentResults': { key: 'fz-exp' },
    'Query.experimentVariant': { experiment: 'fz-exp', userId: 'fz-user', anonymousId: 'fz-anon' },
    'Query.exportProfile': { identity },
    'Query.personalize': { placement: 'fz-slot', ...visitor },
    'Query.personalizeMany': { placements: ['fz-slot'], ...visitor },
    'Query.placement': { key: 'fz-slot' },
    'Query.previewSegment': { definition, sampleSize: 5 },
    'Query.product': { id: 'fz-product' },
    'Query.profile': { id: seed.profileId },
    'Query.profileByIdentity': { kind: 'USER_ID', value: 'fz-user' },
    'Query.profiles': { first: 10, filter: { identity, lastSeenFrom: at, lastSeenTo: '2030-01-01T00:00:00Z', traits: [{ path: 'plan', value: 'pro' }] } },
    'Query.recommendations': { strategy: 'POPULAR', limit: 5, product: 'fz-product', excludePurchased: true, userId: 'fz-user', anonymousId: 'fz-anon' },
    'Query.segment': { key: 'fz-seg' },
    'Query.segmentOverlap': { segments: ['fz-seg'] },
    'Query.segmentStats': { segment: 'fz-seg', from: at, to: '2026-01-08T00:00:00Z', interval: 'DAY' },
    'Query.segmentsFor': { userId: 'fz-user', anonymousId: 'fz-anon' },
    'Query.experimentMetric': { key: 'fz-exp', metric: { event: 'Order Completed', property: 'revenue', windowDays: 7, preWindowDays: 7 } },
    'Query.segmentKeysFor': { userId: 'fz-user', anonymousId: 'fz-anon' },
    'Mutation.setExperimentHoldout': { share: 0.1 },
    'Mutation.startSegmentDiscovery': { k: 3, sample: 500, seed: 1 },
    'Query.segmentDiscovery': { id: '00000000-0000-0000-0000-000000000000' },
    'Mutation.saveDiscoveredSegment': { job: '00000000-0000-0000-0000-000000000000', cluster: 0, key: 'fz-discovered' },
    'Query.validateValueModel': { calibrationEnd: '2025-01-01T00:00:00Z', holdoutEnd: '2025-06-01T00:00:00Z' },
    'Query.experimentHoldoutResults': { metric: { kind: 'MEAN', event: 'Order Completed', property: 'revenue', windowDays: 7 } },
    'Query.userContext': { placements: ['fz-slot'], recommendations: { strategy: 'POPULAR', limit: 3, product: 'fz-product' }, ...visitor },
    'Query.webhookDeliveries': { webhook: seed.webhookId, first: 10, status: 'PENDING' },
    'Profile.events': { first: 5, name: 'Page' },
    'Segment.members': { first: 5 },
    'Mutation.alias': { input: { userId: 'fz-user', previousId: `fz-anon-${n}`, messageId: `fz-m-${n}`, timestamp: message.timestamp } },
    'Mutation.archiveContentItem': { key: 'fz-missing' },
    'Mutation.createApiKey': { name: `fz-key-${n}`, scopes: ['read'] },
    'Mutation.createComputedTrait': { input: { key: `fz_t_${n}`, name: 'T', description: 'D', definition: { event: 'Page', aggregate: 'count' } } },
    'Mutation.createContentItem': {
      input: { key: `fz-c-${n}`, type: 'banner', title: 'T', locale: 'en', tags: ['a'], payload: { text: 'hi' }, activeFrom: at, activeUntil: '2030-01-01T00:00:00Z' },
    },
    'Mutation.createExperiment': {
      input: { key: `fz-e-${n}`, name: 'E', description: 'D', goalEvent: 'Order Completed', targetingSegment: 'fz-seg', variants: [{ key: 'a', weight: 1, control: true }, { key: 'b', weight: 1 }] },
    },
    'Mutation.createPlacement': { input: { key: `fz-p-${n}`, description: 'D', defaultContent: 'fz-content', rules: [{ segment: 'fz-seg', content: 'fz-content', enabled: true }] } },
    'Mutation.createSegment': { input: { key: `fz-s-${n}`, name: 'S', description: 'D', definition, purpose: 'GENERAL' } },
    'Mutation.createWebhook': { url: 'https://example.com/hook', kinds: ['BIRTHDAY'], secret: 'fz-secret-0123456789abcdef' },
    'Mutation.deleteComputedTrait': { trait: 'fz-missing' },
    'Mutation.deleteSegment': { segment: 'fz-missing' },
    'Mutation.deleteWebhook': { id: '00000000-0000-4000-8000-000000000000' },
    'Mutation.eraseProfile': { identity: { kind: 'USER_ID', value: 'fz-nobody' }, suppress: false },
    'Mutation.identify': { input: { userId: 'fz-user', anonymousId: 'fz-anon', traits: { plan: 'pro' }, identities: [{ kind: 'EMAIL', value: 'fz@example.com' }], ...message } },
    'Mutation.ingest': { events: [{ type: 'TRACK', userId: 'fz-user', event: 'Page', properties: { a: 1 }, ...message }] },
    'Mutation.page': { input: { userId: 'fz-user', name: 'Home', properties: { path: '/' }, ...message } },
    'Mutation.recomputeSegment': { segment: 'fz-seg' },
    'Mutation.revokeApiKey': { id: '00000000-0000-4000-8000-000000000000' },
    'Mutation.runScoring': { asOf: at, lifecycle: { newDays: 30, activeDays: 90, churnDays: 180 } },
    'Mutation.setConsent': { userId: 'fz-user', purpose: 'ANALYTICS', granted: true, source: 'fz' },
    'Mutation.startExperiment': { key: 'fz-missing' },
    'Mutation.stopExperiment': { key: 'fz-missing' },
    'Mutation.track': { input: { userId: 'fz-user', event: 'Clicked', properties: { a: 1 }, ...message } },
    'Mutation.unsuppressIdentities': { identities: [{ kind: 'EMAIL', value: 'fz-nobody@example.com' }] },
    'Mutation.updateComputedTrait': { trait: 'fz_trait', input: { name: 'T2', description: 'D2', definition: { event: 'Page', aggregate: 'count' } } },
    'Mutation.updateContentItem': { key: 'fz-content', input: { title: 'T2', tags: ['b'], payload: { text: 'yo' } } },
    'Mutation.updateExperiment': { key: 'fz-exp', input: { name: 'E2', variants: [{ key: 'a', weight: 2 }, { key: 'b', weight: 1 }] } },
    'Mutation.updatePlacement': { key: 'fz-slot', input: { description: 'D2', rules: [{ segment: 'fz-seg', content: 'fz-content' }] } },
    'Mutation.updateSegment': { segment: 'fz-seg', input: { name: 'S2', description: 'D2', definition } },
    'Mutation.upsertProducts': { products: [{ id: 'fz-product', name: 'P', category: 'c', price: 9.99, url: 'https://example.com/p', attributes: { color: 'red' }, active: true }] },
    'Subscription.churnRiskAlert': { threshold: 0.5, minRevenue: 0 },
    'Subscription.computedTraitChanged': { trait: 'fz_trait' },
    'Subscription.profileSegmentsChanged': { profile: seed.profileId },
    'Subscription.segmentMembershipChanged': { segment: 'fz-seg' },
    'Subscription.triggerFired': { kinds: ['BIRTHDAY'] },
  };
}

/** The operations that store what the baselines refer to. */
export const SEED_OPERATIONS = [
  `mutation { ingest(events: [{ type: IDENTIFY, userId: "fz-user", anonymousId: "fz-anon", traits: { plan: "pro" } }]) { profileIds } }`,
  `mutation { createSegment(input: { key: "fz-seg", name: "Fuzz", definition: { trait: { path: "plan", op: "eq", value: "pro" } } }) { id } }`,
  `mutation { createContentItem(input: { key: "fz-content", type: "banner", payload: { text: "hi" } }) { id } }`,
  `mutation { createPlacement(input: { key: "fz-slot", defaultContent: "fz-content", rules: [{ segment: "fz-seg", content: "fz-content" }] }) { id } }`,
  `mutation { createExperiment(input: { key: "fz-exp", name: "E", goalEvent: "Order Completed", variants: [{ key: "a" }, { key: "b" }] }) { id } }`,
  `mutation { upsertProducts(products: [{ id: "fz-product", name: "P", price: 5 }]) { id } }`,
  `mutation { createWebhook(url: "https://example.com/hook", kinds: [BIRTHDAY]) { webhook { id } } }`,
  `mutation { createComputedTrait(input: { key: "fz_trait", name: "Fuzz", definition: { event: "Page", aggregate: "count" } }) { id } }`,
];
