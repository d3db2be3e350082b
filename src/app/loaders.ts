import { profileLoaders } from '../profiles';
import { accountLoaders } from '../accounts';
import { segmentLoaders } from '../segments';
import { consentLoaders } from '../privacy';
import { computedTraitLoaders } from '../computed-traits';
import type { Services } from './services';

/** Every feature's DataLoaders, made fresh for each request that uses one. */
export type Loaders = ReturnType<ReturnType<typeof loadersOf>>;

export function loadersOf(services: Services) {
  return () => ({
    ...profileLoaders(services.profiles),
    ...accountLoaders(services.accounts),
    ...segmentLoaders(services.segments),
    ...consentLoaders(services.consent),
    ...computedTraitLoaders(services.computedTraits),
  });
}
