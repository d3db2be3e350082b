import DataLoader from 'dataloader';
import { pagesByArgs, type Page } from '../common';
import type { Identity, ProfileEvent, ProfileMerge } from './profile.types';
import type { EventPageArgs, ProfilesService } from './profiles.service';

export type ProfileLoaders = ReturnType<typeof profileLoaders>;

/** Per-request batching of the profile fields a list of profiles asks for (one statement per field, not per row). */
export function profileLoaders(profiles: ProfilesService) {
  return {
    identities: new DataLoader<string, Identity[]>((ids) => profiles.identitiesOf(ids)),
    merges: new DataLoader<string, ProfileMerge[]>((ids) => profiles.mergesInto(ids)),
    events: new DataLoader<{ profileId: string; args: EventPageArgs }, Page<ProfileEvent>, string>(
      (keys) => pagesByArgs(keys, (k) => ({ id: k.profileId, args: k.args }), (ids, args) => profiles.eventsOf(ids, args)),
      { cacheKeyFn: eventPageKey },
    ),
  };
}

const eventPageKey = (k: { profileId: string; args: EventPageArgs }) => `${JSON.stringify(k.args)}|${k.profileId}`;
