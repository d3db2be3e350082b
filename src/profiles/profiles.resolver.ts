import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../app/context';
import { requireScope } from '../auth/principal';
import { PageArgs } from '../common/pagination';
import {
  Identity,
  IdentityKindEnum,
  Profile,
  ProfileConnection,
  ProfileEventConnection,
  ProfileFilter,
  ProfileMerge,
} from './profile.types';

@ArgsType()
class EventsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Only events with this name' }) name?: string | null;
}

@Resolver(() => Profile)
export class ProfilesResolver {
  @Query(() => Profile, { nullable: true, description: 'A profile by id; the id of a merged profile resolves to the survivor.' })
  async profile(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Profile | null> {
    requireScope(ctx.principal, 'read');
    return ctx.services.profiles.byId(id);
  }

  @Query(() => Profile, { nullable: true })
  async profileByIdentity(
    @Arg('kind', () => IdentityKindEnum) kind: IdentityKindEnum,
    @Arg('value') value: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Profile | null> {
    requireScope(ctx.principal, 'read');
    return ctx.services.profiles.byIdentity(kind, value);
  }

  @Query(() => ProfileConnection)
  async profiles(
    @Args() { first, after }: PageArgs,
    @Arg('filter', () => ProfileFilter, { nullable: true }) filter: ProfileFilter | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfileConnection> {
    requireScope(ctx.principal, 'read');
    return ctx.services.profiles.list(filter ?? {}, first, after);
  }

  @FieldResolver(() => [Identity])
  identities(@Root() profile: Profile, @Ctx() ctx: RequestContext): Promise<Identity[]> {
    return ctx.loaders.identities.load(profile.id);
  }

  @FieldResolver(() => [ProfileMerge], { description: 'Profiles folded into this one, oldest first.' })
  merges(@Root() profile: Profile, @Ctx() ctx: RequestContext): Promise<ProfileMerge[]> {
    return ctx.loaders.merges.load(profile.id);
  }

  @FieldResolver(() => ProfileEventConnection, { description: 'Events, newest first.' })
  events(@Root() profile: Profile, @Args() { first, after, name }: EventsArgs, @Ctx() ctx: RequestContext): Promise<ProfileEventConnection> {
    return ctx.loaders.events.load({ profileId: profile.id, args: { first, after: after ?? null, name: name ?? null } });
  }
}
