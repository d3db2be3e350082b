import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ApiKeyService } from '../auth/api-key.service';
import { IngestService } from '../ingest/ingest.service';
import { ProfilesService } from '../profiles/profiles.service';
import { SegmentCatalog } from '../segments/segment-catalog';
import { SegmentsService } from '../segments/segments.service';
import { ExperimentsService } from '../experiments/experiments.service';
import { MembershipRealtime } from '../segments/membership-realtime';
import { ScoringService } from '../scoring/scoring.service';
import { TriggersService } from '../triggers/triggers.service';
import { WebhooksService } from '../webhooks/webhooks.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { ErasureService } from '../privacy/erasure.service';
import type { ChangeFeed } from '../realtime/change-feed';
import { ConsentService, consentDefaults } from '../privacy/consent.service';
import { createPersonalization, type PersonalizationServices } from '../personalization/personalization.factory';
import { experimentServing } from '../personalization/personalization.ports';
import { Timings, TIMED } from '../ops/timings';
import { RecommendationsService } from '../recommendations/recommendations.service';

/** The composition root: every service, built once per process from its dependencies. */
export interface Services extends PersonalizationServices {
  consent: ConsentService;
  config: Config;
  db: Database;
  apiKeys: ApiKeyService;
  profiles: ProfilesService;
  ingest: IngestService;
  segments: SegmentsService;
  experiments: ExperimentsService;
  recommendations: RecommendationsService;
  scoring: ScoringService;
  triggers: TriggersService;
  webhooks: WebhooksService;
  realtime: RealtimeService;
  analytics: AnalyticsService;
  erasure: ErasureService;
  feed: ChangeFeed;
  /** Durations of work worth watching (src/ops/metrics.ts turns them into histograms). */
  timings: Timings;
}

export function createServices(config: Config, db: Database, orm: MikroORM, feed: ChangeFeed): Services {
  const ingest = new IngestService(db, config);
  const erasure = new ErasureService(db, config.privacy.erasureSalt);
  ingest.addFilter((tx, events) => erasure.suppressErased(tx, events));
  const catalog = new SegmentCatalog(db);
  const consent = new ConsentService(db, catalog, consentDefaults(config));
  // Before segments re-evaluate, so MARKETING membership sees the consent an event carries.
  ingest.onStored((tx, batch) => consent.onStored(tx, batch));
  const realtime = new MembershipRealtime(catalog);
  const timings = new Timings();
  ingest.onStored((tx, batch) => timings.time(TIMED.segmentsRealtime, () => realtime.onStored(tx, batch)));
  feed.on('segments', () => catalog.invalidate());
  feed.onReconnect(() => catalog.invalidate());
  const segments = new SegmentsService(db, catalog);
  const experiments = new ExperimentsService(db, segments);
  ingest.onStored((tx, batch) => experiments.onStored(tx, batch));
  const recommendations = new RecommendationsService(db, new ProfilesService(db), config.recommendations);
  ingest.onStored((tx, batch) => recommendations.onStored(tx, batch));
  const triggers = new TriggersService(db, feed, config.triggers);
  const webhooks = new WebhooksService(db, config.triggers.webhooks);
  triggers.onFired((tx, fired) => webhooks.enqueue(tx, fired));
  const personalization = createPersonalization({ config, db, catalog, feed }, { experiments: experimentServing(experiments), recommendations });
  return {
    ...personalization,
    consent,
    timings,
    triggers,
    webhooks,
    feed,
    realtime: new RealtimeService(db, feed),
    segments,
    experiments,
    recommendations,
    analytics: new AnalyticsService(db, segments),
    erasure,
    scoring: new ScoringService(db, segments, config.scoring),
    config,
    db,
    apiKeys: new ApiKeyService(() => orm.em.fork()),
    profiles: new ProfilesService(db),
    ingest,
  };
}
