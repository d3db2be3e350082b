import DataLoader from 'dataloader';
import { pagesByArgs, type Page } from '../common';
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
    accountMembers: new DataLoader<MembersKey, Page<Profile>, string>(
      (keys) => pagesByArgs(keys, (k) => ({ id: k.accountId, args: k.args }), (ids, args) => accounts.membersOf(ids, args)),
      { cacheKeyFn: membersKey },
    ),
  };
}
