import { classifyDatabaseError } from '../db';
import type { RejectedEvent } from './event.model';
import type { IndexedEvent } from './event.batch';

/** What ingesting a batch came to. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Events refused by erasure (replays of erased messages or identities, suppressed identities): counted, not stored. */
  suppressed: number;
  /** Profile of each accepted event, in input order (duplicates are absent). */
  profileIds: string[];
  /** Identity values a public key sent that linked nothing (paths such as `events[0].traits.email`). */
  ignoredIdentities: string[];
  /** Messages of a partial batch that were not stored, each with why (always empty for an all-or-nothing batch: it is refused instead). */
  rejected: RejectedEvent[];
}

/**
 * Stores the valid messages of a partial batch with `store` (one transaction). When the
 * database refuses a value although validation passed it (SQLSTATE class 22, e.g. a
 * profile's lifetime revenue overflowing numeric(14,2)), the transaction is rolled back and
 * the messages are stored in halves, down to the one it refuses, which is rejected: the
 * others are stored all the same. k such messages among n cost about 2·k·log2(n)
 * transactions, on this path only. Anything else the database says is rethrown.
 */
export async function storeIsolating(
  valid: IndexedEvent[],
  path: string,
  store: (events: IndexedEvent['event'][]) => Promise<IngestResult>,
): Promise<{ result: IngestResult; poisoned: RejectedEvent[] }> {
  if (!valid.length) return { result: emptyResult(), poisoned: [] };
  try {
    return { result: await store(valid.map((v) => v.event)), poisoned: [] };
  } catch (error) {
    if (classifyDatabaseError(error) !== 'bad-value') throw error;
    if (valid.length === 1) return { result: emptyResult(), poisoned: [unstorable(valid[0], error, path)] };
    const half = Math.ceil(valid.length / 2);
    const first = await storeIsolating(valid.slice(0, half), path, store);
    const second = await storeIsolating(valid.slice(half), path, store);
    return { result: combined(first.result, second.result), poisoned: [...first.poisoned, ...second.poisoned] };
  }
}

export function emptyResult(): IngestResult {
  return { accepted: 0, duplicates: 0, suppressed: 0, profileIds: [], ignoredIdentities: [], rejected: [] };
}

function combined(a: IngestResult, b: IngestResult): IngestResult {
  return {
    accepted: a.accepted + b.accepted,
    duplicates: a.duplicates + b.duplicates,
    suppressed: a.suppressed + b.suppressed,
    profileIds: [...a.profileIds, ...b.profileIds],
    ignoredIdentities: [...a.ignoredIdentities, ...b.ignoredIdentities],
    rejected: [...a.rejected, ...b.rejected],
  };
}

/** A message whose values the database refused (SQLSTATE class 22) although validation passed them. */
function unstorable({ index, sentMessageId }: IndexedEvent, error: unknown, path: string): RejectedEvent {
  const message = String((error as { message?: unknown }).message ?? error).split('\n')[0].slice(0, 200);
  return { index, messageId: sentMessageId, code: 'BAD_USER_INPUT', message: `a value cannot be stored: ${message}`, path: `${path}[${index}]` };
}
