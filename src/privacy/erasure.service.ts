import crypto from 'node:crypto';
import type { Database, Queryable } from '../db';
import { NotFoundError } from '../common';
import type { NormalizedEvent } from '../ingest';
import { lockIdentities } from '../profiles';
import { MembershipCause, type MembershipWriter } from '../segments';
import {
  DELETE_MERGE_LOG, ERASE_PROFILE_ROWS, IDENTITIES_OF, INSERT_TOMBSTONES, PROFILE_FAMILY, PROFILE_TABLES, SALT, TOMBSTONES_FOR,
} from './erasure.sql';

/** Change logs kept after erasure: they hold no identifiers, and subscribers replay the exits from them. */
const KEPT_TABLES = new Set(['membership_changes']);

export interface ErasureResult {
  profileId: string;
  erasedAt: Date;
  identities: number;
  rowsDeleted: Record<string, number>;
  segmentsExited: number;
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * GDPR / PIPL erasure and export. Erasure deletes every row keyed by the person's
 * profile (and profiles merged into it), emits segment exits with cause ERASURE, and
 * keeps only salted hashes of their identities, so replaying their old events cannot
 * recreate them. Export returns every row held about them.
 */
export class ErasureService {
  private salt?: string;

  constructor(
    private readonly db: Database,
    private readonly memberships: MembershipWriter,
    private readonly configuredSalt?: string,
  ) {}

  async erase(profileId: string): Promise<ErasureResult> {
    const erasedAt = new Date();
    return this.db.transaction(async (tx) => {
      const family = await this.family(tx, profileId);
      const identities = (await tx.query<{ kind: string; value: string }>(IDENTITIES_OF, [family])).rows;
      await lockIdentities(tx, identities);
      const salt = await this.saltValue(tx);
      await tx.query(INSERT_TOMBSTONES, [identities.map((i) => identityHash(salt, i.kind, i.value)), erasedAt]);

      const segmentsExited = await this.memberships.removeProfiles(tx, family, MembershipCause.ERASURE, erasedAt);
      const rowsDeleted = await this.deleteProfileRows(tx, family);
      rowsDeleted.profile_merges = (await tx.query(DELETE_MERGE_LOG, [family])).rowCount ?? 0;
      await tx.query(ERASE_PROFILE_ROWS, [family, erasedAt]);
      return { profileId, erasedAt, identities: identities.length, rowsDeleted, segmentsExited };
    });
  }

  /** Everything held about a person, table by table. */
  async export(profileId: string): Promise<Record<string, unknown>> {
    return this.db.transaction(async (tx) => {
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

  /** Ingest filter: drops events that carry an erased identity and happened before its erasure. */
  async suppressErased(tx: Queryable, events: NormalizedEvent[]): Promise<NormalizedEvent[]> {
    const salt = await this.saltValue(tx);
    const hashesOf = (e: NormalizedEvent) => e.identities.map((i) => identityHash(salt, i.kind, i.value));
    const all = [...new Set(events.flatMap(hashesOf))];
    const { rows } = await tx.query<{ identity_hash: string; erased_at: Date }>(TOMBSTONES_FOR, [all], 'ingest-tombstones');
    if (!rows.length) return events;
    const erasedAt = new Map(rows.map((r) => [r.identity_hash, r.erased_at.getTime()]));
    return events.filter((e) => !hashesOf(e).some((h) => erasedAt.has(h) && e.occurredAt.getTime() <= erasedAt.get(h)!));
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

  /** Creates the salt at start-up, so ingestion transactions only ever read it. */
  async ensureSalt(): Promise<void> {
    await this.db.transaction((tx) => this.saltValue(tx));
  }

  /**
   * The salt, read through the caller's transaction (a second pool connection could
   * deadlock under load). A salt this transaction creates is not cached until a later
   * read finds it committed.
   */
  private async saltValue(tx: Queryable): Promise<string> {
    if (this.configuredSalt) return this.configuredSalt;
    if (this.salt) return this.salt;
    let { rows } = await tx.query<{ value: string; created: boolean }>(SALT, [crypto.randomBytes(32).toString('hex')]);
    // A concurrent first transaction created it after our statement's snapshot: read again.
    if (!rows[0]) ({ rows } = await tx.query(`select value, false as created from privacy_settings where key = 'erasure_salt'`));
    if (!rows[0].created) this.salt = rows[0].value;
    return rows[0].value;
  }
}

export function identityHash(salt: string, kind: string, value: string): string {
  return crypto.createHash('sha256').update(`${salt}\u0000${kind}:${value}`).digest('hex');
}
