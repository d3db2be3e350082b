import type { Database, Queryable } from '../db';
import type { NormalizedEvent } from '../ingest';
import { canonicalIdentity, type IdentityRef } from '../profiles';
import { COUNT_REFUSED, ERASURE_MARKS_FOR, LIFT_SUPPRESSIONS } from './erasure.sql';
import { identityHash, type ErasureSalt } from './erasure-salt';

/** What a batch hits, by identity (`kind:value`) or message id. */
interface Marks {
  /** Identity → when it was erased. */
  tombstones: Map<string, number>;
  /** Identity → its hash (the suppression row's key, for counting). */
  suppressed: Map<string, string>;
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
    const keysOf = (e: NormalizedEvent) => e.identities.map((i) => `${i.kind}:${i.value}`);
    const marks = await this.marksFor(tx, [...new Set(events.flatMap(keysOf))], events.map((e) => e.messageId));
    if (!marks) return events;
    const refusedBySuppression = new Map<string, number>();
    const admitted = events.filter((e) => {
      if (marks.erasedMessages.has(e.messageId)) return false;
      const keys = keysOf(e);
      const suppressedBy = keys.map((k) => marks.suppressed.get(k)).find((hash) => hash !== undefined);
      if (suppressedBy) {
        refusedBySuppression.set(suppressedBy, (refusedBySuppression.get(suppressedBy) ?? 0) + 1);
        return false;
      }
      return !keys.some((k) => marks.tombstones.has(k) && e.occurredAt.getTime() <= marks.tombstones.get(k)!);
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
  private async marksFor(tx: Queryable, identityKeys: string[], messageIds: string[]): Promise<Marks | undefined> {
    const salt = await this.salt.value(tx);
    const { rows } = await tx.query<{ kind: string; key: string; hash: string; erased_at: Date | null }>(
      ERASURE_MARKS_FOR,
      [salt, identityKeys, messageIds],
      'ingest-erasure-marks',
    );
    if (!rows.length) return undefined;
    const marks: Marks = { tombstones: new Map(), suppressed: new Map(), erasedMessages: new Set() };
    for (const r of rows) {
      if (r.kind === 'tombstone') marks.tombstones.set(r.key, r.erased_at!.getTime());
      else if (r.kind === 'suppressed') marks.suppressed.set(r.key, r.hash);
      else marks.erasedMessages.add(r.key);
    }
    return marks;
  }
}
