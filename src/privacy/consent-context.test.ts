import { consentFromContext } from './consent-context';

test.each([
  [{ consent: { categoryPreferences: { Personalization: true, MARKETING: false, Advertising: true } } }, { personalization: true, marketing: false }],
  [{ consent: { personalization: false, analytics: true } }, { personalization: false, analytics: true }],
  [{ consent: { personalization: 'yes', marketing: 1, analytics: null } }, {}],
  [{ consent: { categoryPreferences: 'all' } }, {}],
  [{ consent: [true] }, {}],
  [{ consent: null }, {}],
  [{}, {}],
  [null, {}],
  ['context', {}],
])('consentFromContext(%j) = %j', (context, expected) => {
  expect(consentFromContext(context)).toEqual(expected);
});
