import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { type RequestContext, callerOf, assertMayActFor } from '../auth';
import { Scopes, ValidationError, PageArgs, ListArgs, SmallListArgs, firstOf } from '../common';
import { Profile, type ProfilesService } from '../profiles';
import { ProfileSegment, RecomputeResult, Segment, SegmentMemberConnection, SegmentPreview } from './segment.types';
import { CreateSegmentInput, UpdateSegmentInput } from './segments.inputs';
import type { SegmentLoaders } from './segments.loaders';
import type { SegmentsService } from './segments.service';

type Context = RequestContext<SegmentLoaders>;

@Resolver(() => Segment)
export class SegmentsResolver {
  constructor(private readonly service: SegmentsService) {}

  @Scopes('read')
  @Query(() => [Segment])
  async segments(@Args() { first }: ListArgs): Promise<Segment[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('read')
  @Query(() => Segment, { nullable: true, description: 'By id or by key.' })
  async segment(
    @Arg('id', () => ID, { nullable: true }) id: string | undefined,
    @Arg('key', () => String, { nullable: true }) key: string | undefined,
  ): Promise<Segment | null> {
    if (!id === !key) throw new ValidationError('give exactly one of id or key', 'id');
    const byKey = await this.service.catalog.byKey();
    return (key ? byKey.get(key) : [...byKey.values()].find((s) => s.id === id)) ?? null;
  }

  @Scopes('read')
  @Query(() => SegmentPreview, { description: 'Size and a sample of a definition, without saving it.' })
  previewSegment(
    @Arg('definition', () => GraphQLJSONObject) definition: Record<string, unknown>,
    @Arg('sampleSize', () => Int, { defaultValue: 10 }) sampleSize: number,
    @Arg('asOf', () => Date, {
      nullable: true,
      description: 'Evaluate as of this instant, from the event history: events up to it and the traits profiles had then. ' +
        'Stats the scoring job writes (RFM, lifecycle, churn risk) have no history and are refused.',
    })
    asOf: Date | undefined,
  ): Promise<SegmentPreview> {
    return this.service.preview(definition, sampleSize, asOf ?? undefined);
  }

  @Scopes('admin')
  @Mutation(() => Segment, { description: 'Creates a segment and computes its membership.' })
  async createSegment(@Arg('input', () => CreateSegmentInput) input: CreateSegmentInput): Promise<Segment> {
    return (await this.service.create({ ...input })).segment;
  }

  @Scopes('admin')
  @Mutation(() => Segment, { description: 'Changes a segment (by id or key): bumps its version and recomputes membership.' })
  async updateSegment(
    @Arg('segment', { description: 'id or key' }) segment: string,
    @Arg('input', () => UpdateSegmentInput) input: UpdateSegmentInput,
  ): Promise<Segment> {
    return (await this.service.update(segment, { ...input })).segment;
  }

  @Scopes('admin')
  @Mutation(() => Segment, { description: 'Deletes a segment no other segment uses; returns it as it was.' })
  deleteSegment(@Arg('segment', { description: 'id or key' }) segment: string): Promise<Segment> {
    return this.service.delete(segment);
  }

  @Scopes('admin')
  @Mutation(() => RecomputeResult, { description: 'Full recompute now (normally membership updates by itself).' })
  recomputeSegment(@Arg('segment', { description: 'id or key' }) segment: string): Promise<RecomputeResult> {
    return this.service.recompute(segment);
  }

  @FieldResolver(() => Int, { description: 'Current number of members.' })
  size(@Root() segment: Segment, @Ctx() ctx: Context): Promise<number> {
    return ctx.loaders.segmentSizes.load(segment.id);
  }

  @FieldResolver(() => SegmentMemberConnection, { description: 'Members in order of entry.' })
  members(@Root() segment: Segment, @Args() { first, after }: PageArgs): Promise<SegmentMemberConnection> {
    return this.service.members(segment.id, first, after);
  }
}

@Resolver(() => Profile)
export class ProfileSegmentsResolver {
  @FieldResolver(() => [ProfileSegment], { description: 'Segments this profile is in now.' })
  async segments(@Root() profile: Profile, @Args() { first }: SmallListArgs, @Ctx() ctx: Context): Promise<ProfileSegment[]> {
    return firstOf(await ctx.loaders.profileSegments.load(profile.id), first);
  }
}

@Resolver()
export class SegmentsForResolver {
  constructor(private readonly profiles: ProfilesService) {}

  @Scopes('read', 'personalize')
  @Query(() => [ProfileSegment], { description: "A user's segments, by user id or anonymous id; an unknown user has none." })
  async segmentsFor(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Args() { first }: ListArgs,
    @Ctx() ctx: Context,
  ): Promise<ProfileSegment[]> {
    return firstOf(await this.segmentsOf(userId, anonymousId, ctx), first);
  }

  @Scopes('read', 'personalize')
  @Query(() => [String], {
    description:
      "The keys of a user's segments, sorted: what GrowthBook's `$groups` attribute takes, so that a GrowthBook feature can target " +
      'our segments with `{"$groups": {"$elemMatch": {"$eq": "<segment key>"}}}`. An unknown user has none.',
  })
  async segmentKeysFor(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Args() { first }: ListArgs,
    @Ctx() ctx: Context,
  ): Promise<string[]> {
    return firstOf((await this.segmentsOf(userId, anonymousId, ctx)).map((s) => s.segment.key).sort(), first);
  }

  private async segmentsOf(userId: string | undefined, anonymousId: string | undefined, ctx: Context): Promise<ProfileSegment[]> {
    const principal = callerOf(ctx);
    assertMayActFor(principal, { userId, anonymousId });
    userId ??= principal.userId;
    if (!userId && !anonymousId) throw new ValidationError('give userId or anonymousId', 'userId');
    const profile = (userId && (await this.profiles.byIdentity('user_id', userId))) || (anonymousId && (await this.profiles.byIdentity('anonymous_id', anonymousId)));
    return profile ? ctx.loaders.profileSegments.load(profile.id) : [];
  }
}
