import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Principal } from '../auth/principal';
import type { Services } from './services';
import type { Identity, ProfileEvent, ProfileMerge } from '../profiles/profile.types';
import type { EventPageArgs } from '../profiles/profiles.service';
import type { Page } from '../common/pagination';
import type { ProfileSegment } from '../segments/segment.types';
import type { Consent, ConsentChange } from '../privacy/consent.types';

/** Everything one GraphQL operation may use; built fresh per request. */
export interface RequestContext {
  requestId: string;
  principal?: Principal;
  em: EntityManager;
  services: Services;
  loaders: Loaders;
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * The EntityManager fork and the DataLoaders are made on first use: most requests (a
 * profile read, a decision) need neither. The getters sit on the prototype because
 * Apollo copies a context's own properties for each operation, and copying would run
 * own getters, making both on every request.
 */
export class LazyRequestContext implements RequestContext {
  private forkedEm: EntityManager | undefined = undefined;
  private requestLoaders: Loaders | undefined = undefined;

  constructor(
    readonly requestId: string,
    readonly principal: Principal | undefined,
    readonly services: Services,
    private readonly orm: MikroORM,
  ) {}

  get em(): EntityManager {
    return (this.forkedEm ??= this.orm.em.fork());
  }

  get loaders(): Loaders {
    return (this.requestLoaders ??= createLoaders(this.services));
  }
}

export function createLoaders(services: Services) {
  const { profiles, segments } = services;
  return {
    segmentSizes: new DataLoader<string, number>((ids) => segments.sizes(ids)),
    profileSegments: new DataLoader<string, ProfileSegment[]>((ids) => segments.segmentsOfProfiles(ids)),
    identities: new DataLoader<string, Identity[]>((ids) => profiles.identitiesOf(ids)),
    merges: new DataLoader<string, ProfileMerge[]>((ids) => profiles.mergesInto(ids)),
    consents: new DataLoader<string, Consent[]>((ids) => services.consent.ofProfiles(ids)),
    consentHistory: new DataLoader<string, ConsentChange[]>((ids) => services.consent.historyOf(ids)),
    events: new DataLoader<{ profileId: string; args: EventPageArgs }, Page<ProfileEvent>, string>(
      async (keys) => {
        // Keys in one batch may carry different page arguments: one statement per distinct set.
        const groups = new Map<string, { args: EventPageArgs; ids: string[] }>();
        for (const k of keys) {
          const sig = JSON.stringify(k.args);
          const g = groups.get(sig) ?? { args: k.args, ids: [] };
          g.ids.push(k.profileId);
          groups.set(sig, g);
        }
        const pages = new Map<string, Page<ProfileEvent>>();
        for (const [sig, g] of groups) {
          (await profiles.eventsOf(g.ids, g.args)).forEach((page, i) => pages.set(`${sig}|${g.ids[i]}`, page));
        }
        return keys.map((k) => pages.get(`${JSON.stringify(k.args)}|${k.profileId}`)!);
      },
      { cacheKeyFn: (k) => `${JSON.stringify(k.args)}|${k.profileId}` },
    ),
  };
}
