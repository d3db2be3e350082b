import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { type RequestContext } from '../auth';
import { Scopes, SmallListArgs, firstOf, ListSize } from '../common';
import { Profile } from '../profiles';
import type { ConsentLoaders } from './consent.loaders';
import type { ConsentService } from './consent.service';
import { Consent, ConsentChange, ConsentPurpose } from './consent.types';

@Resolver()
export class ConsentResolver {
  constructor(private readonly consent: ConsentService) {}

  @Scopes('admin', 'ingest')
  @Mutation(() => Consent, {
    description:
      'Records a choice for the profile named by profileId, or by userId / anonymousId (userId first). Only changes enter the history; ' +
      'a change of marketing consent updates MARKETING segment membership at once. Needs admin or ingest.',
  })
  setConsent(
    @Arg('purpose', () => ConsentPurpose) purpose: ConsentPurpose,
    @Arg('granted') granted: boolean,
    @Arg('source', { description: 'Where the choice was made, e.g. "cookie-banner", "support ticket 123".' }) source: string,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('profileId', () => ID, { nullable: true }) profileId: string | undefined,
  ): Promise<Consent> {
    return this.consent.set({ userId, anonymousId, profileId }, purpose, granted, source);
  }
}

@Resolver(() => Profile)
export class ProfileConsentResolver {
  @ListSize(3)
  @FieldResolver(() => [Consent], { description: 'Current consent for every purpose (recorded, or the server default).' })
  consents(@Root() profile: Profile, @Ctx() ctx: RequestContext<ConsentLoaders>): Promise<Consent[]> {
    return ctx.loaders.consents.load(profile.id);
  }

  @FieldResolver(() => [ConsentChange], { description: 'Every recorded change of consent, newest first.' })
  async consentHistory(@Root() profile: Profile, @Args() { first }: SmallListArgs, @Ctx() ctx: RequestContext<ConsentLoaders>): Promise<ConsentChange[]> {
    return firstOf(await ctx.loaders.consentHistory.load(profile.id), first);
  }
}
