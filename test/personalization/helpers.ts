import type { TestApp } from '../support/app';
import { ok } from '../support/graphql';

export const CREATE_CONTENT = `mutation($input: CreateContentItemInput!) { createContentItem(input: $input) { id key version active } }`;
export const CREATE_PLACEMENT = `mutation($input: CreatePlacementInput!) { createPlacement(input: $input) { id key version rules { position enabled } } }`;
export const UPDATE_PLACEMENT = `mutation($key: String!, $input: UpdatePlacementInput!) { updatePlacement(key: $key, input: $input) { key version } }`;
export const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { id key } }`;
export const INGEST = `mutation($events: [EventInput!]!) { ingest(events: $events) { accepted profileIds } }`;
export const PERSONALIZE = `query($placement: String!, $userId: String, $anonymousId: String, $context: JSONObject) {
  personalize(placement: $placement, userId: $userId, anonymousId: $anonymousId, context: $context) {
    placement reason experiment variant content { key } rule { position } segment { key }
  }
}`;

export interface DecisionView {
  placement: string;
  reason: string;
  experiment: string | null;
  variant: string | null;
  content: { key: string } | null;
  rule: { position: number } | null;
  segment: { key: string } | null;
}

export async function content(t: TestApp, key: string, extra: Record<string, unknown> = {}): Promise<void> {
  await ok(t, CREATE_CONTENT, { input: { key, type: 'banner', title: key, payload: { text: key }, ...extra } });
}

export async function personalize(t: TestApp, placement: string, who: { userId?: string; anonymousId?: string; context?: unknown }, key?: string): Promise<DecisionView> {
  return (await ok(t, PERSONALIZE, { placement, ...who }, key)).personalize as DecisionView;
}
