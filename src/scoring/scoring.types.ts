import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Scopes, ListSize } from '../common';

@Scopes('read')
@ObjectType({ description: 'One BG/NBD fit (Fader, Hardie & Lee 2005) by maximum likelihood; time unit: weeks.' })
export class ChurnModel {
  @Field(() => ID) id!: string;
  @Field(() => Float, { description: 'Shape of the Gamma prior on purchase rates' }) r!: number;
  @Field(() => Float, { description: 'Scale of the Gamma prior on purchase rates (weeks)' }) alpha!: number;
  @Field(() => Float, { description: 'Beta prior on the drop-out probability after each repeat purchase' }) a!: number;
  @Field(() => Float) b!: number;
  @Field(() => Float) logLikelihood!: number;
  @Field(() => Int, { description: 'Buyers the model was fitted to' }) sampleSize!: number;
  @Field() converged!: boolean;
  @Field(() => Int) iterations!: number;
  @Field({ description: 'Purchases after this instant were ignored' }) asOf!: Date;
  @Field() fittedAt!: Date;
}

@Scopes('read')
@ObjectType({
  description:
    'One Gamma-Gamma fit of spend (Fader & Hardie 2013) by maximum likelihood: per buyer with a repeat purchase day, the average net revenue ' +
    'of those days. Behind expected_avg_order_value and the CLV stats.',
})
export class SpendModel {
  @Field(() => ID) id!: string;
  @Field(() => Float, { description: 'Shape of the Gamma distribution of transaction values' }) p!: number;
  @Field(() => Float, { description: 'Shape of the Gamma prior on the transaction-value rate ν' }) q!: number;
  @Field(() => Float, { description: 'Scale of that prior (γ)' }) gamma!: number;
  @Field(() => Float, { nullable: true, description: 'The population mean of average order values, p·γ/(q − 1); null when q ≤ 1' }) populationMean!: number | null;
  @Field(() => Float) logLikelihood!: number;
  @Field(() => Int, { description: 'Buyers the model was fitted to' }) sampleSize!: number;
  @Field() converged!: boolean;
  @Field(() => Int) iterations!: number;
  @Field({ description: 'Purchases after this instant were ignored' }) asOf!: Date;
  @Field() fittedAt!: Date;
}

@Scopes('read')
@ObjectType({ description: 'The two models behind customer value: how many purchases (BG/NBD) and what each is worth (Gamma-Gamma).' })
export class ValueModel {
  @Field(() => ChurnModel, { nullable: true }) purchases!: ChurnModel | null;
  @Field(() => SpendModel, { nullable: true }) spend!: SpendModel | null;
}

@Scopes('read')
@ObjectType({ description: 'BG/NBD parameters (weeks).' })
export class PurchaseModelParams {
  @Field(() => Float) r!: number;
  @Field(() => Float) alpha!: number;
  @Field(() => Float) a!: number;
  @Field(() => Float) b!: number;
}

@Scopes('read')
@ObjectType({ description: 'Gamma-Gamma parameters.' })
export class SpendModelParams {
  @Field(() => Float) p!: number;
  @Field(() => Float) q!: number;
  @Field(() => Float) gamma!: number;
}

@Scopes('read')
@ObjectType({ description: 'One row of the tracking table: buyers with the same number of repeat purchase days in calibration.' })
export class ValueTrackingRow {
  @Field(() => Int, { description: 'Repeat purchase days in calibration; 7 means 7 or more' }) calibrationPurchases!: number;
  @Field(() => Int) customers!: number;
  @Field(() => Float, { description: 'Mean purchase days in the holdout BG/NBD predicts' }) predictedPurchases!: number;
  @Field(() => Float, { description: 'Mean purchase days they made in the holdout' }) actualPurchases!: number;
  @Field(() => Int, { description: 'Of them, buyers with repeat spend in calibration and a purchase in the holdout' }) spendCustomers!: number;
  @Field(() => Float, { nullable: true, description: "Their mean Gamma-Gamma expected average order value" }) predictedOrderValue!: number | null;
  @Field(() => Float, { nullable: true, description: 'Their mean actual average value of a holdout purchase day (net revenue)' }) actualOrderValue!: number | null;
}

