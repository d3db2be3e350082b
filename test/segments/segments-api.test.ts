import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';
import { ingest } from '../support/operations';
import { CreateExperimentDocument, CreateSegmentDocument, SegmentSizeDocument, UpdateSegmentDocument } from '../generated/graphql';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const daysAgo = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();

test('a segment follows events in real time and logs every entry and exit with its cause', async () => {
  const buyers = await ok(t, CreateSegmentDocument, {
    input: { key: 'recent-buyers', name: 'Bought in the last 30 days', definition: { event: { name: 'Order Completed', within: { lastDays: 30 }, op: 'gte', value: 1 } } },
  });
  expect(buyers.createSegment).toMatchObject({ version: 1, timeSensitive: true, size: 0 });

  const r = await ingest(t, [
    { type: 'TRACK', messageId: 'rb-1', userId: 'rb-u1', event: 'Order Completed', properties: { revenue: 20 }, timestamp: daysAgo(2) },
    { type: 'TRACK', messageId: 'rb-2', userId: 'rb-u2', event: 'Order Completed', properties: { revenue: 20 }, timestamp: daysAgo(60) },
    { type: 'TRACK', messageId: 'rb-3', userId: 'rb-u3', event: 'Product Viewed', timestamp: daysAgo(1) },
  ]);
  const sized = await ok(t, `{ segment(key: "recent-buyers") { size members(first: 10) { edges { node { profile { id } } } } } }`);
  expect(sized.segment.size).toBe(1);
  expect(sized.segment.members.edges[0].node.profile.id).toBe(r.profileIds[0]);

  const { rows } = await t.db.query(`select kind, cause, segment_version from membership_changes where segment_id = $1`, [buyers.createSegment.id]);
  expect(rows).toEqual([{ kind: 'ENTERED', cause: 'EVENT', segment_version: 1 }]);

  const updated = await ok(t, UpdateSegmentDocument, { segment: 'recent-buyers', input: { definition: { event: { name: 'Order Completed', within: { lastDays: 90 }, op: 'gte', value: 1 } } } });
  expect(updated.updateSegment).toMatchObject({ version: 2, size: 2 });
  const after = await t.db.query(`select kind, cause, segment_version from membership_changes where segment_id = $1 order by id`, [buyers.createSegment.id]);
  expect(after.rows.at(-1)).toEqual({ kind: 'ENTERED', cause: 'DEFINITION', segment_version: 2 });
});

test('Profile.segments and segmentsFor list memberships with entry time', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'vip', name: 'VIP', definition: { trait: { path: 'tier', op: 'eq', value: 'gold' } } } });
  await ingest(t, [{ type: 'IDENTIFY', messageId: 'vip-1', userId: 'vip-u', anonymousId: 'vip-anon', traits: { tier: 'gold' } }]);
  const res = await ok(t, `{ segmentsFor(anonymousId: "vip-anon") { segment { key } enteredAt } profileByIdentity(kind: USER_ID, value: "vip-u") { segments { segment { key } } } }`);
  expect(res.segmentsFor.map((s: { segment: { key: string } }) => s.segment.key)).toEqual(['vip']);
  expect(res.profileByIdentity.segments.map((s: { segment: { key: string } }) => s.segment.key)).toEqual(['vip']);
  const unknown = await ok(t, `{ segmentsFor(userId: "nobody") { segment { key } } }`);
  expect(unknown.segmentsFor).toEqual([]);

  await ingest(t, [{ type: 'IDENTIFY', messageId: 'vip-2', userId: 'vip-u', traits: { tier: 'silver' } }]);
  const gone = await ok(t, `{ segmentsFor(userId: "vip-u") { segment { key } } }`);
  expect(gone.segmentsFor).toEqual([]);
});

test('segment references inline the other definition and cycles are rejected', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'seg-a', name: 'A', definition: { trait: { path: 'x', op: 'eq', value: 1 } } } });
  await ok(t, CreateSegmentDocument, { input: { key: 'seg-b', name: 'B', definition: { all: [{ segment: { key: 'seg-a' } }, { trait: { path: 'y', op: 'eq', value: 2 } }] } } });
  const cycle = await t.gql(UpdateSegmentDocument, { segment: 'seg-a', input: { definition: { not: { segment: { key: 'seg-b' } } } } });
  expect(cycle.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(cycle.errors![0].message).toMatch(/cycle/);
  const self = await t.gql(CreateSegmentDocument, { input: { key: 'seg-self', name: 'S', definition: { segment: { key: 'seg-self' } } } });
  expect(self.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  const dangling = await t.gql(CreateSegmentDocument, { input: { key: 'seg-c', name: 'C', definition: { segment: { key: 'nope' } } } });
  expect(dangling.errors![0].message).toMatch(/unknown segment/);

  await ingest(t, [{ type: 'IDENTIFY', messageId: 'ab-1', userId: 'ab-u', traits: { x: 1, y: 2 } }]);
  expect((await ok(t, SegmentSizeDocument, { key: 'seg-b' })).segment!.size).toBe(1);
  // Changing A changes B's membership too.
  await ok(t, UpdateSegmentDocument, { segment: 'seg-a', input: { definition: { trait: { path: 'x', op: 'eq', value: 5 } } } });
  expect((await ok(t, SegmentSizeDocument, { key: 'seg-b' })).segment!.size).toBe(0);
  const del = await t.gql(`mutation { deleteSegment(segment: "seg-a") { key } }`);
  expect(del.errors![0].extensions!.code).toBe('CONFLICT');
});

