import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '../app/context';
import { requireScope } from '../auth/principal';
import { assertMayActFor } from '../auth/end-user';
import { CreatePlacementInput, Decision, Placement, UpdatePlacementInput } from './placement.types';
import { RecommendationRequest, UserContext } from './user-context.types';

@Resolver(() => Placement)
export class PlacementsResolver {
  @Query(() => [Placement], { description: 'Every placement with its rules, in key order.' })
  placements(@Ctx() ctx: RequestContext): Promise<Placement[]> {
    requireScope(ctx.principal, 'read');
    return ctx.services.placements.list();
  }

  @Query(() => Placement, { nullable: true })
  placement(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<Placement | null> {
    requireScope(ctx.principal, 'read');
    return ctx.services.placements.get(key);
  }

  @Mutation(() => Placement, { description: 'Creates a placement with its default and ordered rules, all or nothing.' })
  createPlacement(@Arg('input', () => CreatePlacementInput) input: CreatePlacementInput, @Ctx() ctx: RequestContext): Promise<Placement> {
    requireScope(ctx.principal, 'admin');
    return ctx.services.placements.create({ ...input, rules: input.rules.map((r) => ({ ...r })) });
  }

  @Mutation(() => Placement, { description: 'Changes a placement; given `rules` replace the whole list. Decisions change at once on every instance.' })
  updatePlacement(
    @Arg('key') key: string,
    @Arg('input', () => UpdatePlacementInput) input: UpdatePlacementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Placement> {
    requireScope(ctx.principal, 'admin');
    return ctx.services.placements.update(key, { ...input, rules: input.rules?.map((r) => ({ ...r })) });
  }
}

/**
 * Frontends (personalize keys) act for an anonymous id, or for the user their signed token
 * names; backends (read, admin) for anyone (src/auth/end-user.ts).
 */
function actingFor(ctx: RequestContext, userId: string | undefined, anonymousId: string | undefined) {
  const principal = requireScope(ctx.principal, 'personalize', 'read');
  assertMayActFor(principal, { userId, anonymousId });
  return { userId: userId ?? principal.userId, anonymousId };
}

const CONTEXT_HELP = 'Request context; `consent` ({personalization: false} or Segment categoryPreferences) can withdraw personalization for this request.';

@Resolver()
export class DecisionsResolver {
  @Query(() => Decision, {
    description: 'The content a placement shows to this user (userId first, else anonymousId). An unknown user gets the default. ' +
      'A personalize key acts for an anonymous id or for the user of its signed token; read keys for anyone.',
  })
  personalize(
    @Arg('placement') placement: string,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Decision> {
    return ctx.services.personalization.decide(placement, { ...actingFor(ctx, userId, anonymousId), context });
  }

  @Query(() => [Decision], { description: 'Decisions for several placements at once, in the order asked (one lookup of the user).' })
  personalizeMany(
    @Arg('placements', () => [String]) placements: string[],
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Decision[]> {
    return ctx.services.personalization.decideMany(placements, { ...actingFor(ctx, userId, anonymousId), context });
  }

  @Query(() => UserContext, { description: "A user's segments, decisions for the placements asked and recommendations, answered with one lookup of the user." })
  userContext(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Arg('placements', () => [String], { defaultValue: [] }) placements: string[],
    @Arg('recommendations', () => RecommendationRequest, { nullable: true }) recommendations: RecommendationRequest | undefined,
    @Arg('context', () => GraphQLJSONObject, { nullable: true, description: CONTEXT_HELP }) context: Record<string, unknown> | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<UserContext> {
    return ctx.services.personalization.userContext({ ...actingFor(ctx, userId, anonymousId), placements, recommendations, context });
  }
}
