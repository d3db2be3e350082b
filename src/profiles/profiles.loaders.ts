import DataLoader from 'dataloader';
import type { Page } from '../common';
import type { Identity, ProfileEvent, ProfileMerge } from './profile.types';
import type { EventPageArgs, ProfilesService } from './profiles.service';

export type ProfileLoaders = ReturnType<typeof profileLoaders>;

/** Per-request batching of the profile fields a list of profiles asks for (one statement per field, not per row). */
export function profileLoaders(profiles: ProfilesService) {
  return {
    identities: new DataLoader<string, Identity[]>((ids) => profiles.identitiesOf(ids)),
    merges: new DataLoader<string, ProfileMerge[]>((ids) => profiles.mergesInto(ids)),
    events: new DataLoader<{ profileId: string; args: EventPageArgs }, Page<ProfileEvent>, string>((keys) => eventPages(profiles, keys), {
      cacheKeyFn: eventPageKey,
    }),
  };
}

const eventPageKey = (k: { profileId: string; args: EventPageArgs }) => `${JSON.stringify(k.args)}|${k.profileId}`;

/** Keys in one batch may carry different page arguments: one statement per distinct set. */
async function eventPages(profiles: ProfilesService, keys: readonly { profileId: string; args: EventPageArgs }[]): Promise<Page<ProfileEvent>[]> {
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
  return keys.map((k) => pages.get(eventPageKey(k))!);
}
