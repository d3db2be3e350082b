import { jwtVerify, errors as joseErrors } from 'jose';
import { ForbiddenError, UnauthenticatedError } from '../common';
import type { Principal } from './principal';

/** Longest lifetime accepted for an end-user token: they are meant to be short-lived. */
const MAX_TOKEN_LIFETIME_S = 24 * 3600;

/**
 * Verifies a signed end-user token (HS256 JWT, `sub` = user id, `exp` required) with
 * the secret the backend received when the `personalize` key was created.
 */
export async function verifyUserToken(token: string, secret: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
    const lifetime = payload.exp! - (payload.iat ?? Math.floor(Date.now() / 1000));
    if (lifetime > MAX_TOKEN_LIFETIME_S) throw new UnauthenticatedError('User token lives too long: at most 24 h between iat and exp');
    return String(payload.sub);
  } catch (e) {
    if (e instanceof UnauthenticatedError) throw e;
    const reason = e instanceof joseErrors.JWTExpired ? 'expired' : 'invalid';
    throw new UnauthenticatedError(`User token is ${reason}`);
  }
}

export interface ActingFor {
  userId?: string | null;
  anonymousId?: string | null;
}

/**
 * A `personalize` key (a browser or app) may act only for an anonymous id, or for the
 * user its signed token names. Backend keys (`read`, `admin`) may act for anyone.
 */
export function assertMayActFor(principal: Principal, target: ActingFor): void {
  if (principal.scopes.includes('admin') || principal.scopes.includes('read')) return;
  if (target.userId && target.userId !== principal.userId) {
    throw new ForbiddenError(
      principal.userId
        ? 'This user token is for another user'
        : 'A personalize key may name a userId only with a signed user token (X-User-Token); use anonymousId otherwise',
    );
  }
  if (!target.userId && !target.anonymousId && !principal.userId) throw new ForbiddenError('A personalize key must act for a userId or an anonymousId');
}
