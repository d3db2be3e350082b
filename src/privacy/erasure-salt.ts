import crypto from 'node:crypto';
import type { Database, Queryable } from '../db';
import { SALT } from './erasure.sql';

/**
 * The secret every erasure hash is salted with (ERASURE_SALT, else one made once and kept
 * in privacy_settings), so a leaked hash cannot be matched against a list of emails.
 */
export class ErasureSalt {
  private cached?: string;

  constructor(private readonly db: Database, private readonly configured?: string) {}

  /** Creates the salt at start-up, so ingestion transactions only ever read it. */
  async ensure(): Promise<void> {
    await this.db.transaction((tx) => this.value(tx));
  }

  /**
   * The salt, read through the caller's transaction (a second pool connection could
   * deadlock under load). A salt this transaction creates is not cached until a later
   * read finds it committed.
   */
  async value(tx: Queryable): Promise<string> {
    if (this.configured) return this.configured;
    if (this.cached) return this.cached;
    let { rows } = await tx.query<{ value: string; created: boolean }>(SALT, [crypto.randomBytes(32).toString('hex')]);
    // A concurrent first transaction created it after our statement's snapshot: read again.
    if (!rows[0]) ({ rows } = await tx.query(`select value, false as created from privacy_settings where key = 'erasure_salt'`));
    if (!rows[0].created) this.cached = rows[0].value;
    return rows[0].value;
  }
}

/** sha256(salt, NUL, `kind:value`): ERASURE_MARKS_FOR computes the same in SQL; message ids are hashed as sha256(salt ':message:' id), in SQL only. */
export function identityHash(salt: string, kind: string, value: string): string {
  return crypto.createHash('sha256').update(`${salt}\u0000${kind}:${value}`).digest('hex');
}
