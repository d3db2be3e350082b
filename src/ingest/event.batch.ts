import { ForbiddenError, ValidationError, ValidationErrors, type DomainError } from '../common';
import type { NormalizedEvent, RejectedEvent } from './event.model';
import { KNOWN_FIELDS, normalizeEvent, type NormalizeOptions } from './event.normalize';
import { parseTime } from './event.time';

/** A valid message of a batch with its position. */
export interface IndexedEvent {
  index: number;
  event: NormalizedEvent;
  /** The messageId as sent (null when none was: `event.messageId` is then generated). */
  sentMessageId: string | null;
}

/** A batch sorted message by message: what may be stored, and why each other message may not. */
export interface SortedBatch {
  valid: IndexedEvent[];
  rejected: RejectedEvent[];
}

/**
 * Validates each message of a batch on its own. What is wrong with the batch as a whole (not a
 * list, empty, too long, an unreadable batch `sentAt`) is thrown: it is refused whole; what is
 * wrong with one message (bad input, or what a public key may not claim) rejects that message.
 */
export function sortBatch(raw: unknown, options: NormalizeOptions, path = 'events'): SortedBatch {
  if (!Array.isArray(raw)) throw new ValidationError('must be a list of events', path);
  if (raw.length === 0) throw new ValidationError('must contain at least one event', path);
  if (raw.length > options.limits.maxBatchEvents) {
    throw new ValidationError(`a batch holds at most ${options.limits.maxBatchEvents} events; this one has ${raw.length}`, path, {
      maxBatchEvents: options.limits.maxBatchEvents,
    });
  }
  // One receipt time and one parsed batch sentAt for every message of the batch.
  const shared: NormalizeOptions = { ...options, now: options.now ?? new Date(), batchSentAt: parseTime(options.batchSentAt, 'sentAt') };
  const sorted: SortedBatch = { valid: [], rejected: [] };
  raw.forEach((item, index) => {
    const at = `${path}[${index}]`;
    try {
      sorted.valid.push({ index, event: normalizeEvent(item, shared, at), sentMessageId: messageIdOf(item) });
    } catch (error) {
      sorted.rejected.push(rejection(error, item, index, at));
    }
  });
  return sorted;
}

/** What an all-or-nothing batch with rejected messages is refused with: the first FORBIDDEN one, else every problem (up to 50). */
export function batchRefusal(rejected: RejectedEvent[]): DomainError {
  const forbidden = rejected.find((r) => r.code === 'FORBIDDEN');
  if (forbidden) return new ForbiddenError(`${forbidden.path}: ${forbidden.message}`, { path: forbidden.path });
  return new ValidationErrors(rejected.slice(0, 50).map(({ path, message }) => ({ path, message })));
}

/** Why a message was rejected, from what normalizing it threw; anything but bad input or a refused claim is a bug and is rethrown. */
export function rejection(error: unknown, item: unknown, index: number, at: string): RejectedEvent {
  const messageId = messageIdOf(item);
  if (error instanceof ValidationErrors) {
    const [first] = error.problems;
    return { index, messageId, code: 'BAD_USER_INPUT', message: first?.message ?? error.message, path: first?.path ?? at };
  }
  if (error instanceof ValidationError) {
    const path = error.path ?? at;
    return { index, messageId, code: 'BAD_USER_INPUT', message: withoutPath(error.message, path), path };
  }
  if (error instanceof ForbiddenError) {
    const path = typeof error.details.path === 'string' ? error.details.path : at;
    return { index, messageId, code: 'FORBIDDEN', message: withoutPath(error.message, path), path };
  }
  throw error;
}

/** The messageId a rejected message was sent with, echoed back so the sender can find it: only a plain string of a usable length. */
function messageIdOf(item: unknown): string | null {
  const id = item && typeof item === 'object' ? (item as Record<string, unknown>).messageId : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : null;
}

function withoutPath(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** The message field a rejection blames, from a bounded set (a metric label): a known Segment field, `message` for the message itself, else `other`. */
export function rejectedField(path: string): string {
  const rest = path.replace(/^[A-Za-z]*(\[\d+\])?/, '');
  if (!rest) return 'message';
  const field = /^\.([A-Za-z]+)/.exec(rest)?.[1];
  return field && KNOWN_FIELDS.has(field) ? field : 'other';
}
