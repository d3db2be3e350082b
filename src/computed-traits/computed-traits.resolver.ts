import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { RequestContext } from '../auth';
import { ListArgs, Scopes, firstOf } from '../common';
import { Profile } from '../profiles';
import { boundWhenSchemaIsBuilt, type ServesSubscriptions, type SubscriptionSource } from '../realtime';
import { ComputedTrait, ComputedTraitChange } from './computed-trait.types';
import { CreateComputedTraitInput, UpdateComputedTraitInput } from './computed-traits.inputs';
import type { ComputedTraitLoaders } from './computed-traits.loaders';
import type { ComputedTraitsService } from './computed-traits.service';

type Context = RequestContext<ComputedTraitLoaders>;

const CURSOR_HELP = 'Cursor of the last change received: everything after it is replayed first, then live changes follow.';

@Resolver(() => ComputedTrait)
export class ComputedTraitsResolver implements ServesSubscriptions {
  constructor(private readonly service: ComputedTraitsService) {}

  readonly subscriptionSources: Record<string, SubscriptionSource> = {
    computedTraitChanged: (args) => this.service.changes(args.trait as string, args.after as string | undefined),
  };

  @Scopes('read')
  @Query(() => [ComputedTrait])
  async computedTraits(@Args() { first }: ListArgs): Promise<ComputedTrait[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('read')
  @Query(() => ComputedTrait, { description: 'By id or key.' })
  computedTrait(@Arg('trait', { description: 'id or key' }) trait: string): Promise<ComputedTrait> {
    return this.service.get(trait);
  }

  @Scopes('admin')
  @Mutation(() => ComputedTrait, { description: "Creates a computed trait and computes every profile's value." })
  createComputedTrait(@Arg('input', () => CreateComputedTraitInput) input: CreateComputedTraitInput): Promise<ComputedTrait> {
    return this.service.create({ ...input });
  }

  @Scopes('admin')
  @Mutation(() => ComputedTrait, { description: 'Changes a computed trait (by id or key): bumps its version, recomputes its values and the segments reading it.' })
  updateComputedTrait(@Arg('trait', { description: 'id or key' }) trait: string, @Arg('input', () => UpdateComputedTraitInput) input: UpdateComputedTraitInput): Promise<ComputedTrait> {
    return this.service.update(trait, { ...input });
  }

  @Scopes('admin')
  @Mutation(() => ComputedTrait, { description: 'Deletes a computed trait no segment reads, with its values; returns it as it was.' })
  deleteComputedTrait(@Arg('trait', { description: 'id or key' }) trait: string): Promise<ComputedTrait> {
    return this.service.delete(trait);
  }

  @Scopes('subscribe')
  @Subscription(() => ComputedTraitChange, { description: "Changes of one computed trait's values (by id or key), with the previous value.", subscribe: boundWhenSchemaIsBuilt })
  computedTraitChanged(
    @Root() change: ComputedTraitChange,
    @Arg('trait', { description: 'id or key' }) _trait: string,
    @Arg('after', () => String, { nullable: true, description: CURSOR_HELP }) _after?: string,
  ): ComputedTraitChange {
    return change;
  }
}

@Resolver(() => Profile)
export class ProfileComputedResolver {
  @Scopes('read')
  @FieldResolver(() => GraphQLJSONObject, { description: 'Computed trait values by key (counts and sums of nothing are 0; other traits without a value are absent).' })
  computed(@Root() profile: Profile, @Ctx() ctx: Context): Promise<Record<string, unknown>> {
    return ctx.loaders.profileComputed.load(profile.id);
  }
}
