import { startTestApp, type TestApp } from '../support/app';
import { ok } from '../support/graphql';

/**
 * Discovery (issue 17 §2): three well-separated groups of buyers come back as three clusters,
 * k = 3 wins the silhouette over 2..5, each cluster's rule selects exactly its group, and a
 * segment saved from a rule has exactly those members.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  // Group, count, last order (days ago), orders, revenue, first seen (days ago); whole days plus 12 h, far from any boundary.
  for (const [group, n, lastAgo, orders, revenue, firstAgo] of [
    ['loyal', 60, [2, 10], [8, 12], [800, 1200], [300, 400]],
    ['lapsed', 60, [200, 300], [1, 1], [10, 40], [320, 420]],
    ['middle', 60, [40, 80], [3, 5], [150, 300], [100, 150]],
  ] as const) {
    const between = (range: readonly [number, number], salt: string) => `(${range[0]} + floor(((abs(hashtextextended(i || '${group}${salt}', 1)) % 1000) / 1000.0) * (${range[1] - range[0]} + 1)))`;
    await t.db.query(`
      with p as (insert into profiles (id, traits) select md5('disc-${group}-' || i)::uuid, jsonb_build_object('group', '${group}') from generate_series(1, ${n}) i returning id, (traits->>'group') as g),
      n as (select id, row_number() over () as i from p)
      insert into profile_stats (profile_id, orders, revenue, first_order_at, last_order_at, first_seen_at, last_seen_at, events)
      select id, ${between(orders, 'o')}, ${between(revenue, 'r')},
             now() - make_interval(days => ${between(firstAgo, 'f')}::int, hours => 12), now() - make_interval(days => ${between(lastAgo, 'l')}::int, hours => 12),
             now() - make_interval(days => ${between(firstAgo, 'f')}::int, hours => 12), now() - make_interval(days => ${between(lastAgo, 'l')}::int, hours => 12), 1
        from n`);
  }
});
afterAll(() => t.close());

const START = `mutation($k: Int, $kMin: Int, $kMax: Int, $sample: Int, $computed: [String!]) {
  startSegmentDiscovery(k: $k, kMin: $kMin, kMax: $kMax, sample: $sample, computedTraits: $computed) { id status progress } }`;
const JOB = `query($id: ID!) { segmentDiscovery(id: $id) { status progress error result {
  k silhouette silhouettes { k silhouette } sampleSize buyers
  clusters { index size description centroid { recencyDays orders revenue tenureDays avgOrderValue } otherFeatures { name mean } definition precision recall } } } }`;
const SAVE = `mutation($job: ID!, $cluster: Int!, $key: String!) { saveDiscoveredSegment(job: $job, cluster: $cluster, key: $key) { key name } }`;

/** Starts a job and polls it until it is no longer RUNNING (deadline 30 s), checking progress never goes back. */
async function discover(variables: Record<string, unknown>) {
  const { startSegmentDiscovery: started } = await ok(t, START, variables);
  expect(started).toMatchObject({ status: 'RUNNING', progress: 0 });
  let last = 0;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
    const { segmentDiscovery: job } = await ok(t, JOB, { id: started.id });
    expect(job.progress).toBeGreaterThanOrEqual(last);
    last = job.progress;
    if (job.status !== 'RUNNING') return { id: started.id, job };
  }
  throw new Error('the discovery job did not finish in 30 s');
}

const groupOf = async (ids: string[]) => (await t.db.query(`select distinct traits->>'group' as g from profiles where id = any($1::uuid[])`, [ids])).rows.map((r) => r.g);

