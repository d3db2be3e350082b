import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ApiKeyService } from '../auth/api-key.service';
import { IngestService } from '../ingest/ingest.service';
import { ProfilesService } from '../profiles/profiles.service';
import { SegmentCatalog } from '../segments/segment-catalog';
import { SegmentsService } from '../segments/segments.service';
import { MembershipRealtime } from '../segments/membership-realtime';

/** The composition root: every service, built once per process from its dependencies. */
export interface Services {
  config: Config;
  db: Database;
  apiKeys: ApiKeyService;
  profiles: ProfilesService;
  ingest: IngestService;
  segments: SegmentsService;
}

export function createServices(config: Config, db: Database, orm: MikroORM): Services {
  const ingest = new IngestService(db, config);
  const catalog = new SegmentCatalog(db);
  const realtime = new MembershipRealtime(catalog);
  ingest.onStored((tx, batch) => realtime.onStored(tx, batch));
  return {
    segments: new SegmentsService(db, catalog),
    config,
    db,
    apiKeys: new ApiKeyService(() => orm.em.fork()),
    profiles: new ProfilesService(db),
    ingest,
  };
}
