/** Segments: definitions, the one compiler, membership (real time, recompute, the writer others use). */
export { compileCondition, computedKeysOf, unknownComputedTraits, validateCondition, type SegmentCondition } from './conditions';
export { eventFilterSql, eventNumberSql, validateEventFilters, type EventPropertyFilters } from './event-filters';
export { MembershipExpiry, type ComputedChange, type ExpiryRun } from './membership-expiry';
export { MembershipRealtime } from './membership-realtime';
export { MembershipWriter } from './membership-writer';
export { SegmentCatalog } from './segment-catalog';
export { MembershipCause, MembershipChange, Segment } from './segment.types';
export { segmentLoaders } from './segments.loaders';
export { ProfileSegmentsResolver, SegmentsForResolver, SegmentsResolver } from './segments.resolver';
export { SegmentsService, type SegmentInput } from './segments.service';
export { LIMITS as LANGUAGE_LIMITS, type ComputedTraitDefinition } from './dsl/ast';
export { isRelativeWindow } from './dsl/compile-event';
export { statValueSql } from './dsl/compile-stat';
export { computedNextChange, computedValuesSql, emptyValueOf } from './dsl/compile-computed';
export { computedIncrement, MAX_STATE_ENTRIES, needsState } from './dsl/compile-computed-increment';
export { readComputedKey, validateComputedTraitDefinition } from './dsl/validate-computed';
export { ProblemList } from './dsl/validate-values';