test('three groups come back as three clusters explained by rules that select exactly them; saved, each rule has exactly its group', async () => {
  const { id, job } = await discover({ kMin: 2, kMax: 5, sample: 1000 });
  expect(job).toMatchObject({ status: 'DONE', progress: 1, error: null });
  const d = job.result;
  expect(d).toMatchObject({ k: 3, sampleSize: 180, buyers: 180 });
  expect(d.silhouettes.map((s: { k: number }) => s.k)).toEqual([2, 3, 4, 5]);
  expect(d.silhouette).toBe(Math.max(...d.silhouettes.map((s: { silhouette: number }) => s.silhouette)));
  expect(d.clusters.map((c: { size: number }) => c.size)).toEqual([60, 60, 60]);
  const loyal = d.clusters.find((c: { centroid: { orders: number } }) => c.centroid.orders >= 8);
  expect(loyal.description).toMatch(/recent.*frequent.*high spend/);
  for (const cluster of d.clusters) {
    expect(cluster).toMatchObject({ precision: 1, recall: 1 });
    const key = `discovered-${cluster.index}`;
    expect((await ok(t, SAVE, { job: id, cluster: cluster.index, key })).saveDiscoveredSegment).toEqual({ key, name: cluster.description });
    const { rows } = await t.db.query(`select m.profile_id from memberships m join segments s on s.id = m.segment_id where s.key = $1`, [key]);
    expect(rows.length).toBe(60);
    expect(await groupOf(rows.map((r) => r.profile_id))).toHaveLength(1);
  }
  const unknown = await t.gql(SAVE, { job: id, cluster: 9, key: 'nope' });
  expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test('a job that cannot run ends FAILED with its reason; bad arguments are refused before any job exists; only admin keys may discover', async () => {
  const { id, job } = await discover({ k: 12, sample: 100 }); // 100 buyers are too few for 12 clusters
  expect(job).toMatchObject({ status: 'FAILED', result: null });
  expect(job.error).toMatch(/needs at least 120 buyers/);
  expect((await t.gql(SAVE, { job: id, cluster: 0, key: 'from-failed' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'job' });
  const jobs = async () => (await t.db.query(`select count(*)::int as n from discovery_jobs`)).rows[0].n;
  const before = await jobs();
  const codeOf = async (variables: Record<string, unknown>, key?: string) => (await t.gql(START, variables, key)).errors?.[0].extensions;
  expect(await codeOf({ k: 1 })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'k' });
  expect(await codeOf({ k: 3, kMin: 2, kMax: 4 })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'k' });
  expect(await codeOf({ kMin: 4, kMax: 3 })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'kMin' });
  expect(await codeOf({ k: 3, sample: 10 })).toMatchObject({ code: 'BAD_USER_INPUT', path: 'sample' });
  expect(await jobs()).toBe(before);
  expect(await codeOf({ k: 3 }, await t.keyWith('read'))).toMatchObject({ code: 'FORBIDDEN' });
  expect((await t.gql(JOB, { id: 'not-an-id' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'id' });
  expect((await t.gql(JOB, { id: '00000000-0000-0000-0000-000000000000' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
});

test("the top categories' shares and named computed traits are clustered on too, and an unknown computed trait is refused before any job", async () => {
  await t.db.query(`insert into products (id, name, category) values ('d-shoes', 'Shoes', 'shoes'), ('d-hats', 'Hats', 'hats'), ('d-bags', 'Bags', 'bags')`);
  // Each group buys its own category: loyal shoes, lapsed hats, middle bags.
  await t.db.query(`
    insert into orders (profile_id, order_id, gross, completed_at, products)
    select p.id, 'd-' || p.id, 10, now() - interval '5 days',
           jsonb_build_array(jsonb_build_object('product_id', case p.traits->>'group' when 'loyal' then 'd-shoes' when 'lapsed' then 'd-hats' else 'd-bags' end, 'quantity', 1, 'price', 10))
      from profiles p where p.traits ? 'group'`);
  await ok(t, `mutation { createComputedTrait(input: { key: "pages_seen", name: "Pages", definition: { event: "Page Viewed", aggregate: "count" } }) { key } }`);
  const { job } = await discover({ k: 3, computed: ['pages_seen'] });
  expect(job.status).toBe('DONE');
  for (const cluster of job.result.clusters) {
    expect(cluster.otherFeatures.map((f: { name: string }) => f.name)).toEqual(['share of bags', 'share of hats', 'share of shoes', 'pages_seen']);
    const shares = cluster.otherFeatures.slice(0, 3).map((f: { mean: number }) => f.mean);
    expect([...shares].sort()).toEqual([0, 0, 1]); // each cluster is one group, which buys one category only
    expect(cluster.otherFeatures[3].mean).toBe(0); // nobody viewed a page
  }
  const loyal = job.result.clusters.find((c: { centroid: { orders: number } }) => c.centroid.orders >= 8);
  expect(loyal.otherFeatures.find((f: { name: string }) => f.name === 'share of shoes').mean).toBe(1);
  expect(loyal.description).toContain('more shoes');
  const jobs = async () => (await t.db.query(`select count(*)::int as n from discovery_jobs`)).rows[0].n;
  const before = await jobs();
  expect((await t.gql(START, { k: 3, computed: ['no_such_trait'] })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', path: 'computedTraits' });
  expect(await jobs()).toBe(before);
});