@Scopes('read')
@ObjectType({ description: 'Both value models fitted on the orders up to calibrationEnd, against what happened up to holdoutEnd (the BTYD tracking table).' })
export class ValueModelValidation {
  @Field() calibrationEnd!: Date;
  @Field() holdoutEnd!: Date;
  @Field(() => Float) holdoutWeeks!: number;
  @Field(() => PurchaseModelParams, { nullable: true, description: 'Null when calibration has no repeat purchase' }) purchases!: PurchaseModelParams | null;
  @Field(() => SpendModelParams, { nullable: true, description: 'Null with fewer than two repeat spenders in calibration' }) spend!: SpendModelParams | null;
  @ListSize(8) @Field(() => [ValueTrackingRow]) rows!: ValueTrackingRow[];
}

@Scopes('admin')
@ObjectType({ description: 'How many buyers a score value covers.' })
export class ScoreCount {
  @Field() name!: string;
  @Field(() => Int) count!: number;
}

@Scopes('admin')
@ObjectType({ description: 'What one run of the scoring job (RFM, lifecycle, value tiers, churn risk) wrote.' })
export class ScoringRun {
  @Field({ description: 'Orders after this instant were ignored' }) asOf!: Date;
  @Field({ description: 'True when asOf was given: the scheduled job keeps these scores until the next explicit run or a change of SCORING_AS_OF' })
  pinned!: boolean;
  @Field(() => Int, { description: 'Profiles with at least one order by asOf; everyone else has null scores' }) buyersScored!: number;
  @Field(() => Int) durationMs!: number;
  @Field(() => ChurnModel, { nullable: true, description: 'Null when no buyer has bought on two different days yet' })
  model!: ChurnModel | null;
  @ListSize(25) @Field(() => [ScoreCount], { description: 'Every RFM cell, in a fixed order, zeros included' }) rfmCells!: ScoreCount[];
  @ListSize(25) @Field(() => [ScoreCount], { description: 'prospect, new, active, reactivated, silent, churned' }) lifecycleStages!: ScoreCount[];
  @ListSize(25) @Field(() => [ScoreCount], { description: 'high_value, potential (other buyers have no tier)' }) valueTiers!: ScoreCount[];
  @Field(() => Int, { description: 'Buyers whose churn risk went up (rows added to the churn-risk log)' }) churnRiskIncreases!: number;
  @Field(() => Int, { description: 'Segments on scores that were recomputed afterwards' }) segmentsRecomputed!: number;
}

@InputType({ description: 'Overrides the configured lifecycle thresholds for one run (whole days).' })
export class LifecycleRulesInput {
  @Field(() => Int, { nullable: true, description: 'First order less than this many days ago: new' }) newDays?: number;
  @Field(() => Int, { nullable: true, description: 'Otherwise, last order less than this many days ago: active' }) activeDays?: number;
  @Field(() => Int, { nullable: true, description: 'Otherwise, last order less than this many days ago: silent; else churned' }) churnDays?: number;
}

@Scopes('read')
@ObjectType({ description: 'The scoring run behind the scores profiles carry now.' })
export class ScoringRunRecord {
  @Field({ description: 'Orders after this instant were ignored' }) asOf!: Date;
  @Field({ description: 'An explicit as-of: the scheduled job keeps these scores until the next explicit run or a change of SCORING_AS_OF' })
  pinned!: boolean;
  @Field({ description: 'SCORING_AS_OF when the run happened: now, latest-event or an ISO instant' }) setting!: string;
  @Field(() => Int) buyersScored!: number;
  @Field() finishedAt!: Date;
}
