import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../auth';
import { requireScope } from '../auth';
import { ValidationError } from '../common';
import { Segment } from '../segments';
import type { SegmentsService } from '../segments';
import type { ProfilesService } from '../profiles';
import type { ExperimentsService } from './experiments.service';
import { CreateExperimentInput, UpdateExperimentInput } from './experiments.inputs';
import { Experiment, ExperimentAssignment, ExperimentResults } from './experiments.types';

@Resolver(() => Experiment)
export class ExperimentsResolver {
  constructor(
    private readonly service: ExperimentsService,
    private readonly profiles: ProfilesService,
    private readonly segments: SegmentsService,
  ) {}

  @Query(() => [Experiment], { description: 'All experiments, oldest first.' })
  experiments(@Ctx() ctx: RequestContext): Promise<Experiment[]> {
    requireScope(ctx.principal, 'read');
    return this.service.list();
  }

  @Query(() => Experiment, { nullable: true })
  experiment(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<Experiment | null> {
    requireScope(ctx.principal, 'read');
    return this.service.find(key);
  }

  @Query(() => ExperimentResults, { description: 'Exposures, conversions and rates per variant, with lift, 95% CI and p-value against the control.' })
  experimentResults(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<ExperimentResults> {
    requireScope(ctx.principal, 'read');
    return this.service.results(key);
  }

  @Query(() => ExperimentAssignment, {
    nullable: true,
    description: "Serves a user's variant (sticky) and logs the exposure once. Null when the experiment is not running, the user is unknown or not targeted.",
  })
  async experimentVariant(
    @Arg('experiment', { description: 'Experiment key' }) experiment: string,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ExperimentAssignment | null> {
    requireScope(ctx.principal, 'read');
    if (!userId && !anonymousId) throw new ValidationError('give userId or anonymousId', 'userId');
    const { profiles, service: experiments } = this;
    const profile = (userId && (await profiles.byIdentity('user_id', userId))) || (anonymousId && (await profiles.byIdentity('anonymous_id', anonymousId)));
    if (!profile) {
      await experiments.get(experiment); // an unknown experiment is NOT_FOUND whoever asks
      return null;
    }
    return experiments.serve(experiment, profile.id);
  }

  @Mutation(() => Experiment, { description: 'Creates a DRAFT experiment.' })
  createExperiment(@Arg('input', () => CreateExperimentInput) input: CreateExperimentInput, @Ctx() ctx: RequestContext): Promise<Experiment> {
    requireScope(ctx.principal, 'admin');
    return this.service.create({ ...input });
  }

  @Mutation(() => Experiment, { description: 'Changes an experiment: anything while DRAFT, only name, description and weights while RUNNING.' })
  updateExperiment(
    @Arg('key') key: string,
    @Arg('input', () => UpdateExperimentInput) input: UpdateExperimentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Experiment> {
    requireScope(ctx.principal, 'admin');
    return this.service.update(key, { ...input });
  }

  @Mutation(() => Experiment, { description: 'DRAFT → RUNNING: from now on eligible profiles are assigned.' })
  startExperiment(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<Experiment> {
    requireScope(ctx.principal, 'admin');
    return this.service.start(key);
  }

  @Mutation(() => Experiment, { description: 'RUNNING → STOPPED: nobody is served any more; conversions after the stop do not count.' })
  stopExperiment(@Arg('key') key: string, @Ctx() ctx: RequestContext): Promise<Experiment> {
    requireScope(ctx.principal, 'admin');
    return this.service.stop(key);
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'Only members of this segment are in the experiment; null: everyone.' })
  async targetingSegment(@Root() experiment: Experiment): Promise<Segment | null> {
    if (!experiment.targetingSegmentId) return null;
    const byKey = await this.segments.catalog.byKey(); // in-memory catalog: no query per row
    return [...byKey.values()].find((s) => s.id === experiment.targetingSegmentId) ?? null;
  }
}
