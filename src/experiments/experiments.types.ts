import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Scopes, ListSize } from '../common';
import type { ExperimentMetrics } from './experiment-metric-definition';

export enum ExperimentStatus {
  DRAFT = 'DRAFT',
  RUNNING = 'RUNNING',
  STOPPED = 'STOPPED',
}
registerEnumType(ExperimentStatus, {
  name: 'ExperimentStatus',
  description: 'DRAFT → RUNNING → STOPPED, one way. Only a RUNNING experiment assigns variants.',
});

export enum ExperimentHashing {
  SHA256 = 'SHA256',
  GROWTHBOOK = 'GROWTHBOOK',
}
registerEnumType(ExperimentHashing, {
  name: 'ExperimentHashing',
  description:
    "How the hashing unit's value picks a variant. SHA256: ours, SHA-256 of `seed:value`. GROWTHBOOK: GrowthBook's FNV-1a hashing " +
    'version 2 with its bucket ranges, so that GrowthBook SDKs given the same seed, weights and coverage (and hashVersion 2) serve the same variants.',
});

export enum HashingUnit {
  ANONYMOUS_ID = 'anonymous_id',
  USER_ID = 'user_id',
  PROFILE_ID = 'profile_id',
}
registerEnumType(HashingUnit, {
  name: 'HashingUnit',
  description:
    "The identity hashed, fixed per experiment. ANONYMOUS_ID (the default): a first visit gets a variant before any profile exists, and it stays " +
    "after sign-up because the assignment recorded with the exposure travels with the profile. USER_ID: signed-in traffic only. PROFILE_ID: " +
    'the profile id, as experiments made before hashing units existed were assigned; needs a known profile.',
});

@Scopes('read')
@ObjectType({ description: 'One arm of an experiment.' })
export class ExperimentVariant {
  @Field() key!: string;
  @Field(() => Float, { description: 'Share of eligible profiles (weights sum to 1)' }) weight!: number;
  @Field({ description: 'The baseline the other variants are compared with; exactly one per experiment' }) control!: boolean;
}

@Scopes('read')
@ObjectType({ description: 'The global holdout: a share of people who never see any experiment (they are served the control and reported apart).' })
export class ExperimentHoldout {
  @Field(() => Float, { description: 'Share of each experiment\'s hashing unit values held out, 0 to 0.5 (0: no holdout)' }) share!: number;
  @Field({ description: 'Hashed with the unit\'s value, independently of every experiment\'s own seed' }) seed!: string;
  @Field(() => Date, { nullable: true, description: 'When it was last set (null on an experiment: the copy taken at its start)' }) updatedAt!: Date | null;
}

@Scopes('read')
@ObjectType({ description: "An A/B test: eligible traffic is split between variants by a deterministic hash of (seed, the hashing unit's value)." })
export class Experiment {
  @Field(() => ID) id!: string;
  @Field({ description: 'Stable identifier; also part of the hash, so it decides who gets which variant' }) key!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => ExperimentStatus) status!: ExperimentStatus;
  @ListSize(10) @Field(() => [ExperimentVariant], { description: 'In bucketing order' }) variants!: ExperimentVariant[];
  @Field(() => ID, { nullable: true, description: 'Only members of this segment are in the experiment (null: everyone)' })
  targetingSegmentId!: string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Only profiles meeting this inline condition (the segment language, evaluated when served) are in the experiment; a first visit meets none',
  })
  targetingCondition!: Record<string, unknown> | null;
  /** Read through `primaryMetric` and `guardrailMetrics`. */
  metrics!: ExperimentMetrics;
  @Field(() => ExperimentHoldout, { nullable: true, description: 'The global holdout as it was when the experiment started; null before, or when none was set' })
  holdout!: ExperimentHoldout | null;
  @Field({ description: 'Event name that counts as a conversion when it occurs after the exposure' }) goalEvent!: string;
  @Field(() => ExperimentHashing) hashing!: ExperimentHashing;
  @Field(() => HashingUnit) hashingUnit!: HashingUnit;
  @Field({ description: "Hashed with the unit's value (GrowthBook's `seed`); the key unless set" }) seed!: string;
  @Field(() => Float, { description: "Share of eligible traffic included (GrowthBook's `coverage`), in (0, 1]; the rest is served no variant" })
  coverage!: number;
  @Field(() => Date, { nullable: true }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true }) stoppedAt!: Date | null;
  @Field() createdAt!: Date;
  @Field() updatedAt!: Date;
}

