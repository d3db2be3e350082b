import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config';
import type { Database } from '../db/database';
import { ApiKeyService } from '../auth/api-key.service';
import { IngestService } from '../ingest/ingest.service';
import { ProfilesService } from '../profiles/profiles.service';

/** The composition root: every service, built once per process from its dependencies. */
export interface Services {
  config: Config;
  db: Database;
  apiKeys: ApiKeyService;
  profiles: ProfilesService;
  ingest: IngestService;
}

export function createServices(config: Config, db: Database, orm: MikroORM): Services {
  const ingest = new IngestService(db, config);
  return {
    config,
    db,
    apiKeys: new ApiKeyService(() => orm.em.fork()),
    profiles: new ProfilesService(db),
    ingest,
  };
}
