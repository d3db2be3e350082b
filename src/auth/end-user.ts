import { jwtVerify, errors as joseErrors } from 'jose';
import { ForbiddenError, UnauthenticatedError, unstorableText } from '../common';
import type { Principal } from './principal';

/** Longest an end-user token may still live, counted from now: they are meant to be short-lived. */
const MAX_TOKEN_LIFETIME_S = 24 * 3600;
/** How far the signer's clock may be off from ours, in either direction. */
export const MAX_CLOCK_SKEW_S = 60;

/**
 * Verifies a signed end-user token (HS256 JWT, `sub` = user id, `exp` required) with
 * the secret the backend received when the `personalize` key was created. Its remaining
 * lifetime is counted from now (a token cannot outlive 24 h by claiming an old `iat`), and
 * a token issued, or valid only, in the future is refused; clocks may differ by 60 s.
 */
export async function verifyUserToken(token: string, secret: string, now = Date.now()): Promise<string> {
  try {
    const nowS = Math.floor(now / 1000);
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
      clockTolerance: MAX_CLOCK_SKEW_S,
      currentDate: new Date(now),
    });
    if (payload.exp! - nowS > MAX_TOKEN_LIFETIME_S + MAX_CLOCK_SKEW_S) throw new UnauthenticatedError('User token lives too long: it may expire at most 24 h from now');
    if (payload.iat !== undefined && payload.iat > nowS + MAX_CLOCK_SKEW_S) throw new UnauthenticatedError('User token is issued in the future (iat)');
    if (!payload.sub) throw new UnauthenticatedError('User token is invalid: it names no user (sub)');
    // The user id becomes an identity value: the same rules as one sent in an event.
    if (payload.sub.length > 256 || unstorableText(payload.sub)) throw new UnauthenticatedError('User token is invalid: its sub is not a usable user id (text of at most 256 characters)');
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
