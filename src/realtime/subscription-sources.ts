import type { RequestContext } from '../auth';

/** The stream behind one Subscription field, from its arguments and the subscriber's context. */
export type SubscriptionSource = (args: Record<string, unknown>, context: RequestContext) => AsyncIterable<unknown> | Promise<AsyncIterable<unknown>>;

/**
 * A resolver serving Subscription fields names their streams by field name. type-graphql's
 * `subscribe` option is a static function that never sees the resolver instance (and so
 * none of the services it was constructed with); the schema builder binds these instead
 * (src/app/schema.ts), and refuses to build while a Subscription field has no source.
 */
export interface ServesSubscriptions {
  readonly subscriptionSources: Record<string, SubscriptionSource>;
}

/** The `subscribe` option for fields whose source is bound when the schema is built. */
export function boundWhenSchemaIsBuilt(): never {
  throw new Error('subscription source not bound: build the schema with src/app/schema.ts');
}
