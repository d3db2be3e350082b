import type { Principal } from './principal';

/**
 * What one GraphQL operation carries: who is calling and the request's DataLoaders.
 * Services are not in it: resolvers receive theirs when they are constructed
 * (src/app/resolvers.ts). Each feature declares the loaders it needs beside its
 * resolver and types its context with them, e.g. `RequestContext<ProfileLoaders>`.
 */
export interface RequestContext<L = object> {
  readonly requestId: string;
  readonly principal?: Principal;
  readonly loaders: L;
}

/**
 * The caller of an operation that the access rules let through: every field but
 * `__typename` needs a scope, so a key is always present by the time a resolver runs.
 */
export function callerOf(context: RequestContext): Principal {
  if (!context.principal) throw new Error('no principal: the access guard must run before resolvers');
  return context.principal;
}
