import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** What the gauges read at scrape time; plain numbers, so this file knows no services. */
export interface MetricSources {
  subscribers(): number;
  schedulerRuns(): number;
  schedulerLeader(): boolean;
  requestsInFlight(): number;
  /** Lookups and size of the personalization profile-facts cache; undefined when it is off. */
  profileFactsCache(): { hits: number; misses: number; size: number } | undefined;
  /** Read replicas (DATABASE_READ_URL): each one's state, and reads routed so far by route; undefined without replicas. */
  readReplicas?(): { status: readonly ReplicaStatus[]; routes: ReadonlyMap<string, number> } | undefined;
}

import type { IngestOutcome, RejectReason } from '../ingest';
import type { ReplicaStatus } from '../db';
export type RecomputeTrigger = 'request' | 'schedule' | 'stats';

const SECONDS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Operation names come from clients: past this many distinct ones, the rest share one label. */
const MAX_OPERATION_NAMES = 200;

/**
 * The process's Prometheus metrics, on a registry of its own (several apps in one test
 * process must not collide in prom-client's global one).
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  private readonly requestDuration = new Histogram({
    name: 'segmentary_http_request_duration_seconds',
    help: 'HTTP request duration by route (GraphQL operation name and type for /graphql, path for /v1) and status',
    labelNames: ['route', 'operation_name', 'operation_type', 'status'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly ingestEvents = new Counter({
    name: 'segmentary_ingest_events_total',
    help: 'Events offered for ingestion, by outcome: accepted, duplicate (messageId seen before from the same key), suppressed (refused by an erasure: counted, not stored) or rejected (invalid)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  private readonly rejectedEvents = new Counter({
    name: 'segmentary_ingest_rejected_events_total',
    help: 'Events rejected (the result="rejected" of segmentary_ingest_events_total), by code (BAD_USER_INPUT, FORBIDDEN) and the message field at fault: a Segment field (timestamp, userId, properties, ...), message (the message itself), other, or batch (refused with their batch: its shape was wrong, or an all-or-nothing batch held an invalid message)',
    labelNames: ['code', 'field'] as const,
    registers: [this.registry],
  });

  private readonly realtimeDuration = new Histogram({
    name: 'segmentary_segment_realtime_duration_seconds',
    help: 'Real-time segment evaluation per ingested batch (inside the ingestion transaction)',
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly recomputeDuration = new Histogram({
    name: 'segmentary_segment_recompute_duration_seconds',
    help: 'Full segment recompute duration, by what asked for it',
    labelNames: ['trigger'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  private readonly rateLimited = new Counter({
    name: 'segmentary_rate_limited_total',
    help: 'Requests refused with RATE_LIMITED',
    registers: [this.registry],
  });

  constructor(sources: MetricSources) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    new Gauge({ name: 'segmentary_subscribers', help: 'Open GraphQL subscriptions on this instance', registers, collect() {
      this.set(sources.subscribers());
    } });
    new Gauge({ name: 'segmentary_http_requests_in_flight', help: 'HTTP requests being served (including this scrape)', registers, collect() {
      this.set(sources.requestsInFlight());
    } });
    new Gauge({ name: 'segmentary_scheduler_leader', help: '1 when this instance holds the scheduler lock', registers, collect() {
      this.set(sources.schedulerLeader() ? 1 : 0);
    } });
    new Gauge({ name: 'segmentary_personalization_cached_profiles', help: 'Identities whose decision facts this instance holds in memory', registers, collect() {
      this.set(sources.profileFactsCache()?.size ?? 0);
    } });
    const hits = catchingUp();
    const misses = catchingUp();
    new Counter({ name: 'segmentary_personalization_cache_lookups_total', help: 'Decision fact lookups in memory, by result (a miss reads the database)', labelNames: ['result'] as const, registers, collect() {
      const stats = sources.profileFactsCache();
      if (!stats) return;
      hits(this, stats.hits, { result: 'hit' });
      misses(this, stats.misses, { result: 'miss' });
    } });
    const runs = catchingUp();
    new Counter({ name: 'segmentary_scheduler_runs_total', help: 'Scheduled job runs completed on this instance', registers, collect() {
      runs(this, sources.schedulerRuns());
    } });
    this.replicaMetrics(sources, registers);
  }

  private replicaMetrics(sources: MetricSources, registers: Registry[]): void {
    const replicas = () => sources.readReplicas?.();
    const replicaGauge = (name: string, help: string, value: (s: ReplicaStatus) => number) =>
      new Gauge({ name, help, labelNames: ['replica'] as const, registers, collect() {
        for (const s of replicas()?.status ?? []) this.set({ replica: s.name }, value(s));
      } });
    replicaGauge('segmentary_db_replica_up', '1 when the read replica answered its last poll', (s) => (s.up ? 1 : 0));
    replicaGauge('segmentary_db_replica_lag_bytes', 'WAL bytes the primary has written that the read replica has not replayed (at the last poll)', (s) => s.lagBytes);
    replicaGauge('segmentary_db_replica_lag_seconds', 'How long ago the primary reached a position the read replica has not replayed (0: caught up)', (s) => s.lagSeconds);
    const byRoute = new Map<string, ReturnType<typeof catchingUp>>();
    new Counter({ name: 'segmentary_db_reads_total', help: 'Read-only statements by where they went and why: replica, replica_after_wait (waited for the key\'s last write), or primary_* (writing_request, replica_behind, no_replica, replica_failed)', labelNames: ['route'] as const, registers, collect() {
      for (const [route, total] of replicas()?.routes ?? []) {
        if (!byRoute.has(route)) byRoute.set(route, catchingUp());
        byRoute.get(route)!(this, total, { route });
      }
    } });
  }

  observeRequest(labels: { route: string; operationName?: string; operationType?: string; status: number }, seconds: number): void {
    this.requestDuration.observe(
      { route: labels.route, operation_name: this.boundedName(labels.operationName), operation_type: labels.operationType ?? '', status: String(labels.status) },
      seconds,
    );
  }

  countIngest(result: IngestOutcome, n: number, reason?: RejectReason): void {
    if (n <= 0) return;
    this.ingestEvents.inc({ result }, n);
    if (reason) this.rejectedEvents.inc({ code: reason.code, field: reason.field }, n);
  }

  observeRealtime(seconds: number): void {
    this.realtimeDuration.observe(seconds);
  }

  observeRecompute(trigger: RecomputeTrigger, seconds: number): void {
    this.recomputeDuration.observe({ trigger }, seconds);
  }

  countRateLimited(): void {
    this.rateLimited.inc();
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private boundedName(name: string | undefined): string {
    if (!name) return '';
    const label = name.slice(0, 100);
    if (this.operationNames.has(label)) return label;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operationNames.add(label);
    return label;
  }
}

/** Brings a counter up to a running total kept elsewhere, at scrape time. */
function catchingUp(): <L extends string>(counter: Counter<L>, total: number, labels?: Partial<Record<L, string>>) => void {
  let counted = 0;
  return (counter, total, labels = {}) => {
    if (total > counted) counter.inc(labels, total - counted);
    counted = total;
  };
}
