import DataLoader from 'dataloader';
import type { Page } from '../common';
import type { Profile } from '../profiles';
import type { Account } from './account.types';
import type { AccountsService, MemberPageArgs } from './accounts.service';

export type AccountLoaders = ReturnType<typeof accountLoaders>;

type MembersKey = { accountId: string; args: MemberPageArgs };
const membersKey = (k: MembersKey) => `${JSON.stringify(k.args)}|${k.accountId}`;

/** Per-request batching: a list of profiles asks for their accounts, a list of accounts for their members, in one statement each. */
export function accountLoaders(accounts: AccountsService) {
  return {
    profileAccounts: new DataLoader<string, Account[]>((ids) => accounts.accountsOf(ids)),
    accountMembers: new DataLoader<MembersKey, Page<Profile>, string>((keys) => memberPages(accounts, keys), { cacheKeyFn: membersKey }),
  };
}

/** Keys in one batch may carry different page arguments: one statement per distinct set. */
async function memberPages(accounts: AccountsService, keys: readonly MembersKey[]): Promise<Page<Profile>[]> {
  const bySignature = new Map<string, { args: MemberPageArgs; ids: string[] }>();
  for (const k of keys) {
    const signature = JSON.stringify(k.args);
    const entry = bySignature.get(signature) ?? { args: k.args, ids: [] };
    entry.ids.push(k.accountId);
    bySignature.set(signature, entry);
  }
  const pages = new Map<string, Page<Profile>>();
  for (const [signature, { args, ids }] of bySignature) {
    (await accounts.membersOf(ids, args)).forEach((page, i) => pages.set(`${signature}|${ids[i]}`, page));
  }
  return keys.map((k) => pages.get(membersKey(k))!);
}
