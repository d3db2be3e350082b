import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { type RequestContext, type Principal, assertMayActFor, callerOf } from '../auth';
import { Scopes, ListArgs, firstOf } from '../common';
import { CreatePlacementInput, Decision, Placement, UpdatePlacementInput } from './placement.types';
import { RecommendationRequest, UserContext } from './user-context.types';
import type { PlacementsService } from './placements.service';
import type { PersonalizationService } from './personalization.service';

@Resolver(() => Placement)
export class PlacementsResolver {
  constructor(private readonly service: PlacementsService) {}

  @Scopes('read')
  @Query(() => [Placement], { description: 'Every placement with its rules, in key order.' })
  async placements(@Args() { first }: ListArgs): Promise<Placement[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('read')
  @Query(() => Placement, { nullable: true })
  placement(@Arg('key') key: string): Promise<Placement | null> {
    return this.service.get(key);
  }

  @Scopes('admin')
  @Mutation(() => Placement, { description: 'Creates a placement with its default and ordered rules, all or nothing.' })
  createPlacement(@Arg('input', () => CreatePlacementInput) input: CreatePlacementInput): Promise<Placement> {
    return this.service.create({ ...input, rules: input.rules.map((r) => ({ ...r })) });
  }

  @Scopes('admin')
  @Mutation(() => Placement, { description: 'Changes a placement; given `rules` replace the whole list. Decisions change at once on every instance.' })
  updatePlacement(
    @Arg('key') key: string,
    @Arg('input', () => UpdatePlacementInput) input: UpdatePlacementInput,
  ): Promise<Placement> {
    return this.service.update(key, { ...input, rules: input.rules?.map((r) => ({ ...r })) });
  }
}

/**
 * Frontends (personalize keys) act for an anonymous id, or for the user their signed token
 * names; backends (read, admin) for anyone (src/auth/end-user.ts).
 */
function actingFor(principal: Principal, userId: string | undefined, anonymousId: string | undefined) {
  assertMayActFor(principal, { userId, anonymousId });
  return { userId: userId ?? principal.userId, anonymousId };
}

const CONTEXT_HELP = 'Request context; `consent` ({personalization: false} or Segment categoryPreferences) can withdraw personalization for this request.';

@Resolver()
export class DecisionsResolver {
  constructor(private readonly personalization: PersonalizationService) {}

  @Scopes('read', 'personalize')
  @Query(() => Decision, {
    description: 'The content a placement shows to this user (userId first, else anonymousId). An unknown user (a first visit) gets the variant content of an experiment rule that applies to it, else the default. ' +
      'A personalize key acts for an anonymous id or for the user of its signed token; read keys for anyone.',
  })
  personalize(
    @Arg('placement') placement: string,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Decision> {
    return this.personalization.decide(placement, { ...actingFor(callerOf(ctx), userId, anonymousId), context });
  }

  @Scopes('read', 'personalize')
  @Query(() => [Decision], { description: 'Decisions for several placements at once, in the order asked (one lookup of the user).' })
  personalizeMany(
    @Arg('placements', () => [String]) placements: string[],
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Decision[]> {
    return this.personalization.decideMany(placements, { ...actingFor(callerOf(ctx), userId, anonymousId), context });
  }

  @Scopes('read', 'personalize')
  @Query(() => UserContext, { description: "A user's segments, decisions for the placements asked and recommendations, answered with one lookup of the user." })
  userContext(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('placements', () => [String], { defaultValue: [] }) placements: string[],
    @Arg('recommendations', () => RecommendationRequest, { nullable: true }) recommendations: RecommendationRequest | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<UserContext> {
    return this.personalization.userContext({ ...actingFor(callerOf(ctx), userId, anonymousId), placements, recommendations, context });
  }
}
