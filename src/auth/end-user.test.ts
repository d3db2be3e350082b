import { SignJWT } from 'jose';
import { assertMayActFor, verifyUserToken } from './end-user';
import type { Principal } from './principal';

const secret = 'ut_test-secret-test-secret-test-secret';
const sign = (claims: { sub?: string; expIn?: number; iat?: number }, key = secret) => {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(claims.iat ?? now);
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  if (claims.expIn !== undefined) jwt = jwt.setExpirationTime(now + claims.expIn);
  return jwt.sign(new TextEncoder().encode(key));
};

test('a valid token yields its subject', async () => {
  expect(await verifyUserToken(await sign({ sub: 'user-1', expIn: 600 }), secret)).toBe('user-1');
});

test.each([
  ['expired', { sub: 'u', expIn: -10 }, secret, /expired/],
  ['signed with another secret', { sub: 'u', expIn: 600 }, 'another-secret-another-secret-xx', /invalid/],
  ['without exp', { sub: 'u' }, secret, /invalid/],
  ['without sub', { expIn: 600 }, secret, /invalid/],
  ['living longer than a day', { sub: 'u', expIn: 3 * 86400 }, secret, /too long/],
])('a token %s is refused', async (_label, claims, key, message) => {
  await expect(verifyUserToken(await sign(claims, key), secret)).rejects.toThrow(message);
});

const frontend: Principal = { keyId: 'k', name: 'web', scopes: ['personalize'] };
const backend: Principal = { keyId: 'k', name: 'bi', scopes: ['read'] };

test.each([
  [frontend, { anonymousId: 'a1' }, true],
  [frontend, { userId: 'u1' }, false],
  [{ ...frontend, userId: 'u1' }, { userId: 'u1' }, true],
  [{ ...frontend, userId: 'u1' }, { userId: 'u2' }, false],
  [{ ...frontend, userId: 'u1' }, {}, true],
  [frontend, {}, false],
  [backend, { userId: 'anyone' }, true],
])('principal %j acting for %j allowed: %s', (principal, target, allowed) => {
  const act = () => assertMayActFor(principal as Principal, target);
  if (allowed) expect(act).not.toThrow();
  else expect(act).toThrow(/personalize key|another user/);
});
