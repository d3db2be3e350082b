import { Arg, Mutation, Query, Resolver } from 'type-graphql';
import { Scopes } from '../common';
import type { ScoringService } from './scoring.service';
import { ChurnModel, LifecycleRulesInput, ScoringRun, ScoringRunRecord, ValueModel, ValueModelValidation } from './scoring.types';

@Resolver()
export class ScoringResolver {
  constructor(private readonly service: ScoringService) {}

  @Scopes('admin')
  @Mutation(() => ScoringRun, {
    description: 'Runs the scoring job now (it also runs on a schedule). Orders after asOf are ignored. With asOf the scores are kept: the ' +
      'schedule leaves them until the next explicit run or a change of SCORING_AS_OF. Without, the run scores as SCORING_AS_OF says (default: now).',
  })
  runScoring(
    @Arg('asOf', () => Date, { nullable: true }) asOf: Date | undefined,
    @Arg('lifecycle', () => LifecycleRulesInput, { nullable: true }) lifecycle: LifecycleRulesInput | undefined,
  ): Promise<ScoringRun> {
    return this.service.run(asOf ?? undefined, { lifecycle: lifecycle ?? undefined });
  }

  @Scopes('read')
  @Query(() => ScoringRunRecord, { nullable: true, description: 'The last scoring run: the as-of of every score profiles carry now.' })
  lastScoringRun(): Promise<ScoringRunRecord | null> {
    return this.service.lastRun();
  }

  @Scopes('read')
  @Query(() => ChurnModel, { nullable: true, description: 'The latest BG/NBD fit behind p_alive, churn_risk and expected_orders_90d.' })
  churnModel(): Promise<ChurnModel | null> {
    return this.service.latestModel();
  }

  @Scopes('read')
  @Query(() => ValueModelValidation, {
    description:
      'Fits BG/NBD and Gamma-Gamma on the orders up to calibrationEnd and compares their predictions for (calibrationEnd, holdoutEnd] with what ' +
      'happened, per calibration frequency: the standard tracking table. Writes nothing.',
  })
  validateValueModel(@Arg('calibrationEnd', () => Date) calibrationEnd: Date, @Arg('holdoutEnd', () => Date) holdoutEnd: Date): Promise<ValueModelValidation> {
    return this.service.validateValueModel(calibrationEnd, holdoutEnd);
  }

  @Scopes('read')
  @Query(() => ValueModel, { description: 'The latest fits behind customer value: BG/NBD (purchases) and Gamma-Gamma (spend), with their as-of dates.' })
  async valueModel(): Promise<ValueModel> {
    const [purchases, spend] = await Promise.all([this.service.latestModel(), this.service.latestSpendModel()]);
    return { purchases, spend };
  }
}
