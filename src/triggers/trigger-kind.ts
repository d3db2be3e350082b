/** The behaviours that fire triggers. Values are stored in `trigger_occurrences.kind` and prefix dedupe keys. */
export enum TriggerKind {
  ABANDONED_CART = 'abandoned_cart',
  BIRTHDAY = 'birthday',
  REPURCHASE = 'repurchase',
}

export const TRIGGER_KINDS = Object.values(TriggerKind);

/** One fired trigger: delivered once to subscribers and once to each matching webhook. */
export interface TriggerOccurrenceRecord {
  id: number;
  cursor: string;
  kind: TriggerKind;
  profileId: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** The name clients see (GraphQL enum name, webhook bodies): `ABANDONED_CART`. */
export function publicKindName(kind: TriggerKind): string {
  return kind.toUpperCase();
}
