import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth';
import { PageArgs, Scopes, SmallListArgs, firstOf } from '../common';
import { Profile, ProfileConnection } from '../profiles';
import { Account } from './account.types';
import type { AccountLoaders } from './accounts.loaders';
import type { AccountsService } from './accounts.service';

type Context = RequestContext<AccountLoaders>;

@Resolver(() => Account)
export class AccountsResolver {
  constructor(private readonly service: AccountsService) {}

  @Scopes('read')
  @Query(() => Account, { nullable: true, description: 'An account by the groupId its group calls carry.' })
  account(@Arg('groupId') groupId: string): Promise<Account | null> {
    return this.service.byGroupId(groupId);
  }

  @FieldResolver(() => ProfileConnection, { description: 'People seen in this account, in the order they joined it.' })
  members(@Root() account: Account, @Args() { first, after }: PageArgs, @Ctx() ctx: Context): Promise<ProfileConnection> {
    return ctx.loaders.accountMembers.load({ accountId: account.id, args: { first, after: after ?? null } });
  }
}

@Resolver(() => Profile)
export class ProfileAccountsResolver {
  @FieldResolver(() => [Account], { description: 'Accounts (Segment groups) this person was seen in, oldest link first.' })
  async accounts(@Root() profile: Profile, @Args() { first }: SmallListArgs, @Ctx() ctx: Context): Promise<Account[]> {
    return firstOf(await ctx.loaders.profileAccounts.load(profile.id), first);
  }
}
