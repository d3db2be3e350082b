import type { Database, Queryable } from '../db';
import { ValidationError, checkPageSize, decodeCursor, encodeCursor, toPage, type Page } from '../common';
import { toProfile, type Profile } from '../profiles';
import type { IngestedBatch } from '../ingest';
import type { Account } from './account.types';
import { accountWrites } from './account-writes';
import { ACCOUNT_BY_GROUP_ID, ACCOUNTS_OF_PROFILES, LINK_PROFILES, MEMBERS_OF_GROUPS, MEMBERS_PAGE, UPSERT_ACCOUNTS } from './accounts.sql';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface MemberPageArgs {
  first: number;
  after?: string | null;
}

const toAccount = (r: Row): Account => ({ id: r.id, groupId: r.group_id, traits: r.traits, createdAt: r.created_at, updatedAt: r.updated_at });

/** Accounts (Segment `group`): written by ingestion, read by id, per profile and as member lists. */
export class AccountsService {
  constructor(private readonly db: Database) {}

  /**
   * Ingestion hook: the batch's accounts and the people's links to them, in two statements
   * (none without accounts). Returns the people who joined an account they were not in:
   * with account traits changes, all that can move their `account` segment conditions.
   */
  async onStored(tx: Queryable, batch: Pick<IngestedBatch, 'events'>): Promise<string[]> {
    const writes = accountWrites(batch.events);
    if (!writes.links.length) return [];
    await tx.query(UPSERT_ACCOUNTS, [JSON.stringify(writes.traits), writes.linked], 'ingest-accounts');
    const { rows } = await tx.query<{ profile_id: string; created: boolean }>(LINK_PROFILES, [JSON.stringify(writes.links)], 'ingest-account-links');
    return [...new Set(rows.filter((r) => r.created).map((r) => r.profile_id))];
  }

  async byGroupId(groupId: string): Promise<Account | null> {
    if (!groupId.trim()) throw new ValidationError('must not be empty', 'groupId');
    const { rows } = await this.db.query(ACCOUNT_BY_GROUP_ID, [groupId.trim()]);
    return rows[0] ? toAccount(rows[0]) : null;
  }

  async accountsOf(profileIds: readonly string[]): Promise<Account[][]> {
    const { rows } = await this.db.query(ACCOUNTS_OF_PROFILES, [profileIds]);
    const byProfile = new Map<string, Account[]>(profileIds.map((id) => [id, []]));
    for (const r of rows) byProfile.get(r.profile_id)?.push(toAccount(r));
    return profileIds.map((id) => byProfile.get(id) ?? []);
  }

  /** One page of members for each account, in a single statement. */
  async membersOf(accountIds: readonly string[], args: MemberPageArgs): Promise<Page<Profile>[]> {
    const first = checkPageSize(args.first);
    const cursor = decodeCursor(args.after, ['time', 'uuid']);
    const { rows } = await this.db.query(MEMBERS_PAGE, [accountIds, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1]);
    const byAccount = new Map<string, Row[]>(accountIds.map((id) => [id, []]));
    for (const r of rows) byAccount.get(r.account_id)?.push(r);
    return accountIds.map((id) => {
      const page = toPage(byAccount.get(id) ?? [], first, (r) => encodeCursor([r.cursor_time, r.member_id]), !!cursor);
      return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toProfile(e.node) })) };
    });
  }
}

/** Members of the accounts with these group ids, read inside the caller's transaction (segments' real-time check). */
export async function membersOfAccounts(tx: Queryable, groupIds: string[]): Promise<{ groupId: string; profileId: string }[]> {
  if (!groupIds.length) return [];
  const { rows } = await tx.query<{ group_id: string; profile_id: string }>(MEMBERS_OF_GROUPS, [groupIds], 'account-members-of-groups');
  return rows.map((r) => ({ groupId: r.group_id, profileId: r.profile_id }));
}