test.each([
  [{ all: [{ trait: { path: 'a', op: 'eq', value: 1 } }, { event: { name: 'X', within: { lastDays: -3 }, op: 'gte', value: 1 } }] }, 'definition.all[1].event.within.lastDays'],
  [{ any: [] }, 'definition.any'],
  [{ trait: { path: 'a', op: 'eq', value: 1 }, stat: { name: 'orders', op: 'gt', value: 1 } }, 'definition'],
  [{ bogus: {} }, 'definition'],
  [{ stat: { name: 'not_a_stat', op: 'gt', value: 1 } }, 'definition.stat.name'],
])('invalid definition %j is rejected naming %s, and nothing is saved', async (definition, path) => {
  const before = await t.db.query(`select count(*)::int n from segments`);
  const res = await t.gql(CreateSegmentDocument, { input: { key: 'bad', name: 'Bad', definition } });
  expect(res.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  expect(res.errors![0].message).toContain(path);
  const after = await t.db.query(`select count(*)::int n from segments`);
  expect(after.rows[0].n).toBe(before.rows[0].n);
});

test('previewSegment gives size and sample without saving', async () => {
  await ingest(t, [1, 2, 3].map((i) => ({ type: 'IDENTIFY', messageId: `pv-${i}`, userId: `pv-${i}`, traits: { age: 20 + i * 10 } })));
  const res = await ok(t, `query($d: JSONObject!) { previewSegment(definition: $d, sampleSize: 1) { size sample { id } timeSensitive } }`, {
    d: { trait: { path: 'age', op: 'gte', value: 40 } },
  });
  expect(res.previewSegment).toMatchObject({ size: 2, timeSensitive: false });
  expect(res.previewSegment.sample).toHaveLength(1);
  const count = await t.db.query(`select count(*)::int n from segments where key like 'preview%'`);
  expect(count.rows[0].n).toBe(0);
});

test('listing segments with sizes costs the same statements for 2 or 20 segments', async () => {
  for (let i = 0; i < 20; i++) await ok(t, CreateSegmentDocument, { input: { key: `many-${i}`, name: `M${i}`, definition: { trait: { path: 'n', op: 'eq', value: i } } } });
  let statements = 0;
  const stop = t.db.onQuery(() => statements++);
  const res = await ok(t, `{ segments { key size } }`);
  stop();
  expect(res.segments.length).toBeGreaterThanOrEqual(20);
  expect(statements).toBeLessThanOrEqual(2);
});

test('segment mutations need admin, reads need read', async () => {
  const reader = await t.keyWith('read');
  const create = await t.gql(CreateSegmentDocument, { input: { key: 'x-forbidden', name: 'X', definition: { trait: { path: 'a', op: 'exists' } } } }, reader);
  expect(create.errors![0].extensions!.code).toBe('FORBIDDEN');
  const ingestKey = await t.keyWith('ingest');
  const list = await t.gql(`{ segments { key } }`, {}, ingestKey);
  expect(list.errors![0].extensions!.code).toBe('FORBIDDEN');
});

test('a segment an experiment targets cannot be deleted: CONFLICT, not an internal error', async () => {
  await t.gql(CreateSegmentDocument, { input: { key: 'targeted', name: 'T', definition: { trait: { path: 't', op: 'exists' } } } });
  const exp = await t.gql(CreateExperimentDocument, {
    input: { key: 'exp-t', name: 'E', goalEvent: 'Order Completed', targetingSegment: 'targeted', variants: [{ key: 'control', weight: 1 }, { key: 'b', weight: 1 }] },
  });
  expect(exp.errors).toBeUndefined();
  const del = await t.gql(`mutation { deleteSegment(segment: "targeted") { key } }`);
  expect(del.errors![0].extensions!.code).toBe('CONFLICT');
});
