import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertMayActFor, callerOf, type RequestContext } from '../auth';
import { Scopes, ValidationError, ListArgs, firstOf } from '../common';
import { Segment, type SegmentsService } from '../segments';
import type { ExperimentsService } from './experiments.service';
import { CreateExperimentInput, UpdateExperimentInput } from './experiments.inputs';
import { Experiment, ExperimentAssignment, ExperimentResults } from './experiments.types';
import { MeanMetricInput, MeanMetricResults } from './experiment-metrics.types';
import { validateMeanMetric } from './experiment-metrics';

@Resolver(() => Experiment)
export class ExperimentsResolver {
  constructor(
    private readonly service: ExperimentsService,
    private readonly segments: SegmentsService,
  ) {}

  @Scopes('read')
  @Query(() => [Experiment], { description: 'All experiments, oldest first.' })
  async experiments(@Args() { first }: ListArgs): Promise<Experiment[]> {
    return firstOf(await this.service.list(), first);
  }

  @Scopes('read')
  @Query(() => Experiment, { nullable: true })
  experiment(@Arg('key') key: string): Promise<Experiment | null> {
    return this.service.find(key);
  }

  @Scopes('read')
  @Query(() => ExperimentResults, { description: 'Exposures, conversions and rates per variant, with lift, 95% CI and p-value against the control.' })
  experimentResults(@Arg('key') key: string): Promise<ExperimentResults> {
    return this.service.results(key);
  }

  @Scopes('read')
  @Query(() => MeanMetricResults, {
    description: "A mean metric (revenue per exposed user, events per user, …) by variant: Welch's t-test against the control, with and without CUPED.",
  })
  async experimentMetric(@Arg('key') key: string, @Arg('metric', () => MeanMetricInput) metric: MeanMetricInput): Promise<MeanMetricResults> {
    const results = await this.service.meanMetric(key, validateMeanMetric(metric));
    return {
      ...results.metric,
      cupedTheta: results.theta,
      variants: results.arms.map((a) => ({
        key: a.key, control: a.control, users: a.sample.n, mean: a.sample.mean, variance: a.sample.variance, comparison: a.comparison,
        cupedMean: a.adjusted.mean, cupedVariance: a.adjusted.variance, cupedComparison: a.adjustedComparison,
      })),
    };
  }

  @Scopes('read', 'personalize')
  @Query(() => ExperimentAssignment, {
    nullable: true,
    description:
      "Serves a visitor's variant: the one recorded for their profile, else the hash of the experiment's hashing unit (a first visit needs no " +
      'profile), logging the exposure once when a profile exists. Null when the experiment is not running, the visitor lacks the hashing unit, ' +
      'is outside the coverage or not targeted. ' +
      'A personalize key acts for an anonymous id or for the user of its signed token.',
  })
  async experimentVariant(
    @Arg('experiment', { description: 'Experiment key' }) experiment: string,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('anonymousId', () => String, { nullable: true }) anonymousId: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ExperimentAssignment | null> {
    const caller = callerOf(ctx);
    assertMayActFor(caller, { userId, anonymousId });
    userId ??= caller.userId;
    if (!userId && !anonymousId) throw new ValidationError('give userId or anonymousId', 'userId');
    return this.service.serve(experiment, { userId, anonymousId });
  }

  @Scopes('admin')
  @Mutation(() => Experiment, { description: 'Creates a DRAFT experiment.' })
  createExperiment(@Arg('input', () => CreateExperimentInput) input: CreateExperimentInput): Promise<Experiment> {
    return this.service.create({ ...input });
  }

  @Scopes('admin')
  @Mutation(() => Experiment, { description: 'Changes an experiment: anything while DRAFT, only name, description and weights while RUNNING.' })
  updateExperiment(
    @Arg('key') key: string,
    @Arg('input', () => UpdateExperimentInput) input: UpdateExperimentInput,
  ): Promise<Experiment> {
    return this.service.update(key, { ...input });
  }

  @Scopes('admin')
  @Mutation(() => Experiment, { description: 'DRAFT → RUNNING: from now on eligible profiles are assigned.' })
  startExperiment(@Arg('key') key: string): Promise<Experiment> {
    return this.service.start(key);
  }

  @Scopes('admin')
  @Mutation(() => Experiment, { description: 'RUNNING → STOPPED: nobody is served any more; conversions after the stop do not count.' })
  stopExperiment(@Arg('key') key: string): Promise<Experiment> {
    return this.service.stop(key);
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'Only members of this segment are in the experiment; null: everyone.' })
  async targetingSegment(@Root() experiment: Experiment): Promise<Segment | null> {
    if (!experiment.targetingSegmentId) return null;
    const byKey = await this.segments.catalog.byKey(); // in-memory catalog: no query per row
    return [...byKey.values()].find((s) => s.id === experiment.targetingSegmentId) ?? null;
  }
}
