/** Computed traits: per-profile values computed from events, kept current on ingest and as time passes. */
export { ComputedTrait, ComputedTraitChange, ComputedTraitCause } from './computed-trait.types';
export { computedTraitLoaders } from './computed-traits.loaders';
export { ComputedTraitsResolver, ProfileComputedResolver } from './computed-traits.resolver';
export { ComputedTraitsService, type ComputedTraitInput } from './computed-traits.service';
