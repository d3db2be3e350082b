import { startTestApp, type TestApp } from '../support/app';
import { connect, subscribe } from '../support/subscriptions';
import { until } from '../support/wait';
import { basicAuth } from '../support/v1';
import { ok } from '../support/graphql';
import { personalize } from '../support/operations';
import { CreateContentItemDocument, CreatePlacementDocument, CreateSegmentDocument, SegmentMembershipChangedDocument } from '../generated/graphql';

const TOKEN = 'metrics-test-token';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ METRICS_TOKEN: TOKEN });
});
afterAll(() => t.close());

async function scrape(): Promise<string> {
  const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
}

/** The value of one sample line, e.g. value(text, 'segmentary_ingest_events_total{result="accepted"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics needs METRICS_TOKEN when one is set', async () => {
  expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
  expect((await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
});

test('after some traffic the named metrics are there', async () => {
  await ok(t, CreateSegmentDocument, { input: { key: 'buyers', name: 'Buyers', definition: { stat: { name: 'orders', op: 'gte', value: 1 } } } });
  expect((await t.gql(`query SegmentSizeForMetrics { segment(key: "buyers") { size } }`)).errors).toBeUndefined();
  expect((await t.gql(`mutation RecomputeForMetrics { recomputeSegment(segment: "buyers") { entered } }`)).errors).toBeUndefined();

  const writeKey = await t.keyWith('ingest');
  const batch = (messages: unknown[]) =>
    fetch(`${t.baseUrl}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: basicAuth(writeKey) },
      body: JSON.stringify({ batch: messages }),
    });
  const order = (id: string) => ({ type: 'track', userId: 'm-1', event: 'Order Completed', messageId: id, properties: { revenue: 5 } });
  expect((await batch([order('m-a'), order('m-b')])).status).toBe(200);
  expect((await batch([order('m-a'), order('m-c')])).status).toBe(200); // one duplicate
  expect((await batch([order('m-d'), { type: 'track', event: 'No identity' }, order('m-e')])).status).toBe(200); // partial: one rejected
  expect((await fetch(`${t.baseUrl}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: basicAuth(writeKey) }, body: '{"batch": "x"}' })).status).toBe(400);
  // All or nothing: the invalid message and its two neighbours are rejected.
  const refused = await t.gql(`mutation($e: [EventInput!]!) { ingest(events: $e) { accepted } }`, {
    e: [order('m-f'), { ...order('m-g'), timestamp: 'yesterday' }, order('m-h')].map((m) => ({ ...m, type: 'TRACK' })),
  });
  expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

  await t.gql(CreateContentItemDocument, { input: { key: 'm-banner', type: 'banner', title: 'B', payload: {} } });
  await t.gql(CreatePlacementDocument, { input: { key: 'm-slot', defaultContent: 'm-banner', rules: [{ segment: 'buyers', content: 'm-banner' }] } });
  for (let i = 0; i < 2; i++) await personalize(t, 'm-slot', { userId: 'm-1' });

  const client = connect(t.graphqlUrl, t.adminKey);
  const sub = subscribe(client, SegmentMembershipChangedDocument, { segment: 'buyers' }, 'segmentMembershipChanged');
  await until(() => t.app.services.realtime.subscribers === 1);

  const text = await scrape();
  expect(value(text, 'segmentary_http_request_duration_seconds_count{route="/graphql",operation_name="SegmentSizeForMetrics",operation_type="query",status="200"}')).toBe(1);
  expect(value(text, 'segmentary_http_request_duration_seconds_count{route="/graphql",operation_name="RecomputeForMetrics",operation_type="mutation",status="200"}')).toBe(1);
  expect(value(text, 'segmentary_http_request_duration_seconds_count{route="/v1/batch",operation_name="",operation_type="",status="200"}')).toBe(3);
  expect(value(text, 'segmentary_http_request_duration_seconds_count{route="/v1/batch",operation_name="",operation_type="",status="400"}')).toBe(1);
  expect(value(text, 'segmentary_ingest_events_total{result="accepted"}')).toBe(5);
  expect(value(text, 'segmentary_ingest_events_total{result="duplicate"}')).toBe(1);
  expect(value(text, 'segmentary_ingest_events_total{result="rejected"}')).toBe(5);
  // By reason: the field at fault, or `batch` for what was refused with its batch (the list that was no list, the two good GraphQL neighbours).
  expect(value(text, 'segmentary_ingest_rejected_events_total{code="BAD_USER_INPUT",field="userId"}')).toBe(1);
  expect(value(text, 'segmentary_ingest_rejected_events_total{code="BAD_USER_INPUT",field="timestamp"}')).toBe(1);
  expect(value(text, 'segmentary_ingest_rejected_events_total{code="BAD_USER_INPUT",field="batch"}')).toBe(3);
  expect(value(text, 'segmentary_segment_realtime_duration_seconds_count')).toBe(3);
  expect(value(text, 'segmentary_segment_recompute_duration_seconds_count{trigger="request"}')).toBe(1);
  expect(value(text, 'segmentary_subscribers')).toBe(1);
  expect(value(text, 'segmentary_scheduler_leader')).toBe(0);
  expect(value(text, 'segmentary_scheduler_runs_total')).toBe(0);
  expect(value(text, 'segmentary_http_requests_in_flight')).toBe(1); // the scrape itself
  // The first decision read the database and kept the facts; the second was answered from memory.
  expect(value(text, 'segmentary_personalization_cache_lookups_total{result="miss"}')).toBe(1);
  expect(value(text, 'segmentary_personalization_cache_lookups_total{result="hit"}')).toBe(1);
  expect(value(text, 'segmentary_personalization_cached_profiles')).toBe(1);
  expect(text).toMatch(/^process_cpu_seconds_total \d/m);

  await sub.close();
  await client.dispose();
});
