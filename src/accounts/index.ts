/** Accounts (Segment `group`): companies and teams with their own traits, and the people in them. */
export { Account } from './account.types';
export { accountLoaders } from './accounts.loaders';
export { AccountsResolver, ProfileAccountsResolver } from './accounts.resolver';
export { AccountsService, membersOfAccounts } from './accounts.service';
