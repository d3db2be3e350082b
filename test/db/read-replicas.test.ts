import { serverAccepts, type ReadRoute, type ReplicaStatus } from '../../src/db';
import { startTestApp, type TestApp } from '../support/app';
import { postgresBinaries, startStreamingPair, type StreamingPair } from '../support/streaming-pair';
import { postV1 } from '../support/v1';
import { until } from '../support/wait';

/**
 * DATABASE_READ_URL against a real primary and hot standby (PostgreSQL streaming
 * replication with Debian's binaries): reads reach the replica, a key reads its own
 * writes, and reads fall back to the primary when the replica is behind or gone.
 */
const binaries = postgresBinaries();
const missing = 'missing' in binaries ? binaries.missing : undefined;
if (missing) console.warn(`Skipping the read-replica tests: ${missing}`);
const replicaTest = missing ? test.skip : test;

const WAIT_MS = 400;
const MAX_LAG_MS = 1_500;
let pair: StreamingPair;
let t: TestApp;
let writer: string;
let reader: string;

beforeAll(async () => {
  if (missing) return;
  pair = await startStreamingPair((binaries as { dir: string }).dir);
  t = await startTestApp(
    {
      DATABASE_READ_URL: pair.replicaUrl,
      DATABASE_READ_POLL_MS: '50',
      DATABASE_READ_WAIT_MS: String(WAIT_MS),
      DATABASE_READ_MAX_LAG_MS: String(MAX_LAG_MS),
    },
    { database: { url: pair.primaryUrl, name: 'segmentary', drop: async () => {} } },
  );
  writer = await t.keyWith('ingest', 'read');
  reader = await t.keyWith('read');
}, 120_000);

afterAll(async () => {
  await t?.close();
  await pair?.stop();
});

const replicas = () => t.app.database.replicas!;
const routed = (route: ReadRoute) => replicas().routes().get(route) ?? 0;

/** Counts the routes taken by the reads `work` makes. */
async function routesOf(work: () => Promise<unknown>): Promise<Partial<Record<ReadRoute, number>>> {
  const before = new Map(replicas().routes());
  await work();
  const taken: Partial<Record<ReadRoute, number>> = {};
  for (const [route, n] of replicas().routes()) if (n > (before.get(route) ?? 0)) taken[route] = n - (before.get(route) ?? 0);
  return taken;
}

const PROFILE = `query($v: String!) { profileByIdentity(kind: USER_ID, value: $v) { id traits } }`;
const profileOf = async (userId: string, key: string) => (await t.gql(PROFILE, { v: userId }, key)).data?.profileByIdentity ?? null;

async function identify(userId: string, traits: Record<string, unknown>, key = writer): Promise<void> {
  const res = await postV1(t.baseUrl, '/v1/identify', { userId, traits }, { key });
  expect(res.status).toBe(200);
}

/** Waits until the replica has replayed everything the primary has written so far. */
async function replicaCaughtUp(): Promise<void> {
  await until(() => replicas().status()[0].up && replicas().status()[0].lagBytes === 0, { timeoutMs: 10_000 });
}

replicaTest('reads go to the replica; a key reads what it has just written', async () => {
  await replicaCaughtUp();
  await identify('ryw-1', { plan: 'pro' });
  // The very next request of the writing key: the replica is used once it has replayed the write (or the primary after WAIT_MS).
  let found: unknown;
  const taken = await routesOf(async () => (found = await profileOf('ryw-1', writer)));
  expect(found).toMatchObject({ traits: { plan: 'pro' } });
  expect(Object.keys(taken).every((r) => ['replica', 'replica_after_wait', 'primary_replica_behind'].includes(r))).toBe(true);

  // Another key, after replay: from the replica, no waiting.
  await replicaCaughtUp();
  const plain = await routesOf(() => profileOf('ryw-1', reader));
  expect(plain).toEqual({ replica: expect.any(Number) });
});

replicaTest('a mutation reads the primary throughout (it returns what it wrote)', async () => {
  const create = `mutation { createSegment(input: { key: "replica-pros", name: "Pros", definition: { trait: { path: "plan", op: "eq", value: "pro" } } }) { key size } }`;
  let size: number | undefined;
  const taken = await routesOf(async () => (size = (await t.gql(create)).data?.createSegment.size));
  expect(size).toBeGreaterThanOrEqual(1);
  expect(taken.primary_writing_request).toBeGreaterThan(0);
  expect(taken.replica ?? 0).toBe(0);
});

