import {
  CreateContentItemDocument, IngestDocument, PersonalizeDocument, type CreateContentItemInput, type EventInput, type PersonalizeQuery,
  type PersonalizeQueryVariables,
} from '../generated/graphql';
import type { TestApp } from './app';
import { ok } from './graphql';

/** Steps many tests take, built on the typed operations in test/operations. */

/** Ingests events through the GraphQL ingest mutation, which must succeed; returns its counts and profile ids. */
export async function ingest(t: TestApp, events: EventInput[], key?: string) {
  return (await ok(t, IngestDocument, { events }, key)).ingest;
}

/** A banner content item titled and worded after its key (`extra` overrides). */
export async function createContent(t: TestApp, key: string, extra: Partial<CreateContentItemInput> = {}) {
  return (await ok(t, CreateContentItemDocument, { input: { key, type: 'banner', title: key, payload: { text: key }, ...extra } })).createContentItem;
}

export type DecisionView = PersonalizeQuery['personalize'];
/** Who a decision is for: user id and/or anonymous id, and the request context. */
export type Visitor = Omit<PersonalizeQueryVariables, 'placement'>;

/** The decision for a placement, which must succeed (with `key`, or the admin key). */
export async function personalize(t: TestApp, placement: string, who: Visitor, key?: string): Promise<DecisionView> {
  return (await ok(t, PersonalizeDocument, { placement, ...who }, key)).personalize;
}
