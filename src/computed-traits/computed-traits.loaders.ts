import DataLoader from 'dataloader';
import type { ComputedTraitsService } from './computed-traits.service';

export type ComputedTraitLoaders = ReturnType<typeof computedTraitLoaders>;

export function computedTraitLoaders(traits: ComputedTraitsService) {
  return {
    profileComputed: new DataLoader<string, Record<string, unknown>>((ids) => traits.valuesOf(ids)),
  };
}
