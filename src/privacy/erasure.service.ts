import { type Database, type Queryable, primaryReads, type Reads } from '../db';
import { NotFoundError } from '../common';
import { lockIdentities } from '../profiles';
import { MembershipCause, type MembershipWriter } from '../segments';
import { identityHash, type ErasureSalt } from './erasure-salt';
import {
  DELETE_MERGE_LOG, ERASE_MESSAGES, ERASE_PROFILE_ROWS, IDENTITIES_OF, INSERT_TOMBSTONES, PROFILE_FAMILY, PROFILE_TABLES, SUPPRESS,
} from './erasure.sql';

/** Change logs kept after erasure: they hold no identifiers, and subscribers replay the exits from them. */
const KEPT_TABLES = new Set(['membership_changes']);

export interface ErasureResult {
  profileId: string;
  erasedAt: Date;
  identities: number;
  rowsDeleted: Record<string, number>;
  segmentsExited: number;
  /** Whether later events bearing the erased identities are refused until an admin lifts it. */
  suppressed: boolean;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * GDPR / PIPL erasure and export. Erasure deletes every row keyed by the person's
 * profile (and profiles merged into it), emits segment exits with cause ERASURE, and
 * keeps only salted hashes of their identities and of their messages' ids, so replaying
 * their old events recreates nothing (ReplayGuard refuses them at ingestion); with
 * `suppress`, every later event bearing their identities is refused too, until lifted.
 * Export returns every row held about them.
 */
export class ErasureService {
  constructor(
    private readonly db: Database,
    private readonly memberships: MembershipWriter,
    private readonly salt: ErasureSalt,
    /** Where exports read their snapshot (a replica when configured). */
    private readonly reads: Reads = primaryReads(db),
  ) {}

  async erase(profileId: string, options: { suppress?: boolean } = {}): Promise<ErasureResult> {
    const erasedAt = new Date();
    return this.db.transaction(async (tx) => {
      const family = await this.family(tx, profileId);
      const identities = (await tx.query<{ kind: string; value: string }>(IDENTITIES_OF, [family])).rows;
      await lockIdentities(tx, identities);
      const salt = await this.salt.value(tx);
      const hashes = identities.map((i) => identityHash(salt, i.kind, i.value));
      await tx.query(INSERT_TOMBSTONES, [hashes, erasedAt]);
      if (options.suppress) await tx.query(SUPPRESS, [hashes]);
      const messages = (await tx.query<{ forgotten: number }>(ERASE_MESSAGES, [salt, family, erasedAt])).rows[0];

      const segmentsExited = await this.memberships.removeProfiles(tx, family, MembershipCause.ERASURE, erasedAt);
      const rowsDeleted = await this.deleteProfileRows(tx, family);
      // Memberships went through the writer (which logged each exit), before the sweep of profile tables.
      rowsDeleted.memberships = (rowsDeleted.memberships ?? 0) + segmentsExited;
      rowsDeleted.message_ids = messages.forgotten;
      rowsDeleted.profile_merges = (await tx.query(DELETE_MERGE_LOG, [family])).rowCount ?? 0;
      await tx.query(ERASE_PROFILE_ROWS, [family, erasedAt]);
      return { profileId, erasedAt, identities: identities.length, rowsDeleted, segmentsExited, suppressed: !!options.suppress };
    });
  }

  /** Everything held about a person, table by table. */
  async export(profileId: string): Promise<Record<string, unknown>> {
    return this.reads.readOnly(async (tx) => {
      const family = await this.family(tx, profileId);
      const tables: Record<string, unknown[]> = {};
      tables.profiles = (await tx.query(`select * from profiles where id = any($1::uuid[])`, [family])).rows;
      for (const table of await this.profileTables(tx)) {
        const { rows } = await tx.query(`select * from ${quoteIdent(table)} where profile_id = any($1::uuid[])`, [family]);
        if (rows.length) tables[table] = rows;
      }
      const merges = (await tx.query(`select * from profile_merges where survivor_id = any($1::uuid[]) or merged_id = any($1::uuid[])`, [family])).rows;
      if (merges.length) tables.profile_merges = merges;
      return { profileId, exportedAt: new Date().toISOString(), profiles: family, tables };
    });
  }

    private async family(tx: Queryable, profileId: string): Promise<string[]> {
    const resolved = await tx.query<{ id: string }>(`select coalesce(merged_into, id) as id from profiles where id = $1 and erased_at is null`, [profileId]);
    if (!resolved.rows[0]) throw new NotFoundError(`No profile ${profileId} (or it was erased already)`);
    return (await tx.query<{ id: string }>(PROFILE_FAMILY, [resolved.rows[0].id])).rows.map((r) => r.id);
  }

  private async profileTables(tx: Queryable): Promise<string[]> {
    return (await tx.query<{ table_name: string }>(PROFILE_TABLES)).rows.map((r) => r.table_name);
  }

  /** Deletes children before parents: a table whose rows another profile table references goes last. */
  private async deleteProfileRows(tx: Queryable, family: string[]): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    const pending = (await this.profileTables(tx)).filter((t) => !KEPT_TABLES.has(t));
    for (let round = 0; pending.length && round < 10; round++) {
      for (const table of [...pending]) {
        await tx.query('savepoint erase_table');
        try {
          deleted[table] = (await tx.query(`delete from ${quoteIdent(table)} where profile_id = any($1::uuid[])`, [family])).rowCount ?? 0;
          await tx.query('release savepoint erase_table');
          pending.splice(pending.indexOf(table), 1);
        } catch (error) {
          await tx.query('rollback to savepoint erase_table');
          if ((error as { code?: string }).code !== '23503') throw error; // only "still referenced" waits for a later round
        }
      }
    }
    if (pending.length) throw new Error(`could not erase rows in ${pending.join(', ')}`);
    return deleted;
  }
}
