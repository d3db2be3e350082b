import type { IngestedBatch } from '../ingest';

type JsonObject = Record<string, unknown>;

/** What one ingested batch writes about accounts: rows for the two statements of accounts.sql.ts. */
export interface AccountWrites {
  /** Accounts whose traits the batch sets: traits shallow-merged in arrival order (the later call wins). */
  traits: { group_id: string; traits: JsonObject }[];
  /** Accounts the batch names without traits: created if new, otherwise untouched (no row lock). */
  linked: string[];
  /** Each (profile, account) pair, with the first and last time the batch saw it. */
  links: { profile_id: string; group_id: string; first_seen_at: string; last_seen_at: string }[];
}

/** Folds a batch's group calls and `context.groupId`s into set-based writes; sorted, so concurrent batches lock rows in one order. */
export function accountWrites(events: IngestedBatch['events']): AccountWrites {
  const traits = new Map<string, JsonObject>();
  const named = new Set<string>();
  const links = new Map<string, AccountWrites['links'][number]>();
  for (const { profileId, event } of events) {
    if (!event.account) continue;
    const { groupId } = event.account;
    named.add(groupId);
    if (event.account.traits && Object.keys(event.account.traits).length) traits.set(groupId, { ...traits.get(groupId), ...event.account.traits });
    const at = event.occurredAt.toISOString();
    const key = `${profileId}\u0000${groupId}`;
    const link = links.get(key);
    if (!link) links.set(key, { profile_id: profileId, group_id: groupId, first_seen_at: at, last_seen_at: at });
    else if (at < link.first_seen_at) link.first_seen_at = at;
    else if (at > link.last_seen_at) link.last_seen_at = at;
  }
  const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    traits: [...traits].map(([group_id, t]) => ({ group_id, traits: t })).sort(byKey((r) => r.group_id)),
    linked: [...named].filter((groupId) => !traits.has(groupId)).sort(),
    links: [...links.values()].sort(byKey((l) => `${l.profile_id}\u0000${l.group_id}`)),
  };
}
