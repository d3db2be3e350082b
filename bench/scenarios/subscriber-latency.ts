import { fork, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startBareJsonServer, type BareServer } from '../baselines/http-server';
import { restoreSeed, sampleUsers } from '../seed';
import { createSegments, removeSegments } from './bench-segments';
import type { ClientsMessage, ClientsSpec } from './subscriber-latency.clients';
import { graphqlHeaders, type Check, type Scenario, type ScenarioContext } from './types';

const SOURCE = path.join(__dirname, 'subscriber-latency.source.js');
const CLIENTS = path.join(__dirname, 'subscriber-latency.clients.js');
const SUBSCRIBERS = 1000;
const KEY = 'bench-subscribers-flagged';
const TRAIT = 'bench_sub_flag';
const DELIVERY_TIMEOUT_MS = 5000;
const INGEST = 'mutation($events: [EventInput!]!){ ingest(events: $events){ accepted } }';
const now = () => performance.timeOrigin + performance.now();

/** Delivery latencies (ms from just before the ingest call to each subscriber's receipt) of measured changes. */
class Deliveries {
  latencies: number[] = [];
  /** Ms from just before each measured ingest call to its answer: the part of the latency before fan-out. */
  ingestMs: number[] = [];
  changes = 0;
  timeouts = 0;
  errors: string[] = [];
  measureFrom = Infinity;
  private waiting = new Map<string, (times: number[]) => void>();

  expect(profileId: string): Promise<number[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(profileId);
        this.timeouts++;
        reject(new Error(`not every subscriber got the change of ${profileId} within ${DELIVERY_TIMEOUT_MS} ms`));
      }, DELIVERY_TIMEOUT_MS);
      this.waiting.set(profileId, (times) => (clearTimeout(timer), resolve(times)));
    });
  }

  onMessage(m: ClientsMessage): void {
    if (m.type === 'error') {
      this.errors.push(m.error);
      return;
    }
    this.waiting.get(m.profileId)?.(m.times);
    this.waiting.delete(m.profileId);
  }

  record(startedAt: number, answeredAt: number, times: number[]): void {
    if (startedAt < this.measureFrom) return;
    this.changes++;
    this.ingestMs.push(answeredAt - startedAt);
    for (const t of times) this.latencies.push(t - startedAt);
  }
}

async function startSubscribers(ctx: ScenarioContext, deliveries: Deliveries): Promise<ChildProcess> {
  const child = fork(CLIENTS, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.on('message', (m: ClientsMessage) => deliveries.onMessage(m));
  const spec: ClientsSpec = { graphqlUrl: ctx.app.graphqlUrl, key: ctx.app.adminKey, segment: KEY, subscribers: SUBSCRIBERS };
  child.send({ type: 'start', spec });
  const realtime = ctx.app.app.services.realtime;
  const deadline = Date.now() + 60_000;
  while (realtime.subscribers < SUBSCRIBERS) {
    if (Date.now() > deadline || deliveries.errors.length) {
      child.kill();
      throw new Error(`only ${realtime.subscribers} of ${SUBSCRIBERS} subscribers connected; ${deliveries.errors[0] ?? 'timed out'}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

async function stopSubscribers(child: ChildProcess): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.send({ type: 'stop' });
  const timer = setTimeout(() => child.kill(), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Each request: one identify event that makes one more seeded profile enter the segment, answered once every subscriber has the change. */
async function startTrigger(ctx: ScenarioContext, deliveries: Deliveries): Promise<BareServer> {
  const users = await sampleUsers(ctx.pool, 20_000);
  const run = crypto.randomBytes(4).toString('hex');
  let next = 0;
  return startBareJsonServer(async () => {
    const user = users[next++ % users.length];
    const delivered = deliveries.expect(user.profileId);
    delivered.catch(() => {});
    const startedAt = now();
    const events = [{ type: 'IDENTIFY', messageId: `sub-${run}-${next}`, userId: user.userId, traits: { [TRAIT]: true } }];
    const res = await fetch(ctx.app.graphqlUrl, { method: 'POST', headers: graphqlHeaders(ctx.app.adminKey), body: JSON.stringify({ query: INGEST, variables: { events } }) });
    const body = (await res.json()) as { errors?: unknown };
    const answeredAt = now();
    if (body.errors) throw new Error(`ingest failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    const times = await delivered;
    deliveries.record(startedAt, answeredAt, times);
    return { status: 200, json: { data: { delivered: times.length } } };
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10 : NaN;
}

function report(d: Deliveries, seconds: number): Check[] {
  const sorted = [...d.latencies].sort((a, b) => a - b);
  const p99 = percentile(sorted, 99);
  const ingest = [...d.ingestMs].sort((a, b) => a - b);
  return [
    {
      name: `delivery latency over ${SUBSCRIBERS} subscribers (aim p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'})`,
      ok: true,
      detail: `${sorted.length} deliveries of ${d.changes} changes; p50 ${percentile(sorted, 50)} ms, p90 ${percentile(sorted, 90)} ms, p99 ${p99} ms, max ${percentile(sorted, 100)} ms; ${Math.round(sorted.length / seconds)} deliveries/s`,
    },
    { name: 'ingest call answered (part of the latency before fan-out)', ok: true, detail: `p50 ${percentile(ingest, 50)} ms, p99 ${percentile(ingest, 99)} ms` },
    { name: 'every change reached every subscriber', ok: d.timeouts === 0 && sorted.length === d.changes * SUBSCRIBERS, detail: `${d.timeouts} changes timed out` },
    { name: 'no subscription errors', ok: d.errors.length === 0, detail: d.errors[0] ?? 'none' },
  ];
}

export const subscriberLatency: Scenario = {
  name: 'subscriber-latency',
  description: `${SUBSCRIBERS} graphql-ws subscribers on segmentMembershipChanged; one identify per request flips one profile into the segment; latency = ingest call to last receipt`,
  unit: 'deliveries/s',
  perRequest: SUBSCRIBERS,
  defaultConnections: 1,
  aim: {},
  async setup(ctx) {
    const services = ctx.app.app.services;
    await ctx.pool.query(`update profiles set traits = traits - '${TRAIT}' where traits ? '${TRAIT}'`);
    await createSegments(services, [{ key: KEY, definition: { trait: { path: TRAIT, op: 'exists' } } }]);
    const deliveries = new Deliveries();
    const child = await startSubscribers(ctx, deliveries);
    const trigger = await startTrigger(ctx, deliveries);
    return {
      ours: {
        url: trigger.url,
        headers: graphqlHeaders(),
        source: { module: SOURCE, options: {} },
        before: async () => {
          deliveries.measureFrom = now() + ctx.options.warmup * 1000;
        },
        after: async () => report(deliveries, ctx.options.duration),
      },
      teardown: async () => {
        await trigger.close();
        await stopSubscribers(child);
        await removeSegments(services, [KEY]);
        await ctx.pool.query(`update profiles set traits = traits - '${TRAIT}' where traits ? '${TRAIT}'`);
        await restoreSeed(ctx.pool, ctx.seed, ctx.log);
      },
    };
  },
};
