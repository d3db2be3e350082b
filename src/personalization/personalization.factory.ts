import type { Config } from '../config';
import type { Database } from '../db';
import type { Clock } from '../common';
import type { ChangeFeed } from '../realtime';
import type { SegmentCatalog } from '../segments';
import { ContentService } from './content.service';
import { PersonalizationCache } from './personalization-cache';
import type { PersonalizationPorts } from './personalization.ports';
import { PersonalizationService } from './personalization.service';
import { PlacementsService } from './placements.service';
import { profileFactsCache } from './profile-facts-cache';

export interface PersonalizationServices {
  content: ContentService;
  placements: PlacementsService;
  personalization: PersonalizationService;
}

/**
 * Builds the personalization services around two per-instance caches: placements (dropped by
 * every local edit, every NOTIFY from another instance, and a reconnect, when NOTIFYs may have
 * been missed) and profile facts (see ProfileFactsCache).
 */
export function createPersonalization(
  deps: { config: Pick<Config, 'consent' | 'personalization'>; db: Database; catalog: SegmentCatalog; feed: ChangeFeed; clock: Clock },
  ports: PersonalizationPorts,
): PersonalizationServices {
  const cache = new PersonalizationCache(deps.db, deps.catalog);
  const capacity = deps.config.personalization.cachedProfiles;
  const factsCache = capacity > 0 ? profileFactsCache(capacity, deps) : undefined;
  deps.feed.on('personalization', () => cache.invalidate());
  deps.feed.onReconnect(() => cache.invalidate());
  return {
    content: new ContentService(deps.db, () => cache.invalidate(), deps.clock),
    placements: new PlacementsService(deps.db, cache, deps.catalog, ports.experiments),
    personalization: new PersonalizationService(deps.db, cache, deps.config.consent.defaultPersonalization, ports, deps.clock, factsCache),
  };
}
