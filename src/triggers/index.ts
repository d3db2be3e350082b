/** Behaviour triggers (abandoned cart, birthday, repurchase) and their occurrences. */
export { TRIGGER_KINDS, TriggerKind, publicKindName } from './trigger-kind';
export { TriggerOccurrence } from './trigger.types';
export { TriggersResolver } from './triggers.resolver';
export { TriggersService, toOccurrence, type FiredOccurrence } from './triggers.service';