replicaTest('statistics, exports, previews and recommendations read the replica', async () => {
  await identify('reads-1', { plan: 'pro' });
  await replicaCaughtUp();
  const analyst = await t.keyWith('admin');
  const profileId = (await t.gql(PROFILE, { v: 'reads-1' }, analyst)).data?.profileByIdentity.id;
  const operations: [string, Record<string, unknown>][] = [
    [`query($p: ID!) { exportProfile(profile: $p) }`, { p: profileId }],
    [`query { segmentStats(segment: "replica-pros", from: "2026-01-01T00:00:00Z", to: "2026-03-01T00:00:00Z", interval: MONTH, source: HISTORY) { size } }`, {}],
    [`query { previewSegment(definition: { trait: { path: "plan", op: "eq", value: "pro" } }) { size } }`, {}],
    [`query { recommendations(userId: "reads-1", strategy: POPULAR) { score } }`, {}],
    [`query { segment(key: "replica-pros") { size members(first: 5) { edges { node { profile { id } } } } } }`, {}],
  ];
  for (const [query, variables] of operations) {
    const taken = await routesOf(async () => expect((await t.gql(query, variables, analyst)).errors).toBeUndefined());
    expect([query, taken]).toEqual([query, { replica: expect.any(Number) }]);
  }
});

replicaTest('a replica that falls behind: its key waits, then reads the primary; others read the stale replica until it is too far behind', async () => {
  await replicaCaughtUp();
  await pair.onReplica('select pg_wal_replay_pause()');
  try {
    await identify('behind-1', { plan: 'basic' });

    // The writer's read: WAIT_MS of waiting for the replay, then the primary answers (and is right).
    const started = Date.now();
    let found: unknown;
    const taken = await routesOf(async () => (found = await profileOf('behind-1', writer)));
    expect(found).toMatchObject({ traits: { plan: 'basic' } });
    expect(taken.primary_replica_behind).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(WAIT_MS);

    // A key that wrote nothing reads the replica, which has not replayed the write yet: proof the replica answers.
    expect(await profileOf('behind-1', reader)).toBeNull();

    // Lag shows in /readyz (still ready: reads fall back) and in the metrics; past MAX_LAG_MS the replica gets no reads.
    await until(() => replicas().status()[0].lagSeconds * 1000 > MAX_LAG_MS, { timeoutMs: 10_000 });
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const [status] = ((await ready.json()) as { replicas: ReplicaStatus[] }).replicas;
    expect(status).toMatchObject({ up: true });
    expect(status.lagBytes).toBeGreaterThan(0);
    expect(status.lagSeconds).toBeGreaterThan(MAX_LAG_MS / 1000);
    const metrics = await (await fetch(`${t.baseUrl}/metrics`)).text();
    expect(metrics).toMatch(/segmentary_db_replica_lag_bytes\{replica="127\.0\.0\.1:\d+\/segmentary"\} [1-9]/);

    const fallback = await routesOf(async () => (found = await profileOf('behind-1', reader)));
    expect(found).toMatchObject({ traits: { plan: 'basic' } });
    expect(fallback).toEqual({ primary_no_replica: expect.any(Number) });
  } finally {
    await pair.onReplica('select pg_wal_replay_resume()');
  }
  await replicaCaughtUp();
  expect(await routesOf(() => profileOf('behind-1', reader))).toEqual({ replica: expect.any(Number) });
});

replicaTest('a replica that goes away: reads fall back to the primary and the instance stays ready', async () => {
  await identify('gone-1', { plan: 'pro' });
  await replicaCaughtUp();
  await pair.stopReplica();
  // Gone for certain before the first read (under load, the stop has been seen to land late).
  await until(async () => !(await serverAccepts(pair.replicaUrl, 1_000)), { what: 'the replica to refuse connections', timeoutMs: 10_000 });

  // The first read finds it gone and runs on the primary; later ones skip it until a poll reaches it again.
  const first = await routesOf(async () => expect(await profileOf('gone-1', reader)).toMatchObject({ traits: { plan: 'pro' } }));
  expect(first.replica ?? 0).toBe(0);
  expect((first.primary_replica_failed ?? 0) + (first.primary_no_replica ?? 0)).toBeGreaterThan(0);
  await until(() => !replicas().status()[0].up, { timeoutMs: 5_000 });
  expect(await routesOf(() => profileOf('gone-1', reader))).toEqual({ primary_no_replica: expect.any(Number) });

  const ready = await fetch(`${t.baseUrl}/readyz`);
  expect(ready.status).toBe(200);
  expect(((await ready.json()) as { replicas: ReplicaStatus[] }).replicas[0]).toMatchObject({ up: false, error: expect.any(String) });
  expect(await (await fetch(`${t.baseUrl}/metrics`)).text()).toMatch(/segmentary_db_replica_up\{replica="[^"]+"\} 0/);
  expect(routed('primary_no_replica')).toBeGreaterThan(0);
});
