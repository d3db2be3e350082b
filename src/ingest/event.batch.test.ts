import { ForbiddenError, ValidationErrors } from '../common';
import { batchRefusal, rejectedField, sortBatch } from './event.batch';
import type { NormalizeOptions } from './event.normalize';

const NOW = new Date('2026-06-01T12:00:00.000Z');
const options = (extra: Partial<NormalizeOptions> = {}): NormalizeOptions => ({
  limits: { maxBatchEvents: 5, maxBodyBytes: 1 << 20, maxFutureSkewMs: 86_400_000 },
  identity: { blockedValues: ['anonymous', 'null'], limits: {} },
  source: 'http',
  now: NOW,
  ...extra,
});
const track = (messageId: string, extra: Record<string, unknown> = {}) => ({ type: 'track', userId: 'u-1', event: 'Viewed', messageId, ...extra });

describe('a batch sorted message by message', () => {
  test('valid messages keep their index; each invalid one is rejected with its messageId, code, message and path', () => {
    const sorted = sortBatch(
      [
        track('m-0'),
        track('m-1', { timestamp: 'yesterday' }),
        'not a message',
        track('m-3', { userId: 'anonymous' }),
        track('m-4', { properties: { revenue: 'abc' }, event: 'Order Completed' }),
      ],
      options(),
      'batch',
    );
    expect(sorted.valid.map((v) => [v.index, v.event.messageId])).toEqual([[0, 'm-0']]);
    expect(sorted.rejected).toEqual([
      { index: 1, messageId: 'm-1', code: 'BAD_USER_INPUT', message: 'unparseable timestamp "yesterday"; use ISO 8601', path: 'batch[1].timestamp' },
      { index: 2, messageId: null, code: 'BAD_USER_INPUT', message: 'must be a JSON object', path: 'batch[2]' },
      { index: 3, messageId: 'm-3', code: 'BAD_USER_INPUT', message: expect.stringMatching(/^missing identity/), path: 'batch[3].userId' },
      { index: 4, messageId: 'm-4', code: 'BAD_USER_INPUT', message: 'must be a number', path: 'batch[4].properties.revenue' },
    ]);
  });

  test('what a public key may not send rejects just that message, as FORBIDDEN', () => {
    const sorted = sortBatch(
      [
        { type: 'track', anonymousId: 'visitor', event: 'Viewed', messageId: 'p-0' },
        { type: 'track', userId: 'someone-else', event: 'Viewed', messageId: 'p-1' },
        { type: 'alias', userId: 'visitor-user', previousId: 'victim', messageId: 'p-2' },
      ],
      options({ caller: {} }),
      'batch',
    );
    expect(sorted.valid.map((v) => v.index)).toEqual([0]);
    expect(sorted.rejected).toEqual([
      { index: 1, messageId: 'p-1', code: 'FORBIDDEN', message: expect.stringMatching(/signed user token/), path: 'batch[1].userId' },
      { index: 2, messageId: 'p-2', code: 'FORBIDDEN', message: expect.stringMatching(/ingest key/), path: 'batch[2].type' },
    ]);
  });

  test('a messageId that is not a usable string is not echoed', () => {
    const sorted = sortBatch([track('x', { messageId: { a: 1 } }), track('y', { messageId: 'm'.repeat(201) })], options(), 'batch');
    expect(sorted.rejected.map((r) => [r.messageId, r.path])).toEqual([[null, 'batch[0].messageId'], [null, 'batch[1].messageId']]);
  });

  test('every message of a batch gets the same receipt time and the batch sentAt', () => {
    const sentAt = new Date(NOW.getTime() + 3600_000).toISOString();
    const sorted = sortBatch([track('a', { timestamp: sentAt }), track('b')], options({ batchSentAt: sentAt }), 'batch');
    expect(sorted.valid.map((v) => v.event.occurredAt.toISOString())).toEqual([NOW.toISOString(), NOW.toISOString()]);
  });

  test.each<[string, unknown, Partial<NormalizeOptions>, RegExp, string]>([
    ['not a list', { type: 'track' }, {}, /must be a list/, 'batch'],
    ['empty', [], {}, /at least one/, 'batch'],
    ['longer than INGEST_MAX_BATCH', Array.from({ length: 6 }, (_, i) => track(`l-${i}`)), {}, /at most 5 events; this one has 6/, 'batch'],
    ['sent with an unreadable batch sentAt', [track('s-0')], { batchSentAt: 'later' }, /ISO 8601/, 'sentAt'],
  ])('a batch that is %s is refused whole', (_, raw, extra, why, path) => {
    expect(() => sortBatch(raw, options(extra), 'batch')).toThrow(why);
    try {
      sortBatch(raw, options(extra), 'batch');
    } catch (error) {
      expect((error as { details: { path?: string } }).details.path).toBe(path);
    }
  });
});

describe('an all-or-nothing batch with rejected messages', () => {
  const bad = { index: 1, messageId: 'm', code: 'BAD_USER_INPUT' as const, message: 'must be an object', path: 'events[1]' };
  const forbidden = { index: 3, messageId: null, code: 'FORBIDDEN' as const, message: 'not yours', path: 'events[3].userId' };

  test('is refused naming every problem', () => {
    const refusal = batchRefusal([bad, { ...bad, index: 2, path: 'events[2].type', message: 'must be one of …' }]);
    expect(refusal).toBeInstanceOf(ValidationErrors);
    expect((refusal as ValidationErrors).problems).toEqual([
      { path: 'events[1]', message: 'must be an object' },
      { path: 'events[2].type', message: 'must be one of …' },
    ]);
  });

  test('is FORBIDDEN when a message claims what the key may not', () => {
    const refusal = batchRefusal([bad, forbidden]);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal.message).toBe('events[3].userId: not yours');
    expect(refusal.details).toEqual({ path: 'events[3].userId' });
  });
});

test.each([
  ['batch[3].timestamp', 'timestamp'],
  ['events[12].properties.revenue', 'properties'],
  ['batch[0].context.device.id', 'context'],
  ['batch[0].identities[2].kind', 'identities'],
  ['batch[7]', 'message'],
  ['body.userId', 'userId'],
  ['input.traits.email', 'traits'],
  ['batch[1].someVendorField.k', 'other'],
  ['batch[1].integrations.k', 'other'],
])('a rejection at %s counts under field %s', (path, field) => {
  expect(rejectedField(path)).toBe(field);
});