@Scopes('read')
@ObjectType({ description: 'The variant a profile is served.' })
export class ExperimentAssignment {
  @Scopes('read', 'personalize') @Field() experimentKey!: string;
  @Scopes('read', 'personalize') @Field({ description: 'The variant to show; the control for a held-out visitor' }) variant!: string;
  @Scopes('read', 'personalize') @Field({ description: 'In the global holdout: show the control, report the exposure as usual' }) holdout!: boolean;
}

@Scopes('read')
@ObjectType({ description: 'A 95% confidence interval.' })
export class ConfidenceInterval {
  @Field(() => Float) lower!: number;
  @Field(() => Float) upper!: number;
}

@Scopes('read')
@ObjectType({ description: 'Exposures and conversions of one variant, and how it compares with the control.' })
export class VariantResult {
  @Field() key!: string;
  @Field() control!: boolean;
  @Field(() => Int, { description: 'Profiles served this variant (each counted once)' }) exposures!: number;
  @Field(() => Int, { description: 'Exposed profiles with a goal event after their exposure (and before the stop)' }) conversions!: number;
  @Field(() => Float, { nullable: true, description: 'conversions / exposures; null without exposures' }) rate!: number | null;
  @Field(() => Float, { nullable: true, description: 'Absolute difference of rates, variant − control (0.05 = 5 points); null for the control' })
  difference!: number | null;
  @Field(() => Float, { nullable: true, description: '(rate − control rate) / control rate; null for the control or when the control rate is 0' })
  lift!: number | null;
  @Field(() => ConfidenceInterval, { nullable: true, description: '95% Wald interval of `difference` (absolute, not relative); null for the control' })
  confidenceInterval!: ConfidenceInterval | null;
  @Field(() => Float, { nullable: true, description: 'Two-proportion z statistic with pooled variance; null for the control or with zero variance' })
  zScore!: number | null;
  @Field(() => Float, { nullable: true, description: 'Two-sided p-value of the z-test; null when zScore is' }) pValue!: number | null;
}

@Scopes('read')
@ObjectType({ description: 'Sample-ratio-mismatch check: a chi-square goodness-of-fit test of the exposures per variant against the weights.' })
export class SampleRatioCheck {
  @Field({ description: 'p < 0.001: the split is not what the weights say (a bug in assignment, exposure logging or bots); do not trust the results' })
  mismatch!: boolean;
  @Field(() => Float, { description: 'P(χ² ≥ chiSquare) under the configured weights' }) pValue!: number;
  @Field(() => Float) chiSquare!: number;
  @Field(() => Int) degreesOfFreedom!: number;
}

@Scopes('read')
@ObjectType({ description: 'Conversion by variant. A conversion is a goal event after the profile\'s first exposure.' })
export class ExperimentResults {
  @Field(() => SampleRatioCheck, {
    nullable: true,
    description: 'Read this first: when `mismatch` is true the split is broken and the comparisons below are not valid. Null without exposures. ' +
      'Compared with the current weights (re-weighting while running makes the history differ from them).',
  })
  sampleRatio!: SampleRatioCheck | null;
  @Field(() => Experiment) experiment!: Experiment;
  @ListSize(10) @Field(() => [VariantResult], { description: 'In the experiment\'s variant order' }) variants!: VariantResult[];
  @Field(() => Int) totalExposures!: number;
  @Field() computedAt!: Date;
  /** Held-out users' exposures and goal conversions, read through the `holdout` field. */
  heldOut!: { exposures: number; conversions: number };
}
