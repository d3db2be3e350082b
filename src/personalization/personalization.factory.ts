import type { Config } from '../config';
import type { Database } from '../db/database';
import type { ChangeFeed } from '../realtime/change-feed';
import type { SegmentCatalog } from '../segments/segment-catalog';
import { ContentService } from './content.service';
import { PersonalizationCache } from './personalization-cache';
import type { PersonalizationPorts } from './personalization.ports';
import { PersonalizationService } from './personalization.service';
import { PlacementsService } from './placements.service';

export interface PersonalizationServices {
  content: ContentService;
  placements: PlacementsService;
  personalization: PersonalizationService;
}

/**
 * Builds the personalization services around one per-instance cache, which every local edit
 * and every NOTIFY from another instance (or a reconnect, when NOTIFYs may have been missed) drops.
 */
export function createPersonalization(
  deps: { config: Pick<Config, 'consent'>; db: Database; catalog: SegmentCatalog; feed: ChangeFeed },
  ports: PersonalizationPorts,
): PersonalizationServices {
  const cache = new PersonalizationCache(deps.db, deps.catalog);
  deps.feed.on('personalization', () => cache.invalidate());
  deps.feed.onReconnect(() => cache.invalidate());
  return {
    content: new ContentService(deps.db, () => cache.invalidate()),
    placements: new PlacementsService(deps.db, cache, deps.catalog, ports.experiments),
    personalization: new PersonalizationService(deps.db, cache, deps.config.consent.defaultPersonalization, ports),
  };
}
