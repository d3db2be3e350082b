import type { Queryable } from '../db';

/** Kinds of identifier that resolve to a profile, strongest first (the order decides which profile an event joins). */
export const IDENTITY_KINDS = ['user_id', 'anonymous_id', 'email', 'phone', 'device_id'] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

export interface IdentityRef {
  kind: IdentityKind;
  value: string;
}

/** The form an identity is stored and matched in: emails lower-cased, phones reduced to digits and '+'. */
export function canonicalIdentity(kind: IdentityKind, value: string): string {
  if (kind === 'email') return value.trim().toLowerCase();
  if (kind === 'phone') return value.replace(/[^\d+]/g, '');
  return value;
}

const LOCK_IDENTITIES = `
  select count(pg_advisory_xact_lock(h))
    from (select distinct hashtextextended(k, 7357) as h from unnest($1::text[]) k order by 1) locks`;

/**
 * Serializes transactions that share an identity (ingestion batches, erasure) until they
 * end. Locks are taken in one sorted order (by a 64-bit hash), so two transactions can
 * never wait on each other in a cycle.
 */
export async function lockIdentities(tx: Queryable, identities: Iterable<{ kind: string; value: string }>): Promise<void> {
  const keys = [...new Set([...identities].map((i) => `${i.kind}:${i.value}`))].sort();
  await tx.query(LOCK_IDENTITIES, [keys], 'lock-identities');
}
