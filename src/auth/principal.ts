import { ForbiddenError, UnauthenticatedError } from '../common';
import type { Scope } from './api-key.entity';

/** Who is calling: the key that authenticated the request and what it may do. */
export interface Principal {
  keyId: string;
  name: string;
  scopes: readonly Scope[];
  /** For `personalize` keys: the user named by a verified end-user token, if one was sent. */
  userId?: string;
  /** The browser origins the key is restricted to (normalized); undefined: not restricted. */
  allowedOrigins?: readonly string[];
}

export function hasScope(principal: Principal | undefined, scope: Scope): boolean {
  return !!principal && (principal.scopes.includes('admin') || principal.scopes.includes(scope));
}

/** Throws UNAUTHENTICATED without a key and FORBIDDEN when no listed scope is held. */
export function requireScope(principal: Principal | undefined, ...anyOf: Scope[]): Principal {
  if (!principal) throw new UnauthenticatedError('An API key is required: send "Authorization: Bearer <key>"');
  if (!anyOf.some((s) => hasScope(principal, s))) {
    throw new ForbiddenError(`This key lacks the scope needed here (one of: ${anyOf.join(', ')})`);
  }
  return principal;
}
