import { ProfileCache, type ProfileCacheDeps } from '../realtime';

/** What a decision needs to know about a profile, as last read from the database. */
export interface ProfileFacts {
  profileId: string;
  /** Personalization consent as recorded (the request's own context is applied on top). */
  consented: boolean;
  segmentIds: ReadonlySet<string>;
}

/**
 * Profile facts by identity (user id, or anonymous id when no user id was given); only
 * identities that name a profile are kept. Memberships announce their changes
 * (`membership`), and triggers on identities and consents the rest (`profiles`).
 */
export type ProfileFactsCache = ProfileCache<ProfileFacts>;

export function profileFactsCache(capacity: number, deps: ProfileCacheDeps): ProfileFactsCache {
  return new ProfileCache<ProfileFacts>(capacity, deps, { channels: ['membership', 'profiles'], profileOf: (facts) => facts.profileId });
}
