import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../auth';
import { requireScope } from '../auth';
import type { ScoringService } from './scoring.service';
import { ChurnModel, LifecycleRulesInput, ScoringRun } from './scoring.types';

@Resolver()
export class ScoringResolver {
  constructor(private readonly service: ScoringService) {}

  @Mutation(() => ScoringRun, { description: 'Runs the scoring job now (it also runs on a schedule). Orders after asOf (default: now) are ignored.' })
  runScoring(
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | undefined,
    @Arg('lifecycle', () => LifecycleRulesInput, { nullable: true }) lifecycle: LifecycleRulesInput | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<ScoringRun> {
    requireScope(ctx.principal, 'admin');
    return this.service.run(asOf ?? undefined, { lifecycle: lifecycle ?? undefined });
  }

  @Query(() => ChurnModel, { nullable: true, description: 'The latest BG/NBD fit behind p_alive, churn_risk and expected_orders_90d.' })
  churnModel(@Ctx() ctx: RequestContext): Promise<ChurnModel | null> {
    requireScope(ctx.principal, 'read');
    return this.service.latestModel();
  }
}
