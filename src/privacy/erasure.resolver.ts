import { Arg, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes, NotFoundError, ValidationError } from '../common';
import { IdentityInput, type ProfilesService } from '../profiles';
import type { ErasureService } from './erasure.service';
import type { ReplayGuard } from './replay-guard';
import { ErasureResult } from './erasure.types';

@Resolver()
export class ErasureResolver {
  constructor(
    private readonly erasure: ErasureService,
    private readonly profiles: ProfilesService,
    private readonly replays: ReplayGuard,
  ) {}

  @Scopes('admin')
  @Mutation(() => ErasureResult, {
    description:
      'Erases a person (GDPR art. 17 / PIPL art. 47): events, identities, traits, memberships, assignments, consents. ' +
      'Final: a replay of any message accepted before (same messageId, from any source) or of their old events recreates nothing.',
  })
  async eraseProfile(
    @Arg('profile', () => ID, { nullable: true }) profile: string | undefined,
    @Arg('identity', () => IdentityInput, { nullable: true }) identity: IdentityInput | undefined,
    @Arg('suppress', () => Boolean, {
      defaultValue: false,
      description: 'Also refuse (count, not store) every later event bearing any of their identities, until unsuppressIdentities lifts it.',
    })
    suppress: boolean,
  ): Promise<ErasureResult> {
    return this.erasure.erase(await this.profileIdOf(profile, identity), { suppress });
  }

  @Scopes('admin')
  @Mutation(() => Int, { description: 'Lifts the suppression of these identities (erased with suppress: true); returns how many were suppressed.' })
  unsuppressIdentities(@Arg('identities', () => [IdentityInput]) identities: IdentityInput[]): Promise<number> {
    return this.replays.lift(identities.map((i) => ({ kind: i.kind, value: i.value })));
  }

  @Scopes('admin')
  @Query(() => GraphQLJSONObject, { description: 'Everything held about a person, as JSON (GDPR art. 15 / 20).' })
  async exportProfile(
    @Arg('profile', () => ID, { nullable: true }) profile: string | undefined,
    @Arg('identity', () => IdentityInput, { nullable: true }) identity: IdentityInput | undefined,
  ): Promise<Record<string, unknown>> {
    return this.erasure.export(await this.profileIdOf(profile, identity));
  }

  private async profileIdOf(profile?: string, identity?: IdentityInput): Promise<string> {
    if (!profile === !identity) throw new ValidationError('give exactly one of profile or identity', 'profile');
    const found = profile ? await this.profiles.byId(profile) : await this.profiles.byIdentity(identity!.kind, identity!.value);
    if (!found) throw new NotFoundError('No such profile');
    return found.id;
  }
}
