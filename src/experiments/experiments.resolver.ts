import { Arg, Args, Ctx, FieldResolver, Float, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertMayActFor, callerOf, type RequestContext } from '../auth';
import { Scopes, ValidationError, ListArgs, ListSize, firstOf } from '../common';
import { Segment, type SegmentsService } from '../segments';
import type { ExperimentsService } from './experiments.service';
import { CreateExperimentInput, UpdateExperimentInput } from './experiments.inputs';
import { Experiment, ExperimentAssignment, ExperimentHoldout, ExperimentResults } from './experiments.types';
import { ExperimentMetricInput, HoldoutResult, MeanMetricInput, MeanMetricResults, MetricDefinition, MetricResult, MetricRole } from './experiment-metrics.types';
import { MetricKind, validateMetric } from './experiment-metric-definition';
import { holdoutOfRates } from './experiment-metrics';
import { toMeanMetricResults, toMetricDefinition, toMetricResult } from './experiment-metrics.mapper';

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
    const results = await this.service.metric(key, validateMetric({ ...metric, kind: MetricKind.MEAN }));
    return toMeanMetricResults(results)!;
  }

  @Scopes('read')
  @Query(() => ExperimentHoldout, { description: 'The global holdout: who never sees any experiment.' })
  experimentHoldout(): Promise<ExperimentHoldout> {
    return this.service.holdout();
  }

  @Scopes('read')
  @Query(() => HoldoutResult, {
    nullable: true,
    description:
      'The global holdout\'s report: a metric for the people held out of every experiment that had a holdout, against those held out of none ' +
      '(the window counted from each person\'s first exposure): what experimentation as a whole changed. Null until someone was held out.',
  })
  experimentHoldoutResults(@Arg('metric', () => ExperimentMetricInput) metric: ExperimentMetricInput): Promise<HoldoutResult | null> {
    return this.service.holdoutResults(validateMetric(metric));
  }

  @Scopes('admin')
  @Mutation(() => ExperimentHoldout, {
    description:
      'Sets the global holdout for experiments started from now on (a running experiment keeps the one it started with, so nobody in it moves). ' +
      'Held-out visitors are served the control and reported apart from the arms.',
  })
  setExperimentHoldout(
    @Arg('share', () => Float, { description: '0 to 0.5; 0 turns the holdout off' }) share: number,
    @Arg('seed', () => String, { nullable: true, description: '1–200 characters; "holdout" unless set' }) seed: string | null,
  ): Promise<ExperimentHoldout> {
    return this.service.setHoldout(share, seed);
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

  @FieldResolver(() => MetricDefinition, { nullable: true, description: 'The decision metric, reported with the results; null: only the goal event conversion' })
  primaryMetric(@Root() experiment: Experiment): MetricDefinition | null {
    return experiment.metrics.primary && toMetricDefinition(experiment.metrics.primary);
  }

  @ListSize(10)
  @FieldResolver(() => [MetricDefinition], { description: 'Metrics that must not get worse, reported with the results' })
  guardrailMetrics(@Root() experiment: Experiment): MetricDefinition[] {
    return experiment.metrics.guardrails.map(toMetricDefinition);
  }

  @FieldResolver(() => Segment, { nullable: true, description: 'Only members of this segment are in the experiment; null: everyone.' })
  async targetingSegment(@Root() experiment: Experiment): Promise<Segment | null> {
    if (!experiment.targetingSegmentId) return null;
    const byKey = await this.segments.catalog.byKey(); // in-memory catalog: no query per row
    return [...byKey.values()].find((s) => s.id === experiment.targetingSegmentId) ?? null;
  }
}

@Resolver(() => ExperimentResults)
export class ExperimentResultsResolver {
  constructor(private readonly service: ExperimentsService) {}

  @FieldResolver(() => HoldoutResult, { nullable: true, description: 'Goal-event conversion of the held-out users against everyone in the arms; null when nobody was held out' })
  holdout(@Root() results: ExperimentResults): HoldoutResult | null {
    if (!results.heldOut.exposures) return null;
    const pooled = results.variants.reduce((sum, v) => ({ exposures: sum.exposures + v.exposures, conversions: sum.conversions + v.conversions }), { exposures: 0, conversions: 0 });
    return holdoutOfRates(pooled, results.heldOut);
  }

  @ListSize(11)
  @FieldResolver(() => [MetricResult], { description: 'The stored primary metric and guardrails, in that order, each by variant (one statement each)' })
  async metrics(@Root() results: ExperimentResults): Promise<MetricResult[]> {
    const measured = await this.service.storedMetrics(results.experiment);
    return measured.map(({ role, results: r }) => toMetricResult(MetricRole[role], r));
  }
}
