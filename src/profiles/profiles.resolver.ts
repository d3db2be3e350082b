import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../auth';
import { Scopes, PageArgs, SmallListArgs, firstOf } from '../common';
import {
  Identity,
  IdentityKindEnum,
  Profile,
  ProfileConnection,
  ProfileEventConnection,
  ProfileFilter,
  ProfileMerge,
} from './profile.types';
import type { ProfileLoaders } from './profiles.loaders';
import type { ProfilesService } from './profiles.service';

type Context = RequestContext<ProfileLoaders>;

@ArgsType()
class EventsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only events with this name' }) name?: string | null;
}

@Resolver(() => Profile)
export class ProfilesResolver {
  constructor(private readonly service: ProfilesService) {}

  @Scopes('read')
  @Query(() => Profile, { nullable: true, description: 'A profile by id; the id of a merged profile resolves to the survivor.' })
  async profile(@Arg('id', () => ID) id: string): Promise<Profile | null> {
    return this.service.byId(id);
  }

  @Scopes('read')
  @Query(() => Profile, { nullable: true })
  async profileByIdentity(
    @Arg('kind', () => IdentityKindEnum) kind: IdentityKindEnum,
    @Arg('value') value: string,
  ): Promise<Profile | null> {
    return this.service.byIdentity(kind, value);
  }

  @Scopes('read')
  @Query(() => ProfileConnection)
  async profiles(
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProfileFilter, { nullable: true }) filter: ProfileFilter | undefined,
  ): Promise<ProfileConnection> {
    return this.service.list(filter ?? {}, first, after);
  }

  @FieldResolver(() => [Identity])
  async identities(@Root() profile: Profile, @Args() { first }: SmallListArgs, @Ctx() ctx: Context): Promise<Identity[]> {
    return firstOf(await ctx.loaders.identities.load(profile.id), first);
  }

  @FieldResolver(() => [ProfileMerge], { description: 'Profiles folded into this one, oldest first.' })
  async merges(@Root() profile: Profile, @Args() { first }: SmallListArgs, @Ctx() ctx: Context): Promise<ProfileMerge[]> {
    return firstOf(await ctx.loaders.merges.load(profile.id), first);
  }

  @FieldResolver(() => ProfileEventConnection, { description: 'Events, newest first.' })
  events(@Root() profile: Profile, @Args() { first, after, name }: EventsArgs, @Ctx() ctx: Context): Promise<ProfileEventConnection> {
    return ctx.loaders.events.load({ profileId: profile.id, args: { first, after: after ?? null, name: name ?? null } });
  }
}
