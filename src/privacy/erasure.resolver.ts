import { Arg, ID, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes, NotFoundError, ValidationError } from '../common';
import { IdentityInput, type ProfilesService } from '../profiles';
import type { ErasureService } from './erasure.service';
import { ErasureResult } from './erasure.types';

@Resolver()
export class ErasureResolver {
  constructor(
    private readonly erasure: ErasureService,
    private readonly profiles: ProfilesService,
  ) {}

  @Scopes('admin')
  @Mutation(() => ErasureResult, { description: "Erases a person (GDPR art. 17 / PIPL art. 47): events, identities, traits, memberships, assignments, consents." })
  async eraseProfile(
    @Arg('profile', () => ID, { nullable: true }) profile: string | undefined,
    @Arg('identity', () => IdentityInput, { nullable: true }) identity: IdentityInput | undefined,
  ): Promise<ErasureResult> {
    return this.erasure.erase(await this.profileIdOf(profile, identity));
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
