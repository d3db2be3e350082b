import { ValidationError } from '../common';
import type { JsonObject } from './event.model';

const EARLIEST = Date.UTC(1990, 0, 1);
/** The last instant a four-digit ISO 8601 year names; later ones PostgreSQL would not read back from ISO text. */
const LATEST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export interface ClockOptions {
  /** When the message arrived: Segment's `receivedAt`. */
  receivedAt: Date;
  /** `sentAt` of the enclosing batch (already parsed), for messages that carry none of their own. */
  batchSentAt?: number;
  /** How far ahead of `receivedAt` a corrected time may be before it is clamped. */
  maxFutureSkewMs: number;
}

export interface EventTime {
  occurredAt: Date;
  /** The corrected time the client claimed, when it was further ahead than allowed; `occurredAt` is then the receipt time. */
  clampedFrom: Date | null;
}

/**
 * When an event happened, by Segment's rule (spec, "Timestamps"): the client's time is
 * corrected by the client's clock skew, `receivedAt − (sentAt − clientTime)`, whenever the
 * message or its batch says when it was sent (every Segment SDK does). The client's time
 * is `timestamp`, else `originalTimestamp`; without either, the receipt time.
 *
 * A message with both was already received and corrected by a Segment pipeline (an export
 * being replayed): Segment keeps the client's time as `originalTimestamp` beside the
 * corrected `timestamp`, so `timestamp` wins and is taken as it is — correcting it again
 * would count the skew twice, and the export's old `sentAt` would move it to the replay day.
 *
 * A time still more than `maxFutureSkewMs` ahead after correction is not refused: the event
 * is stored at its receipt time and `clampedFrom` keeps what was claimed.
 */
export function eventTime(msg: JsonObject, options: ClockOptions, path: string): EventTime {
  const receivedAt = options.receivedAt.getTime();
  const timestamp = parseTime(msg.timestamp, `${path}.timestamp`);
  const original = parseTime(msg.originalTimestamp, `${path}.originalTimestamp`);
  const sentAt = parseTime(msg.sentAt, `${path}.sentAt`) ?? options.batchSentAt;
  const claimed = timestamp ?? original;
  if (claimed === undefined) return { occurredAt: new Date(receivedAt), clampedFrom: null };
  const field = `${path}.${timestamp !== undefined ? 'timestamp' : 'originalTimestamp'}`;
  const alreadyCorrected = timestamp !== undefined && original !== undefined;
  // receivedAt − (sentAt − claimed), written as the shift it applies.
  const skew = sentAt === undefined || alreadyCorrected ? 0 : receivedAt - sentAt;
  const corrected = Math.round(claimed + skew);
  const how = skew ? ` once corrected by the client's clock skew (receivedAt − sentAt = ${skew} ms)` : '';
  if (corrected < EARLIEST) throw new ValidationError(`is before 1990-01-01${how}`, field);
  if (corrected > LATEST) throw new ValidationError(`is after 9999-12-31${how}`, field);
  if (corrected > receivedAt + options.maxFutureSkewMs) return { occurredAt: new Date(receivedAt), clampedFrom: new Date(corrected) };
  return { occurredAt: new Date(corrected), clampedFrom: null };
}

/** ISO 8601 date or date-time (`T` or a space), optional fraction, optional offset (Z, ±hh, ±hhmm, ±hh:mm). */
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Only ISO 8601 (or epoch milliseconds): `Date.parse` alone would take "5" as 2001-05-01
 * and read a time without an offset in this server's zone. Without an offset, UTC is meant.
 */
export function parseTime(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  let ms = typeof value === 'number' ? value : NaN;
  const m = typeof value === 'string' ? ISO_8601.exec(value.trim()) : null;
  if (m) {
    const [, date, time = '00:00:00', offset = 'Z'] = m;
    const zone = offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(3).replace(':', '') || '00'}`;
    ms = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${zone}`);
  }
  if (!Number.isFinite(ms)) throw new ValidationError(`unparseable timestamp ${JSON.stringify(value)}; use ISO 8601`, path);
  if (ms > LATEST) throw new ValidationError('is after 9999-12-31', path);
  return ms;
}
