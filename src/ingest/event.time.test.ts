import { ValidationError } from '../common';
import { eventTime, type ClockOptions } from './event.time';

const RECEIVED = Date.parse('2026-06-01T12:00:00.000Z');
const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
const clock = (batchSentAt?: number): ClockOptions => ({ receivedAt: new Date(RECEIVED), batchSentAt, maxFutureSkewMs: DAY });

describe('when an event happened: Segment\'s rule, timestamp = receivedAt − (sentAt − client time)', () => {
  test.each<[string, Record<string, unknown>, number | undefined, string, string | null]>([
    ['no time at all: the receipt time', {}, undefined, iso(RECEIVED), null],
    ['timestamp without sentAt: taken as sent (historical import over HTTP)', { timestamp: '2011-12-09T12:50:00Z' }, undefined, '2011-12-09T12:50:00.000Z', null],
    ['a phone 1 h ahead: timestamp and sentAt both ahead', { timestamp: iso(RECEIVED + HOUR - 10 * SECOND), sentAt: iso(RECEIVED + HOUR) }, undefined, iso(RECEIVED - 10 * SECOND), null],
    ['a phone 3 days behind', { timestamp: iso(RECEIVED - 3 * DAY - 5 * 60 * SECOND), sentAt: iso(RECEIVED - 3 * DAY) }, undefined, iso(RECEIVED - 5 * 60 * SECOND), null],
    ['a phone a year ahead (beyond the allowed skew, corrected back, not clamped)', { timestamp: iso(RECEIVED + 365 * DAY - 2 * SECOND), sentAt: iso(RECEIVED + 365 * DAY) }, undefined, iso(RECEIVED - 2 * SECOND), null],
    ['originalTimestamp alone is the client time', { originalTimestamp: iso(RECEIVED + HOUR - 10 * SECOND), sentAt: iso(RECEIVED + HOUR) }, undefined, iso(RECEIVED - 10 * SECOND), null],
    ['the batch sentAt serves messages without their own', { timestamp: iso(RECEIVED + HOUR - 10 * SECOND) }, RECEIVED + HOUR, iso(RECEIVED - 10 * SECOND), null],
    ['a message sentAt wins over the batch one', { timestamp: iso(RECEIVED - 10 * SECOND), sentAt: iso(RECEIVED) }, RECEIVED + HOUR, iso(RECEIVED - 10 * SECOND), null],
    ['an SDK sending history: the network time shifts it, like Segment', { timestamp: '2010-12-01T08:26:00.000Z' }, RECEIVED - 150, '2010-12-01T08:26:00.150Z', null],
    [
      'timestamp and originalTimestamp both: already corrected upstream (a replayed export), taken as it is',
      { timestamp: '2024-03-01T10:00:00.000Z', originalTimestamp: '2024-03-01T11:00:05.000Z', sentAt: '2024-03-01T11:00:10.000Z', receivedAt: '2024-03-01T10:00:05.000Z' },
      undefined,
      '2024-03-01T10:00:00.000Z',
      null,
    ],
    ['epoch milliseconds', { timestamp: Date.UTC(2026, 0, 2, 3, 4, 5) }, undefined, '2026-01-02T03:04:05.000Z', null],
    ['fractional milliseconds are rounded', { timestamp: Date.UTC(2026, 0, 2) + 0.6 }, undefined, '2026-01-02T00:00:00.001Z', null],
    ['exactly the allowed skew ahead: kept', { timestamp: iso(RECEIVED + DAY) }, undefined, iso(RECEIVED + DAY), null],
    ['2 days ahead with no sentAt: clamped to receipt, the claim kept', { timestamp: iso(RECEIVED + 2 * DAY) }, undefined, iso(RECEIVED), iso(RECEIVED + 2 * DAY)],
    ['3 days ahead of a correct sentAt: clamped', { timestamp: iso(RECEIVED + 3 * DAY), sentAt: iso(RECEIVED) }, undefined, iso(RECEIVED), iso(RECEIVED + 3 * DAY)],
    ['year 9999: clamped', { timestamp: '9999-12-31T23:59:59Z' }, undefined, iso(RECEIVED), '9999-12-31T23:59:59.000Z'],
  ])('%s', (_, message, batchSentAt, occurredAt, clampedFrom) => {
    const time = eventTime(message, clock(batchSentAt), 'batch[0]');
    expect({ occurredAt: time.occurredAt.toISOString(), clampedFrom: time.clampedFrom?.toISOString() ?? null }).toEqual({ occurredAt, clampedFrom });
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['before 1990', { timestamp: '1989-12-31T23:59:59Z' }, 'batch[0].timestamp', /before 1990/],
    ['before 1990 once corrected (a sentAt far ahead)', { timestamp: '2026-06-01T11:00:00Z', sentAt: '2070-01-01T00:00:00Z' }, 'batch[0].timestamp', /before 1990-01-01 once corrected/],
    ['after 9999 once corrected (a sentAt far behind)', { originalTimestamp: '9999-01-01T00:00:00Z', sentAt: '1990-01-01T00:00:00Z' }, 'batch[0].originalTimestamp', /after 9999-12-31 once corrected/],
    ['an epoch beyond year 9999', { timestamp: 8.64e15 }, 'batch[0].timestamp', /after 9999/],
    ['unparseable', { timestamp: 'yesterday' }, 'batch[0].timestamp', /ISO 8601/],
    ['an unparseable sentAt', { timestamp: iso(RECEIVED), sentAt: 'soon' }, 'batch[0].sentAt', /ISO 8601/],
    ['an unparseable originalTimestamp beside a good timestamp', { timestamp: iso(RECEIVED), originalTimestamp: {} }, 'batch[0].originalTimestamp', /ISO 8601/],
  ])('%s: BAD_USER_INPUT at the field', (_, message, path, why) => {
    let thrown: unknown;
    try {
      eventTime(message, clock(), 'batch[0]');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect((thrown as ValidationError).path).toBe(path);
    expect((thrown as ValidationError).message).toMatch(why);
  });
});
