import { SignJWT } from 'jose';
import { assertMayActFor, verifyUserToken } from './end-user';
import type { Principal } from './principal';

const secret = 'ut_test-secret-test-secret-test-secret';
const sign = (claims: { sub?: string; expIn?: number; iatIn?: number; nbfIn?: number }, key = secret) => {
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + (claims.iatIn ?? 0));
  if (claims.sub) jwt = jwt.setSubject(claims.sub);
  if (claims.expIn !== undefined) jwt = jwt.setExpirationTime(now + claims.expIn);
  if (claims.nbfIn !== undefined) jwt = jwt.setNotBefore(now + claims.nbfIn);
  return jwt.sign(new TextEncoder().encode(key));
};

test('a valid token yields its subject', async () => {
  expect(await verifyUserToken(await sign({ sub: 'user-1', expIn: 600 }), secret)).toBe('user-1');
});

test('clocks may differ by up to 60 s: a token issued 30 s ahead, valid from 30 s ahead, or expired 30 s ago is taken', async () => {
  expect(await verifyUserToken(await sign({ sub: 'u', iatIn: 30, nbfIn: 30, expIn: 600 }), secret)).toBe('u');
  expect(await verifyUserToken(await sign({ sub: 'u', iatIn: -600, expIn: -30 }), secret)).toBe('u');
  expect(await verifyUserToken(await sign({ sub: 'u', expIn: 86400 + 30 }), secret)).toBe('u');
});

test.each([
  ['expired', { sub: 'u', iatIn: -600, expIn: -120 }, secret, /expired/],
  ['signed with another secret', { sub: 'u', expIn: 600 }, 'another-secret-another-secret-xx', /invalid/],
  ['without exp', { sub: 'u' }, secret, /invalid/],
  ['without sub', { expIn: 600 }, secret, /invalid/],
  ['living longer than a day', { sub: 'u', expIn: 3 * 86400 }, secret, /too long/],
  ['claiming an old iat to live a day from now and more', { sub: 'u', iatIn: -3600, expIn: 86400 + 600 }, secret, /too long/],
  ['issued in the future (beyond 60 s of skew)', { sub: 'u', iatIn: 300, expIn: 600 }, secret, /future/],
  ['not valid before a time beyond the skew', { sub: 'u', nbfIn: 300, expIn: 600 }, secret, /invalid/],
  ['expired more than 60 s ago', { sub: 'u', expIn: -61 }, secret, /expired/],
  ['naming a user with a NUL character', { sub: 'u\u0000x', expIn: 600 }, secret, /usable user id/],
  ['naming a user with a lone surrogate', { sub: 'u\ud800', expIn: 600 }, secret, /usable user id/],
  ['naming a user id longer than 256 characters', { sub: 'u'.repeat(257), expIn: 600 }, secret, /usable user id/],
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
