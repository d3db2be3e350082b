import type { Database, Queryable } from '../db';
import type { NormalizedEvent } from '../ingest';
import { canonicalIdentity, type IdentityRef } from '../profiles';
import { COUNT_REFUSED, ERASURE_MARKS_FOR, LIFT_SUPPRESSIONS } from './erasure.sql';
import { identityHash, messageHash, type ErasureSalt } from './erasure-salt';

interface Marks {
  tombstones: Map<string, number>;
  suppressed: Set<string>;
  erasedMessages: Set<string>;
}

/**
 * Keeps erasure final at the ingestion door (an ingest filter, run with the batch's
 * identity locks held). An event is refused, counted and not stored when
 *  - its messageId belongs to an erased message, from whichever source it is replayed;
 *  - it carries an erased identity and happened before the erasure (a replay of old data);
 *  - it carries a suppressed identity (erased with `suppress`), at any time, until lifted.
 * An erased person who comes back later without suppression starts a new profile.
 */
export class ReplayGuard {
  constructor(private readonly db: Database, private readonly salt: ErasureSalt) {}

  async admit(tx: Queryable, events: NormalizedEvent[]): Promise<NormalizedEvent[]> {
    const salt = await this.salt.value(tx);
    const identityHashes = new Map(events.map((e) => [e, e.identities.map((i) => identityHash(salt, i.kind, i.value))]));
    const messageHashes = new Map(events.map((e) => [e, messageHash(salt, e.messageId)]));
    const marks = await this.marksFor(tx, [...new Set([...identityHashes.values()].flat())], [...messageHashes.values()]);
    if (!marks) return events;
    const refusedBySuppression = new Map<string, number>();
    const admitted = events.filter((e) => {
      if (marks.erasedMessages.has(messageHashes.get(e)!)) return false;
      const hashes = identityHashes.get(e)!;
      const suppressedBy = hashes.find((h) => marks.suppressed.has(h));
      if (suppressedBy) {
        refusedBySuppression.set(suppressedBy, (refusedBySuppression.get(suppressedBy) ?? 0) + 1);
        return false;
      }
      return !hashes.some((h) => marks.tombstones.has(h) && e.occurredAt.getTime() <= marks.tombstones.get(h)!);
    });
    if (refusedBySuppression.size) await tx.query(COUNT_REFUSED, [[...refusedBySuppression.keys()], [...refusedBySuppression.values()]]);
    return admitted;
  }

  /** Lifts the suppression of these identities; returns how many were suppressed. */
  async lift(identities: IdentityRef[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      const salt = await this.salt.value(tx);
      const hashes = identities.map((i) => identityHash(salt, i.kind, canonicalIdentity(i.kind, i.value)));
      return (await tx.query(LIFT_SUPPRESSIONS, [hashes])).rowCount ?? 0;
    });
  }

  /** One statement for all three kinds of mark; undefined when none applies (the usual case). */
  private async marksFor(tx: Queryable, identityHashes: string[], messageHashes: string[]): Promise<Marks | undefined> {
    const { rows } = await tx.query<{ kind: string; hash: string; erased_at: Date | null }>(ERASURE_MARKS_FOR, [identityHashes, messageHashes], 'ingest-erasure-marks');
    if (!rows.length) return undefined;
    const marks: Marks = { tombstones: new Map(), suppressed: new Set(), erasedMessages: new Set() };
    for (const r of rows) {
      if (r.kind === 'tombstone') marks.tombstones.set(r.hash, r.erased_at!.getTime());
      else if (r.kind === 'suppressed') marks.suppressed.add(r.hash);
      else marks.erasedMessages.add(r.hash);
    }
    return marks;
  }
}
