import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import { type Database, primaryReads, type Reads } from '../db';
import { ApiKeyService, type KeyChange } from '../auth';
import { IngestService } from '../ingest';
import { ProfilesService } from '../profiles';
import { AccountsService } from '../accounts';
import { SegmentCatalog, SegmentsService, MembershipExpiry, MembershipRealtime, MembershipWriter } from '../segments';
import { ComputedTraitsService } from '../computed-traits';
import { ExperimentsService } from '../experiments';
import { ScoringService } from '../scoring';
import { TriggersService } from '../triggers';
import { WebhooksService } from '../webhooks';
import { RealtimeService, type ChangeFeed } from '../realtime';
import { AnalyticsService } from '../analytics';
import { DiscoveryJobs, DiscoveryService } from '../discovery';
import { ErasureSalt, ErasureService, ConsentService, ReplayGuard, consentDefaults } from '../privacy';
import { createPersonalization, type PersonalizationServices, experimentServing } from '../personalization';
import { Timings, TIMED, wallClock, type Clock } from '../common';
import { RecommendationsService } from '../recommendations';
import { EventPartitions } from '../event-partitions';

/** The composition root: every service, built once per process from its dependencies. */
export interface Services extends PersonalizationServices {
  consent: ConsentService;
  config: Config;
  db: Database;
  apiKeys: ApiKeyService;
  profiles: ProfilesService;
  accounts: AccountsService;
  ingest: IngestService;
  segments: SegmentsService;
  computedTraits: ComputedTraitsService;
  /** Evaluates the (segment, profile) pairs whose timers are due (windows lapsing); bootstrap starts it with the scheduler. */
  expiry: MembershipExpiry;
  experiments: ExperimentsService;
  recommendations: RecommendationsService;
  eventPartitions: EventPartitions;
  scoring: ScoringService;
  triggers: TriggersService;
  webhooks: WebhooksService;
  realtime: RealtimeService;
  analytics: AnalyticsService;
  discovery: DiscoveryJobs;
  erasure: ErasureService;
  erasureSalt: ErasureSalt;
  /** Refuses replays of erased people and suppressed identities at ingestion. */
  replays: ReplayGuard;
  feed: ChangeFeed;
  /** Durations of work worth watching (src/ops/metrics.ts turns them into histograms). */
  timings: Timings;
  /** The instant every "now"-relative computation uses (src/common/clock.ts). */
  clock: Clock;
}

/** `reads`: where read-only work goes (the replicas of DATABASE_READ_URL, or `db`). */
export function createServices(config: Config, db: Database, orm: MikroORM, feed: ChangeFeed, clock: Clock = wallClock, reads: Reads = primaryReads(db)): Services {
  const ingest = new IngestService(db, config, clock);
  const eventPartitions = new EventPartitions(db, { retentionMonths: config.events.retentionMonths, everyMs: config.events.partitionsEveryMs }, clock);
  ingest.beforeStore((events) => eventPartitions.ensureFor(events.map((e) => e.occurredAt)));
  const catalog = new SegmentCatalog(db);
  const memberships = new MembershipWriter(catalog, clock);
  const erasureSalt = new ErasureSalt(db, config.privacy.erasureSalt);
  const erasure = new ErasureService(db, memberships, erasureSalt, reads);
  const replays = new ReplayGuard(db, erasureSalt);
  ingest.addFilter((tx, events) => replays.admit(tx, events));
  const consent = new ConsentService(db, memberships, consentDefaults(config));
  // Before segments re-evaluate, so MARKETING membership sees the consent an event carries.
  ingest.onStored((tx, batch) => consent.onStored(tx, batch));
  const accounts = new AccountsService(db);
  const realtime = new MembershipRealtime(catalog, memberships, clock);
  const timings = new Timings();
  const segments = new SegmentsService(db, catalog, timings, clock, () => eventPartitions.retention(), reads);
  const computedTraits = new ComputedTraitsService(db, feed, segments, clock);
  // Accounts and computed traits first, so `account` and `computed` conditions see what the batch changed, and only people it changed count.
  ingest.onStored(async (tx, batch) => {
    const joinedAccounts = await accounts.onStored(tx, batch);
    const computed = await computedTraits.onStored(tx, batch);
    await timings.time(TIMED.segmentsRealtime, () => realtime.onStored(tx, batch, joinedAccounts, computed));
  });
  const definitionsChanged = () => {
    catalog.invalidate();
    computedTraits.invalidate();
  };
  feed.on('segments', definitionsChanged);
  feed.onReconnect(definitionsChanged);
  // Computed values whose window lapsed move first, with the same instant, so segments reading them see the new values.
  const expiry = new MembershipExpiry(db, memberships, clock);
  expiry.beforeSegments((tx, now, limit) => computedTraits.refreshDue(tx, now, limit));
  const experiments = new ExperimentsService(db, segments, clock, feed);
  ingest.onStored((tx, batch) => experiments.onStored(tx, batch));
  const recommendations = new RecommendationsService(db, config.recommendations, clock, feed, reads);
  ingest.onStored((tx, batch) => recommendations.onStored(tx, batch));
  ingest.onIngested((batch) => recommendations.onIngested(batch));
  const triggers = new TriggersService(db, feed, config.triggers, clock);
  const webhooks = new WebhooksService(db, config.triggers.webhooks);
  triggers.onFired((tx, fired) => webhooks.enqueue(tx, fired));
  const apiKeys = new ApiKeyService(() => orm.em.fork());
  const keysChanged = (change: KeyChange) => void apiKeys.keysChanged(change).catch(() => {});
  feed.on('apiKeys', (_range, message) => keysChanged({ keyId: String(message.key), revoked: message.revoked === true }));
  feed.onReconnect(() => keysChanged({}));
  const personalization = createPersonalization({ config, db, catalog, feed, clock }, { experiments: experimentServing(experiments), recommendations });
  return {
    ...personalization,
    consent,
    timings,
    clock,
    triggers,
    webhooks,
    feed,
    realtime: new RealtimeService(db, feed),
    segments,
    expiry,
    computedTraits,
    experiments,
    recommendations,
    analytics: new AnalyticsService(reads, segments),
    // Reads on the replicas when there are any; the job's own rows on the primary.
    discovery: new DiscoveryJobs(db, new DiscoveryService(reads, clock)),
    erasure,
    erasureSalt,
    replays,
    scoring: new ScoringService(db, segments, config.scoring, clock, () => eventPartitions.retention()?.since ?? null),
    config,
    db,
    apiKeys,
    profiles: new ProfilesService(reads),
    accounts,
    ingest,
    eventPartitions,
  };
}
