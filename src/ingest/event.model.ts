import type { OrderAction } from '../commerce';
import type { IdentityRef } from '../profiles';

export const EVENT_TYPES = ['track', 'identify', 'page', 'screen', 'alias', 'group'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type JsonObject = Record<string, unknown>;

/** An event after validation: what the ingestion transaction works with. */
export interface NormalizedEvent {
  type: EventType;
  messageId: string;
  /** Identities in priority order (user_id first); blocked values already removed. */
  identities: IdentityRef[];
  /** For alias: the identity being linked to `identities`. */
  previousId?: string;
  name: string | null;
  properties: JsonObject;
  /** The person's traits (identify); never a group call's, which belong to its account. */
  traits: JsonObject | null;
  /** The account the event names: a group call's `groupId` and traits, or `context.groupId` (no traits). */
  account?: AccountRef;
  context: JsonObject;
  /** Unknown top-level fields (`integrations`, `channel`, ...), kept verbatim. */
  extra: JsonObject | null;
  occurredAt: Date;
  /** The time the client claimed, when it was still more than INGEST_MAX_FUTURE_SKEW_MS ahead after clock-skew correction (`occurredAt` is then the receipt time). */
  clampedFrom: Date | null;
  /** What an order event (Order Completed / Updated / Refunded / Cancelled) says; null for other events. */
  order: OrderAction | null;
  /** The order amount an `Order Completed` or `Order Updated` states (its effect on the counters is the ledger's). */
  revenue: number | null;
  /** The channel it came through: graphql, http, import, ... */
  source: string;
  /** Whose messageIds it shares: the API key that sent it (messageIds are unique per source key), or the channel for keyless tools. */
  sourceKey: string;
  /** Identity values a public caller sent that linked nothing (paths such as `events[0].traits.email`). */
  ignoredIdentities: string[];
}

/** An account (Segment `group`) an event names; group ids are compared as sent (trimmed). */
export interface AccountRef {
  groupId: string;
  /** Shallow-merged into the account's traits; null when the event only links the person. */
  traits: JsonObject | null;
}

/**
 * What an event from a public key (a browser or app holding a `personalize` key) may
 * claim: its anonymous id, or the user id of its verified end-user token.
 */
export interface PublicCaller {
  userId?: string;
}

/** Why one message of a batch was not stored while the others were (partial ingestion). */
export interface RejectedEvent {
  /** Its position in the batch, from 0. */
  index: number;
  /** The messageId it was sent with, when that is a usable string. */
  messageId: string | null;
  code: 'BAD_USER_INPUT' | 'FORBIDDEN';
  message: string;
  /** The field at fault, e.g. `batch[3].timestamp`. */
  path: string;
}

export const ORDER_COMPLETED = 'Order Completed';
