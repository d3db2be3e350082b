import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ApiKeyService } from '../auth/api-key.service';
import { IngestService } from '../ingest/ingest.service';
import { ProfilesService } from '../profiles/profiles.service';
import { SegmentCatalog } from '../segments/segment-catalog';
import { SegmentsService } from '../segments/segments.service';
import { MembershipRealtime } from '../segments/membership-realtime';
import { ScoringService } from '../scoring/scoring.service';
import { RealtimeService } from '../realtime/realtime.service';
import { AnalyticsService } from '../analytics/analytics.service';
import type { ChangeFeed } from '../realtime/change-feed';

/** The composition root: every service, built once per process from its dependencies. */
export interface Services {
  config: Config;
  db: Database;
  apiKeys: ApiKeyService;
  profiles: ProfilesService;
  ingest: IngestService;
  segments: SegmentsService;
  scoring: ScoringService;
  realtime: RealtimeService;
  analytics: AnalyticsService;
  feed: ChangeFeed;
}

export function createServices(config: Config, db: Database, orm: MikroORM, feed: ChangeFeed): Services {
  const ingest = new IngestService(db, config);
  const catalog = new SegmentCatalog(db);
  const realtime = new MembershipRealtime(catalog);
  ingest.onStored((tx, batch) => realtime.onStored(tx, batch));
  feed.on('segments', () => catalog.invalidate());
  feed.onReconnect(() => catalog.invalidate());
  const segments = new SegmentsService(db, catalog);
  return {
    feed,
    realtime: new RealtimeService(db, feed),
    segments,
    analytics: new AnalyticsService(db, segments),
    scoring: new ScoringService(db, segments, config.scoring),
    config,
    db,
    apiKeys: new ApiKeyService(() => orm.em.fork()),
    profiles: new ProfilesService(db),
    ingest,
  };
}
