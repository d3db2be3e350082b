import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** A company or team (a Segment `group`): its own traits, and the people seen in it. */
export type Account = {
  __typename?: 'Account';
  createdAt: Scalars['DateTimeISO']['output'];
  /** The groupId its group calls (or context.groupId) carry. */
  groupId: Scalars['String']['output'];
  /** People seen in this account, in the order they joined it. */
  members: ProfileConnection;
  /** Shallow-merged from its group calls' traits; the later call wins key by key. */
  traits: Scalars['JSONObject']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
};


/** A company or team (a Segment `group`): its own traits, and the people seen in it. */
export type AccountMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

export type AliasInput = {
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** The earlier identity (usually an anonymous id) to link to it. */
  previousId: Scalars['String']['input'];
  timestamp?: InputMaybe<Scalars['String']['input']>;
  /** The identity to keep (usually the new user id). */
  userId: Scalars['String']['input'];
};

export type ApiKey = {
  __typename?: 'ApiKey';
  /** Browser origins (scheme://host[:port]) this key may be used from; a request with any other Origin header is FORBIDDEN. Null: not restricted. */
  allowedOrigins?: Maybe<Array<Scalars['String']['output']>>;
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  name: Scalars['String']['output'];
  prefix: Scalars['String']['output'];
  revokedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  scopes: Array<Scalars['String']['output']>;
};

/** One BG/NBD fit (Fader, Hardie & Lee 2005) by maximum likelihood; time unit: weeks. */
export type ChurnModel = {
  __typename?: 'ChurnModel';
  /** Beta prior on the drop-out probability after each repeat purchase */
  a: Scalars['Float']['output'];
  /** Scale of the Gamma prior on purchase rates (weeks) */
  alpha: Scalars['Float']['output'];
  /** Purchases after this instant were ignored */
  asOf: Scalars['DateTimeISO']['output'];
  b: Scalars['Float']['output'];
  converged: Scalars['Boolean']['output'];
  fittedAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  iterations: Scalars['Int']['output'];
  logLikelihood: Scalars['Float']['output'];
  /** Shape of the Gamma prior on purchase rates */
  r: Scalars['Float']['output'];
  /** Buyers the model was fitted to */
  sampleSize: Scalars['Int']['output'];
};

/** A buyer's churn risk rose past the subscriber's threshold. */
export type ChurnRiskAlert = {
  __typename?: 'ChurnRiskAlert';
  at: Scalars['DateTimeISO']['output'];
  /** The buyer's 52-week customer lifetime value as of the run (null without a spend model) */
  clv52w?: Maybe<Scalars['Float']['output']>;
  /** Pass as `after` to resume. */
  cursor: Scalars['String']['output'];
  previousRisk?: Maybe<Scalars['Float']['output']>;
  profileId: Scalars['ID']['output'];
  revenue: Scalars['Float']['output'];
  risk: Scalars['Float']['output'];
};

/** A cluster's mean stat values, in the stats' own units. */
export type ClusterCentroid = {
  __typename?: 'ClusterCentroid';
  avgOrderValue: Scalars['Float']['output'];
  orders: Scalars['Float']['output'];
  recencyDays: Scalars['Float']['output'];
  revenue: Scalars['Float']['output'];
  tenureDays: Scalars['Float']['output'];
};

/** A feature beyond the five stats: a top category's share of the buyer's order lines, or a computed trait. */
export type ClusterFeature = {
  __typename?: 'ClusterFeature';
  /** Mean over the cluster's sample members */
  mean: Scalars['Float']['output'];
  /** "share of <category>" or the computed trait key */
  name: Scalars['String']['output'];
};

/** A named per-profile value computed from events, kept current on ingest and as time passes. */
export type ComputedTrait = {
  __typename?: 'ComputedTrait';
  createdAt: Scalars['DateTimeISO']['output'];
  /** event, where, within, aggregate, property, limit: see the README (computed traits). */
  definition: Scalars['JSONObject']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** What Profile.computed and {"computed": {"key": ...}} segment leaves name it by. */
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** True when its window ends at now, so values change with time alone (kept by the expiry worker). */
  timeSensitive: Scalars['Boolean']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  version: Scalars['Int']['output'];
};

/** What changed a computed trait value. */
export type ComputedTraitCause =
  | 'DEFINITION'
  | 'EVENT'
  | 'EXPIRY'
  | 'MERGE'
  | 'SCHEDULE';

/** A change of one profile's computed trait value. `cursor` orders all changes; pass it as `after` to resume. */
export type ComputedTraitChange = {
  __typename?: 'ComputedTraitChange';
  at: Scalars['DateTimeISO']['output'];
  cause: ComputedTraitCause;
  /** Opaque, increasing; pass as `after` to replay from here. */
  cursor: Scalars['String']['output'];
  key: Scalars['String']['output'];
  previous?: Maybe<Scalars['JSON']['output']>;
  profileId: Scalars['ID']['output'];
  /** The new value; null when the profile no longer has one. */
  value?: Maybe<Scalars['JSON']['output']>;
};

/** A 95% confidence interval. */
export type ConfidenceInterval = {
  __typename?: 'ConfidenceInterval';
  lower: Scalars['Float']['output'];
  upper: Scalars['Float']['output'];
};

/** A profile's current choice for one purpose, or the server default when it made none. */
export type Consent = {
  __typename?: 'Consent';
  granted: Scalars['Boolean']['output'];
  /** True when no choice is recorded and the server default applies. */
  isDefault: Scalars['Boolean']['output'];
  profileId: Scalars['ID']['output'];
  purpose: ConsentPurpose;
  /** Where the recorded choice came from, e.g. "cookie-banner" or "event <messageId>". */
  source?: Maybe<Scalars['String']['output']>;
  /** When the recorded choice was made. */
  updatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** One recorded change of consent. */
export type ConsentChange = {
  __typename?: 'ConsentChange';
  at: Scalars['DateTimeISO']['output'];
  granted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  purpose: ConsentPurpose;
  source: Scalars['String']['output'];
};

/** What a person agreed (or refused) to have their data used for. */
export type ConsentPurpose =
  /** Measurement. Recorded; ingestion does not depend on it. Default when unrecorded: granted. */
  | 'ANALYTICS'
  /** Membership of MARKETING segments. Opt-in: never assumed. */
  | 'MARKETING'
  /** Tailored content and recommendations. Default when unrecorded: CONSENT_DEFAULT_PERSONALIZATION (true). */
  | 'PERSONALIZATION';

/** Something a placement can show: a banner, a hero, a text or any JSON payload the frontend renders. */
export type ContentItem = {
  __typename?: 'ContentItem';
  /** Shown now: inside its window and not archived. */
  active: Scalars['Boolean']['output'];
  /** Not shown before this instant */
  activeFrom?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Not shown from this instant on */
  activeUntil?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Archived items are never shown */
  archivedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  /** Stable identifier; a-z, 0-9, _ . - ; unique */
  key: Scalars['String']['output'];
  /** BCP 47 tag such as en or pt-BR */
  locale?: Maybe<Scalars['String']['output']>;
  payload: Scalars['JSONObject']['output'];
  tags: Array<Scalars['String']['output']>;
  title?: Maybe<Scalars['String']['output']>;
  /** What the frontend renders it as, e.g. banner, hero, text, json */
  type: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Incremented by every change */
  version: Scalars['Int']['output'];
};

export type ContentItemFilter = {
  includeArchived?: Scalars['Boolean']['input'];
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Items carrying all of these tags */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateComputedTraitInput = {
  /** { event, where?, within?, aggregate, property?, limit? }: aggregate one of count, sum, avg, min, max, first, last, most_frequent, unique_count, unique_list; errors name the bad path. */
  definition: Scalars['JSONObject']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** a-z, 0-9 and _, starting with a letter; unique */
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

export type CreateContentItemInput = {
  activeFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  activeUntil?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** a-z, 0-9, _ . - ; unique; cannot change later */
  key: Scalars['String']['input'];
  locale?: InputMaybe<Scalars['String']['input']>;
  /** Defaults to {} */
  payload?: InputMaybe<Scalars['JSONObject']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
  /** a-z, 0-9, _ - (e.g. banner, hero, text, json) */
  type: Scalars['String']['input'];
};

export type CreateExperimentInput = {
  /** In (0, 1]; 1 unless set */
  coverage?: InputMaybe<Scalars['Float']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** Event name (e.g. "Order Completed") that counts as a conversion */
  goalEvent: Scalars['String']['input'];
  /** Up to 10 metrics that must not get worse */
  guardrailMetrics?: InputMaybe<Array<ExperimentMetricInput>>;
  /** SHA256 unless set */
  hashing?: InputMaybe<ExperimentHashing>;
  /** ANONYMOUS_ID unless set */
  hashingUnit?: InputMaybe<HashingUnit>;
  /** a-z, 0-9, _ . - ; unique */
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** The decision metric */
  primaryMetric?: InputMaybe<ExperimentMetricInput>;
  /** 1–200 characters; the key unless set */
  seed?: InputMaybe<Scalars['String']['input']>;
  /** Inline condition in the segment language (instead of a segment), evaluated for the profile when served; a first visit meets none */
  targetingCondition?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Segment id or key; only its members are in the experiment. Null: everyone. */
  targetingSegment?: InputMaybe<Scalars['String']['input']>;
  /** 2 to 10 variants, in bucketing order */
  variants: Array<ExperimentVariantInput>;
};

export type CreatePlacementInput = {
  /** Content item key */
  defaultContent?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  /** a-z, 0-9, _ . - ; unique */
  key: Scalars['String']['input'];
  rules?: Array<PlacementRuleInput>;
};

export type CreateSegmentInput = {
  /** The rule tree: all / any / not over trait, stat, event and segment leaves. Validated against the published JSON Schema (schema/segment-definition.schema.json); errors name the bad path. */
  definition: Scalars['JSONObject']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  /** a-z, 0-9, _ . - ; unique */
  key: Scalars['String']['input'];
  name: Scalars['String']['input'];
  purpose?: InputMaybe<SegmentPurpose>;
};

export type CreatedApiKey = {
  __typename?: 'CreatedApiKey';
  key: ApiKey;
  /** The key itself. Shown once: only its hash is stored. */
  secret: Scalars['String']['output'];
  /** For personalize keys: the HS256 secret your backend signs end-user tokens with (sub = user id, exp required, at most 24 h). Keep it on the server. */
  userTokenSecret?: Maybe<Scalars['String']['output']>;
};

export type CreatedWebhook = {
  __typename?: 'CreatedWebhook';
  /** HMAC-SHA256 key for X-Segmentary-Signature. Shown once: it cannot be read back. */
  secret: Scalars['String']['output'];
  webhook: Webhook;
};

/** What a placement shows to one user, and why. */
export type Decision = {
  __typename?: 'Decision';
  /** Null when nothing applies and the placement has no active default */
  content?: Maybe<ContentItem>;
  /** Experiment the user was exposed to on the way */
  experiment?: Maybe<Scalars['String']['output']>;
  /** Placement key */
  placement: Scalars['String']['output'];
  /** segment | condition | everyone | experiment (a rule decided); holdout (an experiment rule, the visitor in the global holdout: the control's content); default (no rule matched); unknown user; no personalization consent */
  reason: Scalars['String']['output'];
  /** The rule that decided; null for the default */
  rule?: Maybe<PlacementRule>;
  /** The rule's segment, when it targets one */
  segment?: Maybe<Segment>;
  variant?: Maybe<Scalars['String']['output']>;
};

/** One discovered cluster, explained as a segment definition. */
export type DiscoveredCluster = {
  __typename?: 'DiscoveredCluster';
  centroid: ClusterCentroid;
  /** A segment definition (stat leaves) a depth-3 decision tree learned to separate the cluster from the rest: pass it to createSegment */
  definition: Scalars['JSONObject']['output'];
  /** Plain words for its centroid, e.g. "recent, frequent, high spend" */
  description: Scalars['String']['output'];
  index: Scalars['Int']['output'];
  /** The other features clustered on (the rule uses the five stats only) */
  otherFeatures: Array<ClusterFeature>;
  /** On the sample: share of the buyers the definition selects that are in the cluster */
  precision: Scalars['Float']['output'];
  /** On the sample: share of the cluster the definition selects */
  recall: Scalars['Float']['output'];
  /** Buyers nearest to its centroid, over all buyers (not only the sample) */
  size: Scalars['Int']['output'];
};

/** A segment discovery running in the background on the instance that started it. */
export type DiscoveryJob = {
  __typename?: 'DiscoveryJob';
  createdAt: Scalars['DateTimeISO']['output'];
  /** When FAILED */
  error?: Maybe<Scalars['String']['output']>;
  finishedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  id: Scalars['ID']['output'];
  /** Share done, 0–1: one step per k tried, one for assigning every buyer */
  progress: Scalars['Float']['output'];
  /** When DONE */
  result?: Maybe<SegmentDiscovery>;
  status: DiscoveryJobStatus;
};

/** RUNNING → DONE (with a result) or FAILED (with an error). */
export type DiscoveryJobStatus =
  | 'DONE'
  | 'FAILED'
  | 'RUNNING';

/** What an erasure removed. Only salted hashes of the identities remain. */
export type ErasureResult = {
  __typename?: 'ErasureResult';
  erasedAt: Scalars['DateTimeISO']['output'];
  identities: Scalars['Int']['output'];
  profileId: Scalars['ID']['output'];
  /** Rows deleted per table. */
  rowsDeleted: Scalars['JSONObject']['output'];
  /** Segments the person left (EXITED, cause ERASURE). */
  segmentsExited: Scalars['Int']['output'];
  /** Whether later events bearing the erased identities are refused until lifted (unsuppressIdentities). */
  suppressed: Scalars['Boolean']['output'];
};

/** Any message, for batches. */
export type EventInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Event name (track) */
  event?: InputMaybe<Scalars['String']['input']>;
  /** For group: the account; its traits go to the account, not the person */
  groupId?: InputMaybe<Scalars['String']['input']>;
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** Page or screen name */
  name?: InputMaybe<Scalars['String']['input']>;
  /** For alias */
  previousId?: InputMaybe<Scalars['String']['input']>;
  properties?: InputMaybe<Scalars['JSONObject']['input']>;
  /** ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event's clampedFrom keeps it). */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  traits?: InputMaybe<Scalars['JSONObject']['input']>;
  type: EventType;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type EventType =
  | 'ALIAS'
  | 'GROUP'
  | 'IDENTIFY'
  | 'PAGE'
  | 'SCREEN'
  | 'TRACK';

/** An A/B test: eligible traffic is split between variants by a deterministic hash of (seed, the hashing unit's value). */
export type Experiment = {
  __typename?: 'Experiment';
  /** Share of eligible traffic included (GrowthBook's `coverage`), in (0, 1]; the rest is served no variant */
  coverage: Scalars['Float']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  description?: Maybe<Scalars['String']['output']>;
  /** Event name that counts as a conversion when it occurs after the exposure */
  goalEvent: Scalars['String']['output'];
  /** Metrics that must not get worse, reported with the results */
  guardrailMetrics: Array<MetricDefinition>;
  hashing: ExperimentHashing;
  hashingUnit: HashingUnit;
  /** The global holdout as it was when the experiment started; null before, or when none was set */
  holdout?: Maybe<ExperimentHoldout>;
  id: Scalars['ID']['output'];
  /** Stable identifier; also part of the hash, so it decides who gets which variant */
  key: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** The decision metric, reported with the results; null: only the goal event conversion */
  primaryMetric?: Maybe<MetricDefinition>;
  /** Hashed with the unit's value (GrowthBook's `seed`); the key unless set */
  seed: Scalars['String']['output'];
  startedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  status: ExperimentStatus;
  stoppedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Only profiles meeting this inline condition (the segment language, evaluated when served) are in the experiment; a first visit meets none */
  targetingCondition?: Maybe<Scalars['JSONObject']['output']>;
  /** Only members of this segment are in the experiment; null: everyone. */
  targetingSegment?: Maybe<Segment>;
  /** Only members of this segment are in the experiment (null: everyone) */
  targetingSegmentId?: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** In bucketing order */
  variants: Array<ExperimentVariant>;
};

/** The variant a profile is served. */
export type ExperimentAssignment = {
  __typename?: 'ExperimentAssignment';
  experimentKey: Scalars['String']['output'];
  /** In the global holdout: show the control, report the exposure as usual */
  holdout: Scalars['Boolean']['output'];
  /** The variant to show; the control for a held-out visitor */
  variant: Scalars['String']['output'];
};

/** How the hashing unit's value picks a variant. SHA256: ours, SHA-256 of `seed:value`. GROWTHBOOK: GrowthBook's FNV-1a hashing version 2 with its bucket ranges, so that GrowthBook SDKs given the same seed, weights and coverage (and hashVersion 2) serve the same variants. */
export type ExperimentHashing =
  | 'GROWTHBOOK'
  | 'SHA256';

/** The global holdout: a share of people who never see any experiment (they are served the control and reported apart). */
export type ExperimentHoldout = {
  __typename?: 'ExperimentHoldout';
  /** Hashed with the unit's value, independently of every experiment's own seed */
  seed: Scalars['String']['output'];
  /** Share of each experiment's hashing unit values held out, 0 to 0.5 (0: no holdout) */
  share: Scalars['Float']['output'];
  /** When it was last set (null on an experiment: the copy taken at its start) */
  updatedAt?: Maybe<Scalars['DateTimeISO']['output']>;
};

/** A metric an experiment stores and reports with its results. */
export type ExperimentMetricInput = {
  /** The event (CONVERSION, MEAN); none for REVENUE */
  event?: InputMaybe<Scalars['String']['input']>;
  kind: MetricKind;
  /** REVENUE and MEAN: days before the exposure for CUPED (0–365, default 14) */
  preWindowDays?: InputMaybe<Scalars['Int']['input']>;
  /** MEAN: a numeric property path to sum; absent: count the events */
  property?: InputMaybe<Scalars['String']['input']>;
  /** Property filters on the event, as a segment event leaf's `where` (e.g. [{"path": "category", "op": "eq", "value": "shoes"}]) */
  where?: InputMaybe<Array<Scalars['JSONObject']['input']>>;
  /** Days after the exposure that count (1–365, default 14) */
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};

/** Conversion by variant. A conversion is a goal event after the profile's first exposure. */
export type ExperimentResults = {
  __typename?: 'ExperimentResults';
  computedAt: Scalars['DateTimeISO']['output'];
  experiment: Experiment;
  /** Goal-event conversion of the held-out users against everyone in the arms; null when nobody was held out */
  holdout?: Maybe<HoldoutResult>;
  /** The stored primary metric and guardrails, in that order, each by variant (one statement each) */
  metrics: Array<MetricResult>;
  /** Read this first: when `mismatch` is true the split is broken and the comparisons below are not valid. Null without exposures. Compared with the current weights (re-weighting while running makes the history differ from them). */
  sampleRatio?: Maybe<SampleRatioCheck>;
  totalExposures: Scalars['Int']['output'];
  /** In the experiment's variant order */
  variants: Array<VariantResult>;
};

/** DRAFT → RUNNING → STOPPED, one way. Only a RUNNING experiment assigns variants. */
export type ExperimentStatus =
  | 'DRAFT'
  | 'RUNNING'
  | 'STOPPED';

/** One arm of an experiment. */
export type ExperimentVariant = {
  __typename?: 'ExperimentVariant';
  /** The baseline the other variants are compared with; exactly one per experiment */
  control: Scalars['Boolean']['output'];
  key: Scalars['String']['output'];
  /** Share of eligible profiles (weights sum to 1) */
  weight: Scalars['Float']['output'];
};

export type ExperimentVariantInput = {
  /** Marks the control; by default the first variant is */
  control?: InputMaybe<Scalars['Boolean']['input']>;
  /** a-z, 0-9, _ . - ; unique within the experiment */
  key: Scalars['String']['input'];
  /** Positive; weights are normalized to sum to 1 */
  weight?: Scalars['Float']['input'];
};

export type GroupInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** The account (company, team) the person belongs to. */
  groupId: Scalars['String']['input'];
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event's clampedFrom keeps it). */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  /** The account's traits (name, plan, ...): set on the account, never on the person. */
  traits?: InputMaybe<Scalars['JSONObject']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** The identity hashed, fixed per experiment. ANONYMOUS_ID (the default): a first visit gets a variant before any profile exists, and it stays after sign-up because the assignment recorded with the exposure travels with the profile. USER_ID: signed-in traffic only. PROFILE_ID: the profile id, as experiments made before hashing units existed were assigned; needs a known profile. */
export type HashingUnit =
  | 'ANONYMOUS_ID'
  | 'PROFILE_ID'
  | 'USER_ID';

/** The held-out users (the global holdout, who never see an experiment and are served the control) against everyone in the arms, pooled: what running the experiment changed. Not part of the arms, the SRM check or the variant comparisons. */
export type HoldoutResult = {
  __typename?: 'HoldoutResult';
  /** 95% interval of `difference` (Wald for rates, Welch for means) */
  confidenceInterval?: Maybe<ConfidenceInterval>;
  /** experimentedValue − value */
  difference?: Maybe<Scalars['Float']['output']>;
  /** Users in the arms, pooled */
  experimentedUsers: Scalars['Int']['output'];
  /** The same over all arms together */
  experimentedValue?: Maybe<Scalars['Float']['output']>;
  /** difference / value */
  lift?: Maybe<Scalars['Float']['output']>;
  /** Two-sided (z-test for rates, Welch for means) */
  pValue?: Maybe<Scalars['Float']['output']>;
  /** Held-out users who reached the experiment */
  users: Scalars['Int']['output'];
  /** Their conversion rate or mean */
  value?: Maybe<Scalars['Float']['output']>;
};

export type IdentifyInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event's clampedFrom keeps it). */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  traits?: InputMaybe<Scalars['JSONObject']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type Identity = {
  __typename?: 'Identity';
  createdAt: Scalars['DateTimeISO']['output'];
  kind: IdentityKind;
  value: Scalars['String']['output'];
};

export type IdentityInput = {
  kind: IdentityKind;
  value: Scalars['String']['input'];
};

/** Kinds of identifier that resolve to a profile. */
export type IdentityKind =
  | 'ANONYMOUS_ID'
  | 'DEVICE_ID'
  | 'EMAIL'
  | 'PHONE'
  | 'USER_ID';

export type IngestResult = {
  __typename?: 'IngestResult';
  /** Events stored by this call. */
  accepted: Scalars['Int']['output'];
  /** Events already stored earlier (same messageId), not stored again. */
  duplicates: Scalars['Int']['output'];
  /** Identity values a personalize key sent (traits or context email, phone, device id, identities, context.groupId) that linked nothing: their paths, e.g. "input.traits.email". They stay as unverified data of the visitor's own profile. */
  ignoredIdentities: Array<Scalars['String']['output']>;
  /** Profile of each accepted event, in input order. */
  profileIds: Array<Scalars['ID']['output']>;
  /** With `ingest(partial: true)`: the messages not stored, in input order (the others were). Otherwise always empty: a batch with an invalid message is refused whole. */
  rejected: Array<RejectedEvent>;
  /** Events refused because of an erasure (replays of erased messages or people, suppressed identities): counted, not stored. */
  suppressed: Scalars['Int']['output'];
};

/** Overrides the configured lifecycle thresholds for one run (whole days). */
export type LifecycleRulesInput = {
  /** Otherwise, last order less than this many days ago: active */
  activeDays?: InputMaybe<Scalars['Int']['input']>;
  /** Otherwise, last order less than this many days ago: silent; else churned */
  churnDays?: InputMaybe<Scalars['Int']['input']>;
  /** First order less than this many days ago: new */
  newDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A mean metric: per exposed user, the sum of `property` (or the count) of `event` within `windowDays` after the exposure. */
export type MeanMetricInput = {
  /** Event name, e.g. "Order Completed" */
  event: Scalars['String']['input'];
  /** Days before the exposure whose same metric is the CUPED covariate (0–365, default 14; 0: no adjustment) */
  preWindowDays?: InputMaybe<Scalars['Int']['input']>;
  /** A numeric property path to sum (e.g. "revenue": revenue per exposed user); absent: count the events */
  property?: InputMaybe<Scalars['String']['input']>;
  /** Days after the exposure (1–365, default 14) */
  windowDays?: InputMaybe<Scalars['Int']['input']>;
};

/** A mean metric by variant, with and without CUPED variance reduction (Deng, Xu, Kohavi & Walker, 2013). */
export type MeanMetricResults = {
  __typename?: 'MeanMetricResults';
  /** CUPED θ = cov(x, y) / var(x) over all exposed users; 0 without pre-period variance */
  cupedTheta: Scalars['Float']['output'];
  /** Null for REVENUE (net revenue of orders) */
  event?: Maybe<Scalars['String']['output']>;
  preWindowDays: Scalars['Int']['output'];
  property?: Maybe<Scalars['String']['output']>;
  /** In the experiment's variant order */
  variants: Array<MetricVariantResult>;
  windowDays: Scalars['Int']['output'];
};

/** What made a profile enter or leave a segment. */
export type MembershipCause =
  | 'CONSENT'
  | 'DEFINITION'
  | 'ERASURE'
  | 'EVENT'
  | 'EXPIRY'
  | 'MERGE'
  | 'SCHEDULE'
  | 'SCORING';

/** One entry or exit. `cursor` orders all changes; pass it as `after` to resume. */
export type MembershipChange = {
  __typename?: 'MembershipChange';
  at: Scalars['DateTimeISO']['output'];
  cause: MembershipCause;
  /** Opaque, increasing; pass as `after` to replay from here. */
  cursor: Scalars['String']['output'];
  kind: MembershipChangeKind;
  profileId: Scalars['ID']['output'];
  segmentId: Scalars['ID']['output'];
  segmentKey: Scalars['String']['output'];
  segmentVersion: Scalars['Int']['output'];
};

export type MembershipChangeKind =
  | 'ENTERED'
  | 'EXITED';

/** A variant's mean against the control's: Welch's unequal-variance t-test. */
export type MetricComparison = {
  __typename?: 'MetricComparison';
  /** 95% interval of `difference` (t quantile with the Welch–Satterthwaite degrees of freedom) */
  confidenceInterval: ConfidenceInterval;
  degreesOfFreedom: Scalars['Float']['output'];
  /** variant mean − control mean */
  difference: Scalars['Float']['output'];
  /** difference / control mean; null when that is 0 */
  lift?: Maybe<Scalars['Float']['output']>;
  /** Two-sided */
  pValue: Scalars['Float']['output'];
  tStatistic: Scalars['Float']['output'];
};

/** A metric an experiment reports. */
export type MetricDefinition = {
  __typename?: 'MetricDefinition';
  event?: Maybe<Scalars['String']['output']>;
  kind: MetricKind;
  preWindowDays: Scalars['Int']['output'];
  property?: Maybe<Scalars['String']['output']>;
  /** Property filters on the event, as a segment event leaf's `where` (e.g. [{"path": "category", "op": "eq", "value": "shoes"}]) */
  where: Array<Scalars['JSONObject']['output']>;
  windowDays: Scalars['Int']['output'];
};

/** CONVERSION: did the event (with its filters) happen within the window after exposure; compared as proportions (two-proportion z-test). REVENUE: net revenue of the orders completed in the window (refunds and cancellations deducted). MEAN: the count of the event, or the sum of a numeric property. REVENUE and MEAN are compared as means (Welch's t-test), with CUPED over the pre-exposure window. */
export type MetricKind =
  | 'CONVERSION'
  | 'MEAN'
  | 'REVENUE';

/** One of the experiment's stored metrics, by variant. */
export type MetricResult = {
  __typename?: 'MetricResult';
  /** CONVERSION: users, conversions, rate, z-test against the control */
  conversion?: Maybe<Array<VariantResult>>;
  /** Null when nobody was held out */
  holdout?: Maybe<HoldoutResult>;
  /** REVENUE and MEAN: means, Welch and CUPED against the control */
  mean?: Maybe<MeanMetricResults>;
  metric: MetricDefinition;
  role: MetricRole;
};

/** PRIMARY: the decision metric. GUARDRAIL: must not get worse. */
export type MetricRole =
  | 'GUARDRAIL'
  | 'PRIMARY';

/** One variant of a mean metric, plain and CUPED-adjusted. */
export type MetricVariantResult = {
  __typename?: 'MetricVariantResult';
  /** Null for the control, or with under two users or no variance */
  comparison?: Maybe<MetricComparison>;
  control: Scalars['Boolean']['output'];
  cupedComparison?: Maybe<MetricComparison>;
  /** Mean after CUPED: y − θ(x − x̄), x the same metric before exposure */
  cupedMean: Scalars['Float']['output'];
  cupedVariance: Scalars['Float']['output'];
  key: Scalars['String']['output'];
  mean: Scalars['Float']['output'];
  /** Exposed users (those without events count as 0) */
  users: Scalars['Int']['output'];
  /** Sample variance */
  variance: Scalars['Float']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Links previousId to userId, merging their profiles when the identity rules allow. */
  alias: IngestResult;
  /** Stops showing a content item anywhere; rules pointing at it are skipped. */
  archiveContentItem: ContentItem;
  createApiKey: CreatedApiKey;
  /** Creates a computed trait and computes every profile's value. */
  createComputedTrait: ComputedTrait;
  createContentItem: ContentItem;
  /** Creates a DRAFT experiment. */
  createExperiment: Experiment;
  /** Creates a placement with its default and ordered rules, all or nothing. */
  createPlacement: Placement;
  /** Creates a segment and computes its membership. */
  createSegment: Segment;
  /** Registers an http(s) endpoint for trigger occurrences from now on. Requests carry X-Segmentary-Signature: sha256=<hex HMAC-SHA256 of the raw body>. */
  createWebhook: CreatedWebhook;
  /** Deletes a computed trait no segment reads, with its values; returns it as it was. */
  deleteComputedTrait: ComputedTrait;
  /** Deletes a segment no other segment uses; returns it as it was. */
  deleteSegment: Segment;
  /** Removes a webhook with its delivery log; pending deliveries are dropped. */
  deleteWebhook: Webhook;
  /** Erases a person (GDPR art. 17 / PIPL art. 47): events, identities, traits, memberships, assignments, consents. Final: a replay of any message accepted before (same messageId, from any source) or of their old events recreates nothing. */
  eraseProfile: ErasureResult;
  /** Links the person to an account (groupId) and sets the account's traits; the person's own traits and identities are untouched. */
  group: IngestResult;
  /** Sets traits on the profile the identities resolve to. A personalize key may send it for its own visitor only (anonymousId, or the user of its signed token); identity values in its traits or context link nothing (see ignoredIdentities). */
  identify: IngestResult;
  /** Up to 1,000 messages, stored all together or not at all; with `partial: true`, the valid ones are stored and each invalid one is listed in `rejected`. */
  ingest: IngestResult;
  /** Records a page view. A personalize key may send it for its own visitor only (anonymousId, or the user of its signed token); identity values in its traits or context link nothing (see ignoredIdentities). */
  page: IngestResult;
  /** Full recompute now (normally membership updates by itself). */
  recomputeSegment: RecomputeResult;
  /** Recomputes item similarities and popularity now (it also runs on a schedule). */
  refreshRecommendations: RecommendationsRefresh;
  revokeApiKey: ApiKey;
  /** Runs the scoring job now (it also runs on a schedule). Orders after asOf are ignored. With asOf the scores are kept: the schedule leaves them until the next explicit run or a change of SCORING_AS_OF. Without, the run scores as SCORING_AS_OF says (default: now). */
  runScoring: ScoringRun;
  /** Creates a real-time segment from a finished discovery's cluster: its rule is the segment's definition. */
  saveDiscoveredSegment: Segment;
  /** Records a choice for the profile named by profileId, or by userId / anonymousId (userId first). Only changes enter the history; a change of marketing consent updates MARKETING segment membership at once. Needs admin or ingest. */
  setConsent: Consent;
  /** Sets the global holdout for experiments started from now on (a running experiment keeps the one it started with, so nobody in it moves). Held-out visitors are served the control and reported apart from the arms. */
  setExperimentHoldout: ExperimentHoldout;
  /** DRAFT → RUNNING: from now on eligible profiles are assigned. */
  startExperiment: Experiment;
  /** Starts discovering segments in the buyers: k-means (k-means++ seeding, 5 restarts, a fixed seed) over the standardized log recency, log frequency, log net revenue, tenure and average order value of a sample; k by silhouette when kMin..kMax is given; every buyer assigned to its nearest centroid; each cluster explained as a segment definition by a depth-3 decision tree on those five stats. The shares of the buyer's order lines in the three most ordered categories, and the computed traits named, are clustered on too. Follow it with segmentDiscovery(id). */
  startSegmentDiscovery: DiscoveryJob;
  /** RUNNING → STOPPED: nobody is served any more; conversions after the stop do not count. */
  stopExperiment: Experiment;
  /** Records an action. A personalize key may send it for its own visitor only (anonymousId, or the user of its signed token); identity values in its traits or context link nothing (see ignoredIdentities). */
  track: IngestResult;
  /** Lifts the suppression of these identities (erased with suppress: true); returns how many were suppressed. */
  unsuppressIdentities: Scalars['Int']['output'];
  /** Changes a computed trait (by id or key): bumps its version, recomputes its values and the segments reading it. */
  updateComputedTrait: ComputedTrait;
  /** Changes a content item; placements show the new version at once. */
  updateContentItem: ContentItem;
  /** Changes an experiment: anything while DRAFT, only name, description and weights while RUNNING. */
  updateExperiment: Experiment;
  /** Changes a placement; given `rules` replace the whole list. Decisions change at once on every instance. */
  updatePlacement: Placement;
  /** Changes a segment (by id or key): bumps its version and recomputes membership. */
  updateSegment: Segment;
  /** Creates or updates up to 1000 products, all or nothing; returned in input order. */
  upsertProducts: Array<Product>;
};


export type MutationAliasArgs = {
  input: AliasInput;
};


export type MutationArchiveContentItemArgs = {
  key: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  allowedOrigins?: InputMaybe<Array<Scalars['String']['input']>>;
  name: Scalars['String']['input'];
  scopes: Array<Scalars['String']['input']>;
};


export type MutationCreateComputedTraitArgs = {
  input: CreateComputedTraitInput;
};


export type MutationCreateContentItemArgs = {
  input: CreateContentItemInput;
};


export type MutationCreateExperimentArgs = {
  input: CreateExperimentInput;
};


export type MutationCreatePlacementArgs = {
  input: CreatePlacementInput;
};


export type MutationCreateSegmentArgs = {
  input: CreateSegmentInput;
};


export type MutationCreateWebhookArgs = {
  kinds: Array<TriggerKind>;
  secret?: InputMaybe<Scalars['String']['input']>;
  url: Scalars['String']['input'];
};


export type MutationDeleteComputedTraitArgs = {
  trait: Scalars['String']['input'];
};


export type MutationDeleteSegmentArgs = {
  segment: Scalars['String']['input'];
};


export type MutationDeleteWebhookArgs = {
  id: Scalars['ID']['input'];
};


export type MutationEraseProfileArgs = {
  identity?: InputMaybe<IdentityInput>;
  profile?: InputMaybe<Scalars['ID']['input']>;
  suppress?: Scalars['Boolean']['input'];
};


export type MutationGroupArgs = {
  input: GroupInput;
};


export type MutationIdentifyArgs = {
  input: IdentifyInput;
};


export type MutationIngestArgs = {
  events: Array<EventInput>;
  partial?: Scalars['Boolean']['input'];
};


export type MutationPageArgs = {
  input: PageInput;
};


export type MutationRecomputeSegmentArgs = {
  segment: Scalars['String']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRunScoringArgs = {
  asOf?: InputMaybe<Scalars['DateTimeISO']['input']>;
  lifecycle?: InputMaybe<LifecycleRulesInput>;
};


export type MutationSaveDiscoveredSegmentArgs = {
  cluster: Scalars['Int']['input'];
  job: Scalars['ID']['input'];
  key: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetConsentArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  granted: Scalars['Boolean']['input'];
  profileId?: InputMaybe<Scalars['ID']['input']>;
  purpose: ConsentPurpose;
  source: Scalars['String']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type MutationSetExperimentHoldoutArgs = {
  seed?: InputMaybe<Scalars['String']['input']>;
  share: Scalars['Float']['input'];
};


export type MutationStartExperimentArgs = {
  key: Scalars['String']['input'];
};


export type MutationStartSegmentDiscoveryArgs = {
  computedTraits?: InputMaybe<Array<Scalars['String']['input']>>;
  k?: InputMaybe<Scalars['Int']['input']>;
  kMax?: InputMaybe<Scalars['Int']['input']>;
  kMin?: InputMaybe<Scalars['Int']['input']>;
  sample?: InputMaybe<Scalars['Int']['input']>;
  seed?: InputMaybe<Scalars['Int']['input']>;
};


export type MutationStopExperimentArgs = {
  key: Scalars['String']['input'];
};


export type MutationTrackArgs = {
  input: TrackInput;
};


export type MutationUnsuppressIdentitiesArgs = {
  identities: Array<IdentityInput>;
};


export type MutationUpdateComputedTraitArgs = {
  input: UpdateComputedTraitInput;
  trait: Scalars['String']['input'];
};


export type MutationUpdateContentItemArgs = {
  input: UpdateContentItemInput;
  key: Scalars['String']['input'];
};


export type MutationUpdateExperimentArgs = {
  input: UpdateExperimentInput;
  key: Scalars['String']['input'];
};


export type MutationUpdatePlacementArgs = {
  input: UpdatePlacementInput;
  key: Scalars['String']['input'];
};


export type MutationUpdateSegmentArgs = {
  input: UpdateSegmentInput;
  segment: Scalars['String']['input'];
};


export type MutationUpsertProductsArgs = {
  products: Array<ProductInput>;
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type PageInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  properties?: InputMaybe<Scalars['JSONObject']['input']>;
  /** ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event's clampedFrom keeps it). */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** A slot in a frontend (home hero, checkout banner) whose content depends on who is looking. */
export type Placement = {
  __typename?: 'Placement';
  createdAt: Scalars['DateTimeISO']['output'];
  /** Shown when no rule matches */
  defaultContent?: Maybe<ContentItem>;
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  key: Scalars['String']['output'];
  /** In order (at most 100) */
  rules: Array<PlacementRule>;
  updatedAt: Scalars['DateTimeISO']['output'];
  version: Scalars['Int']['output'];
};

/** One step of a placement: who it targets and what they see. The first enabled rule that matches decides. */
export type PlacementRule = {
  __typename?: 'PlacementRule';
  /** Inline segment definition evaluated for the user at decision time */
  condition?: Maybe<Scalars['JSONObject']['output']>;
  /** Shown when the rule matches (absent for experiment rules) */
  content?: Maybe<ContentItem>;
  enabled: Scalars['Boolean']['output'];
  /** Experiment whose variant decides the content */
  experiment?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** 0-based; rules are tried in this order */
  position: Scalars['Int']['output'];
  /** Members of this segment match */
  segment?: Maybe<Segment>;
  /** Experiment variant key → content item key */
  variantContent?: Maybe<Scalars['JSONObject']['output']>;
};

/** Targets a stored segment, an inline condition, or (neither) every known user; leads to content or an experiment. An experiment rule without segment or condition also applies to first visits (no profile yet): the experiment's targeting decides. */
export type PlacementRuleInput = {
  /** Inline segment definition (same language as segments) */
  condition?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Content item key */
  content?: InputMaybe<Scalars['String']['input']>;
  enabled?: Scalars['Boolean']['input'];
  /** Experiment key (instead of content) */
  experiment?: InputMaybe<Scalars['String']['input']>;
  /** Segment key */
  segment?: InputMaybe<Scalars['String']['input']>;
  /** Variant key → content item key; an unmapped variant falls through to the next rule */
  variantContent?: InputMaybe<Scalars['JSONObject']['input']>;
};

/** A catalog item: set by admins (upsertProducts) or learned from Order Completed events. */
export type Product = {
  __typename?: 'Product';
  /** Inactive products are never recommended */
  active: Scalars['Boolean']['output'];
  attributes: Scalars['JSONObject']['output'];
  category?: Maybe<Scalars['String']['output']>;
  /** When the product was created, or the time of the first order that named it */
  firstSeenAt: Scalars['DateTimeISO']['output'];
  /** The product_id clients send */
  id: Scalars['ID']['output'];
  imageUrl?: Maybe<Scalars['String']['output']>;
  name?: Maybe<Scalars['String']['output']>;
  price?: Maybe<Scalars['Float']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  url?: Maybe<Scalars['String']['output']>;
};

/** A product as an admin sets it. An absent field is left unchanged; a given field is pinned, so orders never overwrite it; null clears a field and lets orders fill it again. */
export type ProductInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  attributes?: InputMaybe<Scalars['JSONObject']['input']>;
  category?: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  imageUrl?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  price?: InputMaybe<Scalars['Float']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

/** One unified customer: identities, traits, stats and events from every source. */
export type Profile = {
  __typename?: 'Profile';
  /** Accounts (Segment groups) this person was seen in, oldest link first. */
  accounts: Array<Account>;
  /** Computed trait values by key (counts and sums of nothing are 0; other traits without a value are absent). */
  computed: Scalars['JSONObject']['output'];
  /** Every recorded change of consent, newest first. */
  consentHistory: Array<ConsentChange>;
  /** Current consent for every purpose (recorded, or the server default). */
  consents: Array<Consent>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Events, newest first. */
  events: ProfileEventConnection;
  id: Scalars['ID']['output'];
  identities: Array<Identity>;
  lastSeenAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Profiles folded into this one, oldest first. */
  merges: Array<ProfileMerge>;
  /** Segments this profile is in now. */
  segments: Array<ProfileSegment>;
  stats: ProfileStats;
  traits: Scalars['JSONObject']['output'];
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileAccountsArgs = {
  first?: Scalars['Int']['input'];
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileConsentHistoryArgs = {
  first?: Scalars['Int']['input'];
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileIdentitiesArgs = {
  first?: Scalars['Int']['input'];
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileMergesArgs = {
  first?: Scalars['Int']['input'];
};


/** One unified customer: identities, traits, stats and events from every source. */
export type ProfileSegmentsArgs = {
  first?: Scalars['Int']['input'];
};

export type ProfileConnection = {
  __typename?: 'ProfileConnection';
  edges: Array<ProfileEdge>;
  pageInfo: PageInfo;
};

export type ProfileEdge = {
  __typename?: 'ProfileEdge';
  cursor: Scalars['String']['output'];
  node: Profile;
};

export type ProfileEvent = {
  __typename?: 'ProfileEvent';
  /** The time the sender claimed, when it was still more than INGEST_MAX_FUTURE_SKEW_MS ahead of receipt after clock-skew correction: occurredAt is then the receipt time. Null otherwise. */
  clampedFrom?: Maybe<Scalars['DateTimeISO']['output']>;
  context: Scalars['JSONObject']['output'];
  id: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  name?: Maybe<Scalars['String']['output']>;
  occurredAt: Scalars['DateTimeISO']['output'];
  properties: Scalars['JSONObject']['output'];
  receivedAt: Scalars['DateTimeISO']['output'];
  source: Scalars['String']['output'];
  type: Scalars['String']['output'];
};

export type ProfileEventConnection = {
  __typename?: 'ProfileEventConnection';
  edges: Array<ProfileEventEdge>;
  pageInfo: PageInfo;
};

export type ProfileEventEdge = {
  __typename?: 'ProfileEventEdge';
  cursor: Scalars['String']['output'];
  node: ProfileEvent;
};

export type ProfileFilter = {
  identity?: InputMaybe<IdentityInput>;
  lastSeenFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  lastSeenTo?: InputMaybe<Scalars['DateTimeISO']['input']>;
  traits?: InputMaybe<Array<TraitEquals>>;
};

/** A record that another profile was folded into this one. */
export type ProfileMerge = {
  __typename?: 'ProfileMerge';
  /** Kind of the identity that linked the two */
  identityKind: IdentityKind;
  /** The identity value that linked the two */
  identityValue: Scalars['String']['output'];
  mergedAt: Scalars['DateTimeISO']['output'];
  mergedProfileId: Scalars['ID']['output'];
  messageId?: Maybe<Scalars['String']['output']>;
};

/** A segment a profile belongs to, and since when. */
export type ProfileSegment = {
  __typename?: 'ProfileSegment';
  enteredAt: Scalars['DateTimeISO']['output'];
  segment: Segment;
};

/** Counters kept current on ingest, and scores written by the scoring job. */
export type ProfileStats = {
  __typename?: 'ProfileStats';
  /** Average order value: net revenue / orders */
  avgOrderValue?: Maybe<Scalars['Float']['output']>;
  /** 1 − P(alive) under the fitted BG/NBD model */
  churnRisk?: Maybe<Scalars['Float']['output']>;
  /** Customer lifetime value over 52 weeks, undiscounted: expectedOrders52w × expectedAvgOrderValue; batch job */
  clv52w?: Maybe<Scalars['Float']['output']>;
  /** clv52w with each quarter's expected spend discounted from the quarter's end at SCORING_CLV_DISCOUNT_RATE a year; batch job */
  clv52wDiscounted?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  /** Gamma-Gamma's expected average order value (net): the buyer's repeat-day average pulled toward the population mean; the population mean for buyers without repeats; batch job */
  expectedAvgOrderValue?: Maybe<Scalars['Float']['output']>;
  /** Expected orders in the next 52 weeks under BG/NBD; batch job */
  expectedOrders52w?: Maybe<Scalars['Float']['output']>;
  expectedOrders90d?: Maybe<Scalars['Float']['output']>;
  firstOrderAt?: Maybe<Scalars['DateTimeISO']['output']>;
  firstSeenAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Revenue of the orders placed (each order its latest amount), before refunds; kept by ingest */
  grossRevenue: Scalars['Float']['output'];
  lastOrderAt?: Maybe<Scalars['DateTimeISO']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** prospect (registered, never ordered), new, active, reactivated, silent or churned. Ingest moves it when an order arrives (a first order makes it new, an order after a lapse of churnDays reactivated) or a registered person appears (prospect); the scoring job moves it as time passes */
  lifecycle?: Maybe<Scalars['String']['output']>;
  /** Orders placed (by order_id: a repeated Order Completed updates its order), less cancelled ones; kept by ingest */
  orders: Scalars['Int']['output'];
  pAlive?: Maybe<Scalars['Float']['output']>;
  /** P(at least one order in the next 30 days) under BG/NBD; batch job */
  purchaseProbability30d?: Maybe<Scalars['Float']['output']>;
  /** Order Refunded and Order Cancelled amounts, including refunds of orders placed before the history began; kept by ingest */
  refunds: Scalars['Float']['output'];
  /** Net revenue: grossRevenue − refunds; kept by ingest */
  revenue: Scalars['Float']['output'];
  /** RFM frequency quintile, 5 = most orders; batch job, not moved by ingest */
  rfmF?: Maybe<Scalars['Int']['output']>;
  /** RFM monetary quintile on net revenue, 5 = most; batch job, not moved by ingest */
  rfmM?: Maybe<Scalars['Int']['output']>;
  /** RFM recency quintile, 5 = most recent; a batch job (the scoring schedule or runScoring), not moved by ingest */
  rfmR?: Maybe<Scalars['Int']['output']>;
  /** Named RFM cell, e.g. Champions; batch job (quintiles are relative to every buyer), not moved by ingest */
  rfmSegment?: Maybe<Scalars['String']['output']>;
  /** When the scoring job wrote the scores */
  scoredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** The instant the scores describe: orders after it were ignored (see lastScoringRun) */
  scoresAsOf?: Maybe<Scalars['DateTimeISO']['output']>;
  /** high_value (top net-revenue quintile) or potential; batch job */
  valueTier?: Maybe<Scalars['String']['output']>;
};

/** BG/NBD parameters (weeks). */
export type PurchaseModelParams = {
  __typename?: 'PurchaseModelParams';
  a: Scalars['Float']['output'];
  alpha: Scalars['Float']['output'];
  b: Scalars['Float']['output'];
  r: Scalars['Float']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** An account by the groupId its group calls carry. */
  account?: Maybe<Account>;
  apiKeys: Array<ApiKey>;
  /** The latest BG/NBD fit behind p_alive, churn_risk and expected_orders_90d. */
  churnModel?: Maybe<ChurnModel>;
  /** By id or key. */
  computedTrait: ComputedTrait;
  computedTraits: Array<ComputedTrait>;
  /** Content items in key order; `after` is the last key of the previous page. */
  contentItems: Array<ContentItem>;
  experiment?: Maybe<Experiment>;
  /** The global holdout: who never sees any experiment. */
  experimentHoldout: ExperimentHoldout;
  /** The global holdout's report: a metric for the people held out of every experiment that had a holdout, against those held out of none (the window counted from each person's first exposure): what experimentation as a whole changed. Null until someone was held out. */
  experimentHoldoutResults?: Maybe<HoldoutResult>;
  /** A mean metric (revenue per exposed user, events per user, …) by variant: Welch's t-test against the control, with and without CUPED. */
  experimentMetric: MeanMetricResults;
  /** Exposures, conversions and rates per variant, with lift, 95% CI and p-value against the control. */
  experimentResults: ExperimentResults;
  /** Serves a visitor's variant: the one recorded for their profile, else the hash of the experiment's hashing unit (a first visit needs no profile), logging the exposure once when a profile exists. Null when the experiment is not running, the visitor lacks the hashing unit, is outside the coverage or not targeted. A personalize key acts for an anonymous id or for the user of its signed token. */
  experimentVariant?: Maybe<ExperimentAssignment>;
  /** All experiments, oldest first. */
  experiments: Array<Experiment>;
  /** Everything held about a person, as JSON (GDPR art. 15 / 20). */
  exportProfile: Scalars['JSONObject']['output'];
  /** The last scoring run: the as-of of every score profiles carry now. */
  lastScoringRun?: Maybe<ScoringRunRecord>;
  /** The content a placement shows to this user (userId first, else anonymousId). An unknown user (a first visit) gets the variant content of an experiment rule that applies to it, else the default. A personalize key acts for an anonymous id or for the user of its signed token; read keys for anyone. */
  personalize: Decision;
  /** Decisions for several placements at once, in the order asked (one lookup of the user). */
  personalizeMany: Array<Decision>;
  placement?: Maybe<Placement>;
  /** Every placement with its rules, in key order. */
  placements: Array<Placement>;
  /** Size and a sample of a definition, without saving it. */
  previewSegment: SegmentPreview;
  product?: Maybe<Product>;
  /** A profile by id; the id of a merged profile resolves to the survivor. */
  profile?: Maybe<Profile>;
  profileByIdentity?: Maybe<Profile>;
  profiles: ProfileConnection;
  /** Products for a visitor (userId preferred over anonymousId). An unknown visitor gets popular items, not an error. */
  recommendations: Array<Recommendation>;
  /** Buyers and revenue per recency × frequency score, as of the last scoring run. */
  rfmGrid: Array<RfmCell>;
  /** By id or by key. */
  segment?: Maybe<Segment>;
  /** A discovery job: its progress, then its clusters (or its error). */
  segmentDiscovery: DiscoveryJob;
  /** The keys of a user's segments, sorted: what GrowthBook's `$groups` attribute takes, so that a GrowthBook feature can target our segments with `{"$groups": {"$elemMatch": {"$eq": "<segment key>"}}}`. An unknown user has none. */
  segmentKeysFor: Array<Scalars['String']['output']>;
  /** Pairwise member counts (including each segment with itself). */
  segmentOverlap: Array<SegmentOverlap>;
  /** Size, entries, exits, orders, revenue, conversion and AOV of a segment per time bucket. */
  segmentStats: Array<SegmentStatsPoint>;
  segments: Array<Segment>;
  /** A user's segments, by user id or anonymous id; an unknown user has none. */
  segmentsFor: Array<ProfileSegment>;
  /** A user's segments, decisions for the placements asked and recommendations, answered with one lookup of the user. */
  userContext: UserContext;
  /** Fits BG/NBD and Gamma-Gamma on the orders up to calibrationEnd and compares their predictions for (calibrationEnd, holdoutEnd] with what happened, per calibration frequency: the standard tracking table. Writes nothing. */
  validateValueModel: ValueModelValidation;
  /** Buyers, 52-week CLV and net revenue per lifecycle stage × CLV decile, as of the last scoring run. */
  valueGrid: Array<ValueCell>;
  /** The latest fits behind customer value: BG/NBD (purchases) and Gamma-Gamma (spend), with their as-of dates. */
  valueModel: ValueModel;
  /** A webhook's delivery log, newest first. */
  webhookDeliveries: WebhookDeliveryConnection;
  webhooks: Array<Webhook>;
};


export type QueryAccountArgs = {
  groupId: Scalars['String']['input'];
};


export type QueryApiKeysArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryComputedTraitArgs = {
  trait: Scalars['String']['input'];
};


export type QueryComputedTraitsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryContentItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ContentItemFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryExperimentArgs = {
  key: Scalars['String']['input'];
};


export type QueryExperimentHoldoutResultsArgs = {
  metric: ExperimentMetricInput;
};


export type QueryExperimentMetricArgs = {
  key: Scalars['String']['input'];
  metric: MeanMetricInput;
};


export type QueryExperimentResultsArgs = {
  key: Scalars['String']['input'];
};


export type QueryExperimentVariantArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  experiment: Scalars['String']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryExperimentsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryExportProfileArgs = {
  identity?: InputMaybe<IdentityInput>;
  profile?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryPersonalizeArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  placement: Scalars['String']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPersonalizeManyArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  placements: Array<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPlacementArgs = {
  key: Scalars['String']['input'];
};


export type QueryPlacementsArgs = {
  first?: Scalars['Int']['input'];
};


export type QueryPreviewSegmentArgs = {
  asOf?: InputMaybe<Scalars['DateTimeISO']['input']>;
  definition: Scalars['JSONObject']['input'];
  sampleSize?: Scalars['Int']['input'];
};


export type QueryProductArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProfileArgs = {
  id: Scalars['ID']['input'];
};


export type QueryProfileByIdentityArgs = {
  kind: IdentityKind;
  value: Scalars['String']['input'];
};


export type QueryProfilesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProfileFilter>;
  first?: Scalars['Int']['input'];
};


export type QueryRecommendationsArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  excludePurchased?: Scalars['Boolean']['input'];
  limit?: Scalars['Int']['input'];
  product?: InputMaybe<Scalars['String']['input']>;
  strategy: RecommendationStrategy;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySegmentArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  key?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySegmentDiscoveryArgs = {
  id: Scalars['ID']['input'];
};


export type QuerySegmentKeysForArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySegmentOverlapArgs = {
  segments: Array<Scalars['String']['input']>;
};


export type QuerySegmentStatsArgs = {
  from: Scalars['DateTimeISO']['input'];
  interval?: StatsInterval;
  segment: Scalars['String']['input'];
  source?: StatsSource;
  to: Scalars['DateTimeISO']['input'];
};


export type QuerySegmentsArgs = {
  first?: Scalars['Int']['input'];
};


export type QuerySegmentsForArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryUserContextArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  placements?: Array<Scalars['String']['input']>;
  recommendations?: InputMaybe<RecommendationRequest>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryValidateValueModelArgs = {
  calibrationEnd: Scalars['DateTimeISO']['input'];
  holdoutEnd: Scalars['DateTimeISO']['input'];
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  status?: InputMaybe<WebhookDeliveryStatus>;
  webhook: Scalars['ID']['input'];
};


export type QueryWebhooksArgs = {
  first?: Scalars['Int']['input'];
};

export type Recommendation = {
  __typename?: 'Recommendation';
  product: Product;
  /** Why this item, e.g. "42 customers who bought “Mug” also bought this" */
  reason: Scalars['String']['output'];
  /** Higher is better; comparable only within one strategy */
  score: Scalars['Float']['output'];
  /** The strategy that produced the item: POPULAR when it filled in for the one asked */
  strategy: RecommendationStrategy;
};

/** Recommendations to include. Without personalization consent only POPULAR items are given, whatever the strategy. */
export type RecommendationRequest = {
  /** 1 to 100 */
  limit?: Scalars['Int']['input'];
  /** The product being viewed: required for ALSO_BOUGHT */
  product?: InputMaybe<Scalars['String']['input']>;
  strategy: RecommendationStrategy;
};

/** How items are chosen. Every strategy fills the slots it cannot fill itself with POPULAR items, and says so in `reason`. */
export type RecommendationStrategy =
  /** Item-to-item from co-purchases: needs `product` */
  | 'ALSO_BOUGHT'
  /** From the visitor's recent bought and viewed items, summed item-to-item similarities */
  | 'FOR_YOU'
  /** Most distinct buyers over the popularity window (default 90 days) */
  | 'POPULAR'
  /** Most bought by members of the visitor's segments (highest share of members) */
  | 'SEGMENT_POPULAR'
  /** Buyers in the last 7 days against the rate of the 28 days before (a smoothed Poisson z-score) */
  | 'TRENDING';

/** What one refresh of similarities, popularity and the visitors' FOR_YOU lists wrote. */
export type RecommendationsRefresh = {
  __typename?: 'RecommendationsRefresh';
  /** Purchases after this instant were ignored */
  asOf: Scalars['DateTimeISO']['output'];
  durationMs: Scalars['Int']['output'];
  itemsWithSimilarities: Scalars['Int']['output'];
  /** Products with buyers in the popularity or trending windows */
  popularProducts: Scalars['Int']['output'];
  /** Rows of per-segment popularity */
  segmentRows: Scalars['Int']['output'];
  /** Rows of item_similarities (at most 50 per item) */
  similarities: Scalars['Int']['output'];
  /** Visitors whose FOR_YOU lists were written (every visitor who bought or viewed a product) */
  visitorLists: Scalars['Int']['output'];
};

export type RecomputeResult = {
  __typename?: 'RecomputeResult';
  durationMs: Scalars['Int']['output'];
  entered: Scalars['Int']['output'];
  exited: Scalars['Int']['output'];
  segment: Segment;
  size: Scalars['Int']['output'];
};

/** A message of a partial batch that was not stored, and why; the batch's other messages were. */
export type RejectedEvent = {
  __typename?: 'RejectedEvent';
  /** BAD_USER_INPUT, or FORBIDDEN for what the key may not send. */
  code: Scalars['String']['output'];
  /** Its position in the batch, from 0. */
  index: Scalars['Int']['output'];
  message: Scalars['String']['output'];
  /** The messageId it was sent with (null when it had none, or not a usable string). */
  messageId?: Maybe<Scalars['String']['output']>;
  /** The field at fault, e.g. "events[3].timestamp". */
  path: Scalars['String']['output'];
};

/** One recency × frequency cell of the RFM grid (5 = best). */
export type RfmCell = {
  __typename?: 'RfmCell';
  count: Scalars['Int']['output'];
  frequency: Scalars['Int']['output'];
  recency: Scalars['Int']['output'];
  revenue: Scalars['Float']['output'];
  /** Most common named RFM segment in the cell. */
  segment?: Maybe<Scalars['String']['output']>;
};

/** Sample-ratio-mismatch check: a chi-square goodness-of-fit test of the exposures per variant against the weights. */
export type SampleRatioCheck = {
  __typename?: 'SampleRatioCheck';
  chiSquare: Scalars['Float']['output'];
  degreesOfFreedom: Scalars['Int']['output'];
  /** p < 0.001: the split is not what the weights say (a bug in assignment, exposure logging or bots); do not trust the results */
  mismatch: Scalars['Boolean']['output'];
  /** P(χ² ≥ chiSquare) under the configured weights */
  pValue: Scalars['Float']['output'];
};

/** How many buyers a score value covers. */
export type ScoreCount = {
  __typename?: 'ScoreCount';
  count: Scalars['Int']['output'];
  name: Scalars['String']['output'];
};

/** What one run of the scoring job (RFM, lifecycle, value tiers, churn risk) wrote. */
export type ScoringRun = {
  __typename?: 'ScoringRun';
  /** Orders after this instant were ignored */
  asOf: Scalars['DateTimeISO']['output'];
  /** Profiles with at least one order by asOf; everyone else has null scores */
  buyersScored: Scalars['Int']['output'];
  /** Buyers whose churn risk went up (rows added to the churn-risk log) */
  churnRiskIncreases: Scalars['Int']['output'];
  durationMs: Scalars['Int']['output'];
  /** prospect, new, active, reactivated, silent, churned */
  lifecycleStages: Array<ScoreCount>;
  /** Null when no buyer has bought on two different days yet */
  model?: Maybe<ChurnModel>;
  /** True when asOf was given: the scheduled job keeps these scores until the next explicit run or a change of SCORING_AS_OF */
  pinned: Scalars['Boolean']['output'];
  /** Every RFM cell, in a fixed order, zeros included */
  rfmCells: Array<ScoreCount>;
  /** Segments on scores that were recomputed afterwards */
  segmentsRecomputed: Scalars['Int']['output'];
  /** high_value, potential (other buyers have no tier) */
  valueTiers: Array<ScoreCount>;
};

/** The scoring run behind the scores profiles carry now. */
export type ScoringRunRecord = {
  __typename?: 'ScoringRunRecord';
  /** Orders after this instant were ignored */
  asOf: Scalars['DateTimeISO']['output'];
  buyersScored: Scalars['Int']['output'];
  finishedAt: Scalars['DateTimeISO']['output'];
  /** An explicit as-of: the scheduled job keeps these scores until the next explicit run or a change of SCORING_AS_OF */
  pinned: Scalars['Boolean']['output'];
  /** SCORING_AS_OF when the run happened: now, latest-event or an ISO instant */
  setting: Scalars['String']['output'];
};

/** A rule over profiles whose membership stays current as events arrive and time passes. */
export type Segment = {
  __typename?: 'Segment';
  /** Built-in segments (RFM cells, lifecycle stages) are maintained by the server. */
  builtIn: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** The rule tree; see schema/segment-definition.schema.json */
  definition: Scalars['JSONObject']['output'];
  description?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Stable identifier used by clients and in definitions ({"segment": {"key": ...}}) */
  key: Scalars['String']['output'];
  lastComputedAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Members in order of entry. */
  members: SegmentMemberConnection;
  name: Scalars['String']['output'];
  purpose: SegmentPurpose;
  /** Current number of members. */
  size: Scalars['Int']['output'];
  /** True when membership can change with time alone; re-run by the scheduler. */
  timeSensitive: Scalars['Boolean']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  version: Scalars['Int']['output'];
};


/** A rule over profiles whose membership stays current as events arrive and time passes. */
export type SegmentMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
};

/** Segments discovered in the buyers by k-means, each explained as a rule. */
export type SegmentDiscovery = {
  __typename?: 'SegmentDiscovery';
  /** All buyers, each assigned to a cluster */
  buyers: Scalars['Int']['output'];
  clusters: Array<DiscoveredCluster>;
  /** The k kept (the best silhouette when a range was given) */
  k: Scalars['Int']['output'];
  /** Buyers the clustering was fitted on */
  sampleSize: Scalars['Int']['output'];
  silhouette: Scalars['Float']['output'];
  /** Every k tried */
  silhouettes: Array<SilhouetteScore>;
};

export type SegmentMember = {
  __typename?: 'SegmentMember';
  enteredAt: Scalars['DateTimeISO']['output'];
  profile: Profile;
};

export type SegmentMemberConnection = {
  __typename?: 'SegmentMemberConnection';
  edges: Array<SegmentMemberEdge>;
  pageInfo: PageInfo;
};

export type SegmentMemberEdge = {
  __typename?: 'SegmentMemberEdge';
  cursor: Scalars['String']['output'];
  node: SegmentMember;
};

export type SegmentOverlap = {
  __typename?: 'SegmentOverlap';
  /** Profiles in both (for A = B: the size). */
  count: Scalars['Int']['output'];
  keyA: Scalars['String']['output'];
  keyB: Scalars['String']['output'];
  segmentA: Scalars['ID']['output'];
  segmentB: Scalars['ID']['output'];
};

export type SegmentPreview = {
  __typename?: 'SegmentPreview';
  /** Up to `sampleSize` matching profiles. */
  sample: Array<Profile>;
  size: Scalars['Int']['output'];
  /** Whether membership would change with time alone. */
  timeSensitive: Scalars['Boolean']['output'];
};

/** MARKETING segments only ever contain profiles that consented to marketing. */
export type SegmentPurpose =
  | 'ANALYTICS'
  | 'GENERAL'
  | 'MARKETING'
  | 'PERSONALIZATION';

/** One time bucket of a segment. Orders and revenue count while the buyer was a member. */
export type SegmentStatsPoint = {
  __typename?: 'SegmentStatsPoint';
  /** revenue / orders */
  averageOrderValue?: Maybe<Scalars['Float']['output']>;
  /** Members who ordered in the bucket. */
  buyers: Scalars['Int']['output'];
  /** buyers / members */
  conversionRate: Scalars['Float']['output'];
  entered: Scalars['Int']['output'];
  exited: Scalars['Int']['output'];
  /** Profiles that were members at some point in the bucket. */
  members: Scalars['Int']['output'];
  /** Order Completed events by members during their membership. */
  orders: Scalars['Int']['output'];
  revenue: Scalars['Float']['output'];
  /** Members at the end of the bucket. */
  size: Scalars['Int']['output'];
  /** Start of the bucket (UTC). */
  start: Scalars['DateTimeISO']['output'];
};

export type SilhouetteScore = {
  __typename?: 'SilhouetteScore';
  k: Scalars['Int']['output'];
  silhouette: Scalars['Float']['output'];
};

/** One Gamma-Gamma fit of spend (Fader & Hardie 2013) by maximum likelihood: per buyer with a repeat purchase day, the average net revenue of those days. Behind expected_avg_order_value and the CLV stats. */
export type SpendModel = {
  __typename?: 'SpendModel';
  /** Purchases after this instant were ignored */
  asOf: Scalars['DateTimeISO']['output'];
  converged: Scalars['Boolean']['output'];
  fittedAt: Scalars['DateTimeISO']['output'];
  /** Scale of that prior (γ) */
  gamma: Scalars['Float']['output'];
  id: Scalars['ID']['output'];
  iterations: Scalars['Int']['output'];
  logLikelihood: Scalars['Float']['output'];
  /** Shape of the Gamma distribution of transaction values */
  p: Scalars['Float']['output'];
  /** The population mean of average order values, p·γ/(q − 1); null when q ≤ 1 */
  populationMean?: Maybe<Scalars['Float']['output']>;
  /** Shape of the Gamma prior on the transaction-value rate ν */
  q: Scalars['Float']['output'];
  /** Buyers the model was fitted to */
  sampleSize: Scalars['Int']['output'];
};

/** Gamma-Gamma parameters. */
export type SpendModelParams = {
  __typename?: 'SpendModelParams';
  gamma: Scalars['Float']['output'];
  p: Scalars['Float']['output'];
  q: Scalars['Float']['output'];
};

export type StatsInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

/** Where segment statistics come from. */
export type StatsSource =
  /** Membership rebuilt from the event history at each bucket's start and end, as the definition reads now (events up to each instant, traits as they were then): right for imported history. entered / exited are net changes between start and end; members are those at the start or the end; orders count while in that set. Score stats (RFM, lifecycle, churn risk) have no history and are refused. */
  | 'HISTORY'
  /** The membership changes the server recorded as they happened (since the segment was created); entered / exited count every change. */
  | 'RECORDED';

export type Subscription = {
  __typename?: 'Subscription';
  /** Fires when a buyer's churn risk crosses `threshold` upward and their revenue is at least `minRevenue`. */
  churnRiskAlert: ChurnRiskAlert;
  /** Changes of one computed trait's values (by id or key), with the previous value. */
  computedTraitChanged: ComputedTraitChange;
  /** Changes to one profile's segments. */
  profileSegmentsChanged: MembershipChange;
  /** Entries into and exits from one segment (by id or key). */
  segmentMembershipChanged: MembershipChange;
  /** Behaviour triggers (abandoned cart, birthday, repurchase reminder) as the scheduled scan finds them; each occurrence once. */
  triggerFired: TriggerOccurrence;
};


export type SubscriptionChurnRiskAlertArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  minRevenue?: Scalars['Float']['input'];
  threshold: Scalars['Float']['input'];
};


export type SubscriptionComputedTraitChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  trait: Scalars['String']['input'];
};


export type SubscriptionProfileSegmentsChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  profile: Scalars['ID']['input'];
};


export type SubscriptionSegmentMembershipChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  segment: Scalars['String']['input'];
};


export type SubscriptionTriggerFiredArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  kinds?: InputMaybe<Array<TriggerKind>>;
};

export type TrackInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  event: Scalars['String']['input'];
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  properties?: InputMaybe<Scalars['JSONObject']['input']>;
  /** ISO 8601; defaults to the time of receipt. A time more than INGEST_MAX_FUTURE_SKEW_MS ahead is stored as the time of receipt (the event's clampedFrom keeps it). */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** A trait at a dot path equals a JSON value. */
export type TraitEquals = {
  /** Dot path, e.g. "address.country" */
  path: Scalars['String']['input'];
  value: Scalars['JSON']['input'];
};

/** A customer behaviour worth reacting to. */
export type TriggerKind =
  /** Products added to the cart and no order within ABANDONED_CART_MINUTES of the last one. */
  | 'ABANDONED_CART'
  /** Today (UTC) is the `birthday` trait's month and day; Feb 29 birthdays fire on Feb 28 in other years. */
  | 'BIRTHDAY'
  /** A repeat buyer's next order, expected from their own median gap between order days, is overdue. */
  | 'REPURCHASE';

/** One firing of a trigger for one profile. Each fires once (see dedupeKey). */
export type TriggerOccurrence = {
  __typename?: 'TriggerOccurrence';
  /** Pass as `after` to resume. */
  cursor: Scalars['String']['output'];
  /** What makes this occurrence unique, e.g. `birthday:<profile>:<year>`. */
  dedupeKey: Scalars['String']['output'];
  kind: TriggerKind;
  /** When the scan found it. */
  occurredAt: Scalars['DateTimeISO']['output'];
  /** Details for the message: cart products, expected order date, days overdue, ... */
  payload: Scalars['JSONObject']['output'];
  profileId: Scalars['ID']['output'];
};

export type UpdateComputedTraitInput = {
  /** { event, where?, within?, aggregate, property?, limit? }: aggregate one of count, sum, avg, min, max, first, last, most_frequent, unique_count, unique_list; errors name the bad path. */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change; an absent field keeps its value, null clears it. */
export type UpdateContentItemInput = {
  activeFrom?: InputMaybe<Scalars['DateTimeISO']['input']>;
  activeUntil?: InputMaybe<Scalars['DateTimeISO']['input']>;
  locale?: InputMaybe<Scalars['String']['input']>;
  payload?: InputMaybe<Scalars['JSONObject']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
  /** a-z, 0-9, _ - (e.g. banner, hero, text, json) */
  type?: InputMaybe<Scalars['String']['input']>;
};

/** Fields to change. A DRAFT experiment may change anything; a RUNNING one only its name, description, the weights of its existing variants and its coverage (ramping up) and its metrics; a STOPPED one nothing. */
export type UpdateExperimentInput = {
  /** May change while RUNNING (ramping up); recorded assignments stay */
  coverage?: InputMaybe<Scalars['Float']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  goalEvent?: InputMaybe<Scalars['String']['input']>;
  /** Up to 10 metrics that must not get worse */
  guardrailMetrics?: InputMaybe<Array<ExperimentMetricInput>>;
  hashing?: InputMaybe<ExperimentHashing>;
  hashingUnit?: InputMaybe<HashingUnit>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** May change while RUNNING: metrics only read the data */
  primaryMetric?: InputMaybe<ExperimentMetricInput>;
  seed?: InputMaybe<Scalars['String']['input']>;
  /** Inline condition in the segment language (instead of a segment), evaluated for the profile when served; a first visit meets none */
  targetingCondition?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Segment id or key; only its members are in the experiment. Null: everyone. */
  targetingSegment?: InputMaybe<Scalars['String']['input']>;
  /** 2 to 10 variants, in bucketing order */
  variants?: InputMaybe<Array<ExperimentVariantInput>>;
};

/** Absent fields keep their value. `rules`, when given, replaces the whole ordered list. */
export type UpdatePlacementInput = {
  /** Content item key; null clears it */
  defaultContent?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  rules?: InputMaybe<Array<PlacementRuleInput>>;
};

export type UpdateSegmentInput = {
  /** The rule tree: all / any / not over trait, stat, event and segment leaves. Validated against the published JSON Schema (schema/segment-definition.schema.json); errors name the bad path. */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  purpose?: InputMaybe<SegmentPurpose>;
};

/** Everything a frontend needs about one user, in one round trip. */
export type UserContext = {
  __typename?: 'UserContext';
  /** One per placement asked, in order (at most 50) */
  decisions: Array<Decision>;
  known: Scalars['Boolean']['output'];
  /** Null for a user never seen */
  profileId?: Maybe<Scalars['ID']['output']>;
  /** Empty unless `recommendations` was asked for; excludes what the user bought */
  recommendations: Array<Recommendation>;
  /** Keys of the segments the user is in; empty without personalization consent */
  segments: Array<Scalars['String']['output']>;
};

/** Buyers of one lifecycle stage in one CLV decile. */
export type ValueCell = {
  __typename?: 'ValueCell';
  /** Sum of clv_52w */
  clv: Scalars['Float']['output'];
  count: Scalars['Int']['output'];
  /** 1–10 over all buyers with a CLV; 10 = the highest 52-week CLV */
  decile: Scalars['Int']['output'];
  /** prospect, new, active, reactivated, silent, churned */
  lifecycle: Scalars['String']['output'];
  maxClv: Scalars['Float']['output'];
  minClv: Scalars['Float']['output'];
  /** Net revenue to date */
  revenue: Scalars['Float']['output'];
};

/** The two models behind customer value: how many purchases (BG/NBD) and what each is worth (Gamma-Gamma). */
export type ValueModel = {
  __typename?: 'ValueModel';
  purchases?: Maybe<ChurnModel>;
  spend?: Maybe<SpendModel>;
};

/** Both value models fitted on the orders up to calibrationEnd, against what happened up to holdoutEnd (the BTYD tracking table). */
export type ValueModelValidation = {
  __typename?: 'ValueModelValidation';
  calibrationEnd: Scalars['DateTimeISO']['output'];
  holdoutEnd: Scalars['DateTimeISO']['output'];
  holdoutWeeks: Scalars['Float']['output'];
  /** Null when calibration has no repeat purchase */
  purchases?: Maybe<PurchaseModelParams>;
  rows: Array<ValueTrackingRow>;
  /** Null with fewer than two repeat spenders in calibration */
  spend?: Maybe<SpendModelParams>;
};

/** One row of the tracking table: buyers with the same number of repeat purchase days in calibration. */
export type ValueTrackingRow = {
  __typename?: 'ValueTrackingRow';
  /** Their mean actual average value of a holdout purchase day (net revenue) */
  actualOrderValue?: Maybe<Scalars['Float']['output']>;
  /** Mean purchase days they made in the holdout */
  actualPurchases: Scalars['Float']['output'];
  /** Repeat purchase days in calibration; 7 means 7 or more */
  calibrationPurchases: Scalars['Int']['output'];
  customers: Scalars['Int']['output'];
  /** Their mean Gamma-Gamma expected average order value */
  predictedOrderValue?: Maybe<Scalars['Float']['output']>;
  /** Mean purchase days in the holdout BG/NBD predicts */
  predictedPurchases: Scalars['Float']['output'];
  /** Of them, buyers with repeat spend in calibration and a purchase in the holdout */
  spendCustomers: Scalars['Int']['output'];
};

/** Exposures and conversions of one variant, and how it compares with the control. */
export type VariantResult = {
  __typename?: 'VariantResult';
  /** 95% Wald interval of `difference` (absolute, not relative); null for the control */
  confidenceInterval?: Maybe<ConfidenceInterval>;
  control: Scalars['Boolean']['output'];
  /** Exposed profiles with a goal event after their exposure (and before the stop) */
  conversions: Scalars['Int']['output'];
  /** Absolute difference of rates, variant − control (0.05 = 5 points); null for the control */
  difference?: Maybe<Scalars['Float']['output']>;
  /** Profiles served this variant (each counted once) */
  exposures: Scalars['Int']['output'];
  key: Scalars['String']['output'];
  /** (rate − control rate) / control rate; null for the control or when the control rate is 0 */
  lift?: Maybe<Scalars['Float']['output']>;
  /** Two-sided p-value of the z-test; null when zScore is */
  pValue?: Maybe<Scalars['Float']['output']>;
  /** conversions / exposures; null without exposures */
  rate?: Maybe<Scalars['Float']['output']>;
  /** Two-proportion z statistic with pooled variance; null for the control or with zero variance */
  zScore?: Maybe<Scalars['Float']['output']>;
};

/** An HTTP endpoint that receives trigger occurrences as signed POST requests. */
export type Webhook = {
  __typename?: 'Webhook';
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  kinds: Array<TriggerKind>;
  url: Scalars['String']['output'];
};

/** One occurrence sent to one webhook: its attempts so far and their outcome. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  /** Attempts made so far. */
  attempt: Scalars['Int']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  deliveredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** Why the last attempt failed. */
  error?: Maybe<Scalars['String']['output']>;
  /** Also sent as X-Segmentary-Delivery. */
  id: Scalars['ID']['output'];
  lastAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** When the next attempt is due (pending only). */
  nextAttemptAt?: Maybe<Scalars['DateTimeISO']['output']>;
  occurrence: TriggerOccurrence;
  /** HTTP status of the last attempt (null when no answer came). */
  responseStatus?: Maybe<Scalars['Int']['output']>;
  status: WebhookDeliveryStatus;
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  /** The receiver answered 2xx. */
  | 'DELIVERED'
  /** Every attempt failed (WEBHOOK_MAX_ATTEMPTS); no more retries. */
  | 'FAILED'
  /** Not yet answered with 2xx; retried with exponential backoff. */
  | 'PENDING';

export type GroupMutationVariables = Exact<{
  input: GroupInput;
}>;


export type GroupMutation = { __typename?: 'Mutation', group: { __typename?: 'IngestResult', accepted: number, duplicates: number, profileIds: Array<string> } };

export type AccountQueryVariables = Exact<{
  groupId: Scalars['String']['input'];
  first?: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AccountQuery = { __typename?: 'Query', account?: { __typename?: 'Account', groupId: string, traits: Record<string, unknown>, createdAt: string, updatedAt: string, members: { __typename?: 'ProfileConnection', edges: Array<{ __typename?: 'ProfileEdge', cursor: string, node: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, identities: Array<{ __typename?: 'Identity', kind: IdentityKind, value: string }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type ProfileAccountsQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileAccountsQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, identities: Array<{ __typename?: 'Identity', kind: IdentityKind, value: string }>, accounts: Array<{ __typename?: 'Account', groupId: string, traits: Record<string, unknown> }> } | null };

export type CreateComputedTraitMutationVariables = Exact<{
  input: CreateComputedTraitInput;
}>;


export type CreateComputedTraitMutation = { __typename?: 'Mutation', createComputedTrait: { __typename?: 'ComputedTrait', id: string, key: string, name: string, definition: Record<string, unknown>, timeSensitive: boolean, version: number } };

export type UpdateComputedTraitMutationVariables = Exact<{
  trait: Scalars['String']['input'];
  input: UpdateComputedTraitInput;
}>;


export type UpdateComputedTraitMutation = { __typename?: 'Mutation', updateComputedTrait: { __typename?: 'ComputedTrait', id: string, key: string, definition: Record<string, unknown>, timeSensitive: boolean, version: number } };

export type DeleteComputedTraitMutationVariables = Exact<{
  trait: Scalars['String']['input'];
}>;


export type DeleteComputedTraitMutation = { __typename?: 'Mutation', deleteComputedTrait: { __typename?: 'ComputedTrait', key: string } };

export type ComputedTraitsQueryVariables = Exact<{ [key: string]: never; }>;


export type ComputedTraitsQuery = { __typename?: 'Query', computedTraits: Array<{ __typename?: 'ComputedTrait', key: string, timeSensitive: boolean }> };

export type ProfileComputedQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileComputedQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, computed: Record<string, unknown> } | null };

export type ComputedTraitChangedSubscriptionVariables = Exact<{
  trait: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type ComputedTraitChangedSubscription = { __typename?: 'Subscription', computedTraitChanged: { __typename?: 'ComputedTraitChange', cursor: string, profileId: string, key: string, value?: unknown | null, previous?: unknown | null, cause: ComputedTraitCause, at: string } };

export type ExperimentFieldsFragment = { __typename?: 'Experiment', id: string, key: string, name: string, status: ExperimentStatus, goalEvent: string, startedAt?: string | null, stoppedAt?: string | null, targetingSegmentId?: string | null, hashing: ExperimentHashing, hashingUnit: HashingUnit, seed: string, coverage: number, targetingSegment?: { __typename?: 'Segment', key: string } | null, variants: Array<{ __typename?: 'ExperimentVariant', key: string, weight: number, control: boolean }> };

export type CreateExperimentMutationVariables = Exact<{
  input: CreateExperimentInput;
}>;


export type CreateExperimentMutation = { __typename?: 'Mutation', createExperiment: { __typename?: 'Experiment', id: string, key: string, name: string, status: ExperimentStatus, goalEvent: string, startedAt?: string | null, stoppedAt?: string | null, targetingSegmentId?: string | null, hashing: ExperimentHashing, hashingUnit: HashingUnit, seed: string, coverage: number, targetingSegment?: { __typename?: 'Segment', key: string } | null, variants: Array<{ __typename?: 'ExperimentVariant', key: string, weight: number, control: boolean }> } };

export type UpdateExperimentMutationVariables = Exact<{
  key: Scalars['String']['input'];
  input: UpdateExperimentInput;
}>;


export type UpdateExperimentMutation = { __typename?: 'Mutation', updateExperiment: { __typename?: 'Experiment', id: string, key: string, name: string, status: ExperimentStatus, goalEvent: string, startedAt?: string | null, stoppedAt?: string | null, targetingSegmentId?: string | null, hashing: ExperimentHashing, hashingUnit: HashingUnit, seed: string, coverage: number, targetingSegment?: { __typename?: 'Segment', key: string } | null, variants: Array<{ __typename?: 'ExperimentVariant', key: string, weight: number, control: boolean }> } };

export type StartExperimentMutationVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type StartExperimentMutation = { __typename?: 'Mutation', startExperiment: { __typename?: 'Experiment', id: string, key: string, name: string, status: ExperimentStatus, goalEvent: string, startedAt?: string | null, stoppedAt?: string | null, targetingSegmentId?: string | null, hashing: ExperimentHashing, hashingUnit: HashingUnit, seed: string, coverage: number, targetingSegment?: { __typename?: 'Segment', key: string } | null, variants: Array<{ __typename?: 'ExperimentVariant', key: string, weight: number, control: boolean }> } };

export type StopExperimentMutationVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type StopExperimentMutation = { __typename?: 'Mutation', stopExperiment: { __typename?: 'Experiment', id: string, key: string, name: string, status: ExperimentStatus, goalEvent: string, startedAt?: string | null, stoppedAt?: string | null, targetingSegmentId?: string | null, hashing: ExperimentHashing, hashingUnit: HashingUnit, seed: string, coverage: number, targetingSegment?: { __typename?: 'Segment', key: string } | null, variants: Array<{ __typename?: 'ExperimentVariant', key: string, weight: number, control: boolean }> } };

export type IngestMutationVariables = Exact<{
  events: Array<EventInput> | EventInput;
}>;


export type IngestMutation = { __typename?: 'Mutation', ingest: { __typename?: 'IngestResult', accepted: number, duplicates: number, suppressed: number, profileIds: Array<string> } };

export type IdentifyMutationVariables = Exact<{
  input: IdentifyInput;
}>;


export type IdentifyMutation = { __typename?: 'Mutation', identify: { __typename?: 'IngestResult', accepted: number, duplicates: number, profileIds: Array<string> } };

export type TrackMutationVariables = Exact<{
  input: TrackInput;
}>;


export type TrackMutation = { __typename?: 'Mutation', track: { __typename?: 'IngestResult', accepted: number, duplicates: number, profileIds: Array<string> } };

export type AliasMutationVariables = Exact<{
  input: AliasInput;
}>;


export type AliasMutation = { __typename?: 'Mutation', alias: { __typename?: 'IngestResult', accepted: number, duplicates: number, profileIds: Array<string> } };

export type FrontendIdentifyMutationVariables = Exact<{
  input: IdentifyInput;
}>;


export type FrontendIdentifyMutation = { __typename?: 'Mutation', identify: { __typename?: 'IngestResult', accepted: number, duplicates: number, suppressed: number, ignoredIdentities: Array<string> } };

export type FrontendTrackMutationVariables = Exact<{
  input: TrackInput;
}>;


export type FrontendTrackMutation = { __typename?: 'Mutation', track: { __typename?: 'IngestResult', accepted: number, duplicates: number, suppressed: number, ignoredIdentities: Array<string> } };

export type FrontendPageMutationVariables = Exact<{
  input: PageInput;
}>;


export type FrontendPageMutation = { __typename?: 'Mutation', page: { __typename?: 'IngestResult', accepted: number, duplicates: number, suppressed: number, ignoredIdentities: Array<string> } };

export type IngestPartialMutationVariables = Exact<{
  events: Array<EventInput> | EventInput;
}>;


export type IngestPartialMutation = { __typename?: 'Mutation', ingest: { __typename?: 'IngestResult', accepted: number, duplicates: number, suppressed: number, profileIds: Array<string>, rejected: Array<{ __typename?: 'RejectedEvent', index: number, messageId?: string | null, code: string, message: string, path: string }> } };

export type CreateContentItemMutationVariables = Exact<{
  input: CreateContentItemInput;
}>;


export type CreateContentItemMutation = { __typename?: 'Mutation', createContentItem: { __typename?: 'ContentItem', id: string, key: string, version: number, active: boolean } };

export type UpdateContentItemMutationVariables = Exact<{
  key: Scalars['String']['input'];
  input: UpdateContentItemInput;
}>;


export type UpdateContentItemMutation = { __typename?: 'Mutation', updateContentItem: { __typename?: 'ContentItem', title?: string | null, tags: Array<string>, payload: Record<string, unknown>, version: number, type: string, locale?: string | null } };

export type ArchiveContentItemMutationVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type ArchiveContentItemMutation = { __typename?: 'Mutation', archiveContentItem: { __typename?: 'ContentItem', key: string, active: boolean, archivedAt?: string | null } };

export type CreatePlacementMutationVariables = Exact<{
  input: CreatePlacementInput;
}>;


export type CreatePlacementMutation = { __typename?: 'Mutation', createPlacement: { __typename?: 'Placement', id: string, key: string, version: number, rules: Array<{ __typename?: 'PlacementRule', position: number, enabled: boolean }> } };

export type UpdatePlacementMutationVariables = Exact<{
  key: Scalars['String']['input'];
  input: UpdatePlacementInput;
}>;


export type UpdatePlacementMutation = { __typename?: 'Mutation', updatePlacement: { __typename?: 'Placement', key: string, version: number } };

export type PersonalizeQueryVariables = Exact<{
  placement: Scalars['String']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
}>;


export type PersonalizeQuery = { __typename?: 'Query', personalize: { __typename?: 'Decision', placement: string, reason: string, experiment?: string | null, variant?: string | null, content?: { __typename?: 'ContentItem', key: string } | null, rule?: { __typename?: 'PlacementRule', position: number } | null, segment?: { __typename?: 'Segment', key: string } | null } };

export type UserContextQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  placements: Array<Scalars['String']['input']> | Scalars['String']['input'];
  recommendations?: InputMaybe<RecommendationRequest>;
}>;


export type UserContextQuery = { __typename?: 'Query', userContext: { __typename?: 'UserContext', profileId?: string | null, known: boolean, segments: Array<string>, decisions: Array<{ __typename?: 'Decision', placement: string, reason: string, content?: { __typename?: 'ContentItem', key: string } | null }>, recommendations: Array<{ __typename?: 'Recommendation', strategy: RecommendationStrategy, product: { __typename?: 'Product', id: string } }> } };

export type FrontendDecisionQueryVariables = Exact<{
  placement: Scalars['String']['input'];
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
}>;


export type FrontendDecisionQuery = { __typename?: 'Query', personalize: { __typename?: 'Decision', placement: string, reason: string, experiment?: string | null, variant?: string | null, content?: { __typename?: 'ContentItem', key: string } | null, segment?: { __typename?: 'Segment', key: string } | null } };

export type FrontendUserContextQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  placements: Array<Scalars['String']['input']> | Scalars['String']['input'];
}>;


export type FrontendUserContextQuery = { __typename?: 'Query', userContext: { __typename?: 'UserContext', known: boolean, segments: Array<string>, decisions: Array<{ __typename?: 'Decision', placement: string, reason: string, content?: { __typename?: 'ContentItem', key: string } | null }> } };

export type SetConsentMutationVariables = Exact<{
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  profileId?: InputMaybe<Scalars['ID']['input']>;
  purpose: ConsentPurpose;
  granted: Scalars['Boolean']['input'];
  source: Scalars['String']['input'];
}>;


export type SetConsentMutation = { __typename?: 'Mutation', setConsent: { __typename?: 'Consent', profileId: string, purpose: ConsentPurpose, granted: boolean, isDefault: boolean, source?: string | null } };

export type ProfileConsentsQueryVariables = Exact<{
  userId: Scalars['String']['input'];
}>;


export type ProfileConsentsQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, consents: Array<{ __typename?: 'Consent', purpose: ConsentPurpose, granted: boolean, isDefault: boolean, source?: string | null }>, consentHistory: Array<{ __typename?: 'ConsentChange', purpose: ConsentPurpose, granted: boolean, source: string }> } | null };

export type EraseProfileMutationVariables = Exact<{
  identity?: InputMaybe<IdentityInput>;
  profile?: InputMaybe<Scalars['ID']['input']>;
}>;


export type EraseProfileMutation = { __typename?: 'Mutation', eraseProfile: { __typename?: 'ErasureResult', profileId: string, identities: number, segmentsExited: number, rowsDeleted: Record<string, unknown> } };

export type EraseAndSuppressMutationVariables = Exact<{
  identity: IdentityInput;
  suppress: Scalars['Boolean']['input'];
}>;


export type EraseAndSuppressMutation = { __typename?: 'Mutation', eraseProfile: { __typename?: 'ErasureResult', profileId: string, identities: number, segmentsExited: number, rowsDeleted: Record<string, unknown>, suppressed: boolean } };

export type UnsuppressIdentitiesMutationVariables = Exact<{
  identities: Array<IdentityInput> | IdentityInput;
}>;


export type UnsuppressIdentitiesMutation = { __typename?: 'Mutation', unsuppressIdentities: number };

export type ProfileByIdentityQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileByIdentityQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, identities: Array<{ __typename?: 'Identity', kind: IdentityKind, value: string }>, stats: { __typename?: 'ProfileStats', orders: number, revenue: number, events: number, lastSeenAt?: string | null, avgOrderValue?: number | null }, merges: Array<{ __typename?: 'ProfileMerge', mergedProfileId: string, identityKind: IdentityKind, identityValue: string, messageId?: string | null }>, segments: Array<{ __typename?: 'ProfileSegment', enteredAt: string, segment: { __typename?: 'Segment', key: string } }> } | null };

export type ProfileByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProfileByIdQuery = { __typename?: 'Query', profile?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, stats: { __typename?: 'ProfileStats', orders: number, revenue: number } } | null };

export type ProfileWithEventsQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileWithEventsQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, identities: Array<{ __typename?: 'Identity', kind: IdentityKind, value: string }>, stats: { __typename?: 'ProfileStats', orders: number, revenue: number, events: number, lastSeenAt?: string | null, lastOrderAt?: string | null }, events: { __typename?: 'ProfileEventConnection', edges: Array<{ __typename?: 'ProfileEventEdge', node: { __typename?: 'ProfileEvent', type: string, name?: string | null, messageId: string, properties: Record<string, unknown>, context: Record<string, unknown> } }> }, merges: Array<{ __typename?: 'ProfileMerge', mergedProfileId: string, identityKind: IdentityKind, identityValue: string }> } | null };

export type ProfileEventTimesQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileEventTimesQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', events: { __typename?: 'ProfileEventConnection', edges: Array<{ __typename?: 'ProfileEventEdge', node: { __typename?: 'ProfileEvent', messageId: string, occurredAt: string, receivedAt: string, clampedFrom?: string | null } }> } } | null };

export type UpsertProductsMutationVariables = Exact<{
  products: Array<ProductInput> | ProductInput;
}>;


export type UpsertProductsMutation = { __typename?: 'Mutation', upsertProducts: Array<{ __typename?: 'Product', id: string, name?: string | null, category?: string | null, price?: number | null, imageUrl?: string | null, url?: string | null, attributes: Record<string, unknown>, active: boolean }> };

export type RecommendationsQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['String']['input']>;
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  strategy: RecommendationStrategy;
  product?: InputMaybe<Scalars['String']['input']>;
  limit?: InputMaybe<Scalars['Int']['input']>;
  excludePurchased?: InputMaybe<Scalars['Boolean']['input']>;
}>;


export type RecommendationsQuery = { __typename?: 'Query', recommendations: Array<{ __typename?: 'Recommendation', score: number, reason: string, strategy: RecommendationStrategy, product: { __typename?: 'Product', id: string, name?: string | null, active: boolean } }> };

export type RefreshRecommendationsMutationVariables = Exact<{ [key: string]: never; }>;


export type RefreshRecommendationsMutation = { __typename?: 'Mutation', refreshRecommendations: { __typename?: 'RecommendationsRefresh', similarities: number, itemsWithSimilarities: number, popularProducts: number, segmentRows: number, visitorLists: number } };

export type RunScoringMutationVariables = Exact<{
  asOf?: InputMaybe<Scalars['DateTimeISO']['input']>;
  lifecycle?: InputMaybe<LifecycleRulesInput>;
}>;


export type RunScoringMutation = { __typename?: 'Mutation', runScoring: { __typename?: 'ScoringRun', asOf: string, pinned: boolean, buyersScored: number, durationMs: number, churnRiskIncreases: number, segmentsRecomputed: number, model?: { __typename?: 'ChurnModel', id: string, r: number, alpha: number, a: number, b: number, logLikelihood: number, sampleSize: number, converged: boolean, asOf: string } | null, rfmCells: Array<{ __typename?: 'ScoreCount', name: string, count: number }>, lifecycleStages: Array<{ __typename?: 'ScoreCount', name: string, count: number }>, valueTiers: Array<{ __typename?: 'ScoreCount', name: string, count: number }> } };

export type LastScoringRunQueryVariables = Exact<{ [key: string]: never; }>;


export type LastScoringRunQuery = { __typename?: 'Query', lastScoringRun?: { __typename?: 'ScoringRunRecord', asOf: string, pinned: boolean, setting: string, buyersScored: number, finishedAt: string } | null };

export type CreateSegmentMutationVariables = Exact<{
  input: CreateSegmentInput;
}>;


export type CreateSegmentMutation = { __typename?: 'Mutation', createSegment: { __typename?: 'Segment', id: string, key: string, version: number, timeSensitive: boolean, size: number } };

export type SegmentSizeQueryVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type SegmentSizeQuery = { __typename?: 'Query', segment?: { __typename?: 'Segment', id: string, size: number } | null };

export type UpdateSegmentMutationVariables = Exact<{
  segment: Scalars['String']['input'];
  input: UpdateSegmentInput;
}>;


export type UpdateSegmentMutation = { __typename?: 'Mutation', updateSegment: { __typename?: 'Segment', id: string, key: string, version: number, size: number } };

export type RecomputeSegmentMutationVariables = Exact<{
  segment: Scalars['String']['input'];
}>;


export type RecomputeSegmentMutation = { __typename?: 'Mutation', recomputeSegment: { __typename?: 'RecomputeResult', entered: number, exited: number, size: number } };

export type SegmentMembershipChangedSubscriptionVariables = Exact<{
  segment: Scalars['String']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type SegmentMembershipChangedSubscription = { __typename?: 'Subscription', segmentMembershipChanged: { __typename?: 'MembershipChange', cursor: string, segmentKey: string, profileId: string, kind: MembershipChangeKind, cause: MembershipCause } };

export type PreviewSegmentQueryVariables = Exact<{
  definition: Scalars['JSONObject']['input'];
  sampleSize: Scalars['Int']['input'];
  asOf?: InputMaybe<Scalars['DateTimeISO']['input']>;
}>;


export type PreviewSegmentQuery = { __typename?: 'Query', previewSegment: { __typename?: 'SegmentPreview', size: number, timeSensitive: boolean, sample: Array<{ __typename?: 'Profile', id: string }> } };

export type SegmentStatsQueryVariables = Exact<{
  segment: Scalars['String']['input'];
  from: Scalars['DateTimeISO']['input'];
  to: Scalars['DateTimeISO']['input'];
  interval: StatsInterval;
  source: StatsSource;
}>;


export type SegmentStatsQuery = { __typename?: 'Query', segmentStats: Array<{ __typename?: 'SegmentStatsPoint', start: string, size: number, entered: number, exited: number, members: number, orders: number, revenue: number, buyers: number, conversionRate: number, averageOrderValue?: number | null }> };

export const ExperimentFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExperimentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Experiment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goalEvent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stoppedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegmentId"}},{"kind":"Field","name":{"kind":"Name","value":"hashing"}},{"kind":"Field","name":{"kind":"Name","value":"hashingUnit"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}}]}}]} as unknown as DocumentNode<ExperimentFieldsFragment, unknown>;
export const GroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Group"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"group"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<GroupMutation, GroupMutationVariables>;
export const AccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Account"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},"defaultValue":{"kind":"IntValue","value":"20"}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"groupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"groupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupId"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AccountQuery, AccountQueryVariables>;
export const ProfileAccountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileAccounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"accounts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"groupId"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}}]}}]}}]}}]} as unknown as DocumentNode<ProfileAccountsQuery, ProfileAccountsQueryVariables>;
export const CreateComputedTraitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateComputedTrait"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateComputedTraitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createComputedTrait"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"definition"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<CreateComputedTraitMutation, CreateComputedTraitMutationVariables>;
export const UpdateComputedTraitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateComputedTrait"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trait"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateComputedTraitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateComputedTrait"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trait"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trait"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"definition"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<UpdateComputedTraitMutation, UpdateComputedTraitMutationVariables>;
export const DeleteComputedTraitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteComputedTrait"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trait"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteComputedTrait"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trait"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trait"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]} as unknown as DocumentNode<DeleteComputedTraitMutation, DeleteComputedTraitMutationVariables>;
export const ComputedTraitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ComputedTraits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computedTraits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}}]}}]}}]} as unknown as DocumentNode<ComputedTraitsQuery, ComputedTraitsQueryVariables>;
export const ProfileComputedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileComputed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"computed"}}]}}]}}]} as unknown as DocumentNode<ProfileComputedQuery, ProfileComputedQueryVariables>;
export const ComputedTraitChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ComputedTraitChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"trait"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"computedTraitChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"trait"},"value":{"kind":"Variable","name":{"kind":"Name","value":"trait"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"previous"}},{"kind":"Field","name":{"kind":"Name","value":"cause"}},{"kind":"Field","name":{"kind":"Name","value":"at"}}]}}]}}]} as unknown as DocumentNode<ComputedTraitChangedSubscription, ComputedTraitChangedSubscriptionVariables>;
export const CreateExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateExperimentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExperimentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExperimentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Experiment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goalEvent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stoppedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegmentId"}},{"kind":"Field","name":{"kind":"Name","value":"hashing"}},{"kind":"Field","name":{"kind":"Name","value":"hashingUnit"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}}]}}]} as unknown as DocumentNode<CreateExperimentMutation, CreateExperimentMutationVariables>;
export const UpdateExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateExperimentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExperimentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExperimentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Experiment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goalEvent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stoppedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegmentId"}},{"kind":"Field","name":{"kind":"Name","value":"hashing"}},{"kind":"Field","name":{"kind":"Name","value":"hashingUnit"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}}]}}]} as unknown as DocumentNode<UpdateExperimentMutation, UpdateExperimentMutationVariables>;
export const StartExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExperimentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExperimentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Experiment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goalEvent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stoppedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegmentId"}},{"kind":"Field","name":{"kind":"Name","value":"hashing"}},{"kind":"Field","name":{"kind":"Name","value":"hashingUnit"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}}]}}]} as unknown as DocumentNode<StartExperimentMutation, StartExperimentMutationVariables>;
export const StopExperimentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopExperiment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopExperiment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExperimentFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExperimentFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Experiment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"goalEvent"}},{"kind":"Field","name":{"kind":"Name","value":"startedAt"}},{"kind":"Field","name":{"kind":"Name","value":"stoppedAt"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegmentId"}},{"kind":"Field","name":{"kind":"Name","value":"hashing"}},{"kind":"Field","name":{"kind":"Name","value":"hashingUnit"}},{"kind":"Field","name":{"kind":"Name","value":"seed"}},{"kind":"Field","name":{"kind":"Name","value":"coverage"}},{"kind":"Field","name":{"kind":"Name","value":"targetingSegment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"variants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"control"}}]}}]}}]} as unknown as DocumentNode<StopExperimentMutation, StopExperimentMutationVariables>;
export const IngestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Ingest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<IngestMutation, IngestMutationVariables>;
export const IdentifyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Identify"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentifyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identify"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<IdentifyMutation, IdentifyMutationVariables>;
export const TrackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Track"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"track"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<TrackMutation, TrackMutationVariables>;
export const AliasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Alias"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AliasInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alias"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<AliasMutation, AliasMutationVariables>;
export const FrontendIdentifyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FrontendIdentify"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentifyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identify"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredIdentities"}}]}}]}}]} as unknown as DocumentNode<FrontendIdentifyMutation, FrontendIdentifyMutationVariables>;
export const FrontendTrackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FrontendTrack"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"track"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredIdentities"}}]}}]}}]} as unknown as DocumentNode<FrontendTrackMutation, FrontendTrackMutationVariables>;
export const FrontendPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FrontendPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PageInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"page"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"ignoredIdentities"}}]}}]}}]} as unknown as DocumentNode<FrontendPageMutation, FrontendPageMutationVariables>;
export const IngestPartialDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IngestPartial"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}},{"kind":"Argument","name":{"kind":"Name","value":"partial"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}},{"kind":"Field","name":{"kind":"Name","value":"rejected"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]}}]} as unknown as DocumentNode<IngestPartialMutation, IngestPartialMutationVariables>;
export const CreateContentItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateContentItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateContentItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createContentItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<CreateContentItemMutation, CreateContentItemMutationVariables>;
export const UpdateContentItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateContentItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateContentItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateContentItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"tags"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"locale"}}]}}]}}]} as unknown as DocumentNode<UpdateContentItemMutation, UpdateContentItemMutationVariables>;
export const ArchiveContentItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchiveContentItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveContentItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}}]} as unknown as DocumentNode<ArchiveContentItemMutation, ArchiveContentItemMutationVariables>;
export const CreatePlacementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePlacement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePlacementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPlacement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"rules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePlacementMutation, CreatePlacementMutationVariables>;
export const UpdatePlacementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePlacement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePlacementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePlacement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<UpdatePlacementMutation, UpdatePlacementMutationVariables>;
export const PersonalizeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Personalize"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"placement"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"context"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalize"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"placement"},"value":{"kind":"Variable","name":{"kind":"Name","value":"placement"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"context"},"value":{"kind":"Variable","name":{"kind":"Name","value":"context"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"}},{"kind":"Field","name":{"kind":"Name","value":"variant"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]} as unknown as DocumentNode<PersonalizeQuery, PersonalizeQueryVariables>;
export const UserContextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"UserContext"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"placements"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recommendations"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"RecommendationRequest"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userContext"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"placements"},"value":{"kind":"Variable","name":{"kind":"Name","value":"placements"}}},{"kind":"Argument","name":{"kind":"Name","value":"recommendations"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recommendations"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"known"}},{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"decisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}}]}}]}}]}}]} as unknown as DocumentNode<UserContextQuery, UserContextQueryVariables>;
export const FrontendDecisionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendDecision"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"placement"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalize"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"placement"},"value":{"kind":"Variable","name":{"kind":"Name","value":"placement"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"experiment"}},{"kind":"Field","name":{"kind":"Name","value":"variant"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]} as unknown as DocumentNode<FrontendDecisionQuery, FrontendDecisionQueryVariables>;
export const FrontendUserContextDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FrontendUserContext"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"placements"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userContext"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"placements"},"value":{"kind":"Variable","name":{"kind":"Name","value":"placements"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"known"}},{"kind":"Field","name":{"kind":"Name","value":"segments"}},{"kind":"Field","name":{"kind":"Name","value":"decisions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"placement"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"content"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}}]} as unknown as DocumentNode<FrontendUserContextQuery, FrontendUserContextQueryVariables>;
export const SetConsentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetConsent"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"profileId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConsentPurpose"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"granted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setConsent"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"profileId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"profileId"}}},{"kind":"Argument","name":{"kind":"Name","value":"purpose"},"value":{"kind":"Variable","name":{"kind":"Name","value":"purpose"}}},{"kind":"Argument","name":{"kind":"Name","value":"granted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"granted"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"granted"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]} as unknown as DocumentNode<SetConsentMutation, SetConsentMutationVariables>;
export const ProfileConsentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileConsents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"EnumValue","value":"USER_ID"}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"consents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"granted"}},{"kind":"Field","name":{"kind":"Name","value":"isDefault"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}},{"kind":"Field","name":{"kind":"Name","value":"consentHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"granted"}},{"kind":"Field","name":{"kind":"Name","value":"source"}}]}}]}}]}}]} as unknown as DocumentNode<ProfileConsentsQuery, ProfileConsentsQueryVariables>;
export const EraseProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EraseProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"identity"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityInput"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"profile"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eraseProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"identity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"identity"}}},{"kind":"Argument","name":{"kind":"Name","value":"profile"},"value":{"kind":"Variable","name":{"kind":"Name","value":"profile"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"identities"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsExited"}},{"kind":"Field","name":{"kind":"Name","value":"rowsDeleted"}}]}}]}}]} as unknown as DocumentNode<EraseProfileMutation, EraseProfileMutationVariables>;
export const EraseAndSuppressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EraseAndSuppress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"identity"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"suppress"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eraseProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"identity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"identity"}}},{"kind":"Argument","name":{"kind":"Name","value":"suppress"},"value":{"kind":"Variable","name":{"kind":"Name","value":"suppress"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"identities"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsExited"}},{"kind":"Field","name":{"kind":"Name","value":"rowsDeleted"}},{"kind":"Field","name":{"kind":"Name","value":"suppressed"}}]}}]}}]} as unknown as DocumentNode<EraseAndSuppressMutation, EraseAndSuppressMutationVariables>;
export const UnsuppressIdentitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnsuppressIdentities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"identities"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unsuppressIdentities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"identities"},"value":{"kind":"Variable","name":{"kind":"Name","value":"identities"}}}]}]}}]} as unknown as DocumentNode<UnsuppressIdentitiesMutation, UnsuppressIdentitiesMutationVariables>;
export const ProfileByIdentityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileByIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"avgOrderValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"merges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergedProfileId"}},{"kind":"Field","name":{"kind":"Name","value":"identityKind"}},{"kind":"Field","name":{"kind":"Name","value":"identityValue"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProfileByIdentityQuery, ProfileByIdentityQueryVariables>;
export const ProfileByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}}]}}]}}]} as unknown as DocumentNode<ProfileByIdQuery, ProfileByIdQueryVariables>;
export const ProfileWithEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileWithEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastOrderAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"properties"}},{"kind":"Field","name":{"kind":"Name","value":"context"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"merges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergedProfileId"}},{"kind":"Field","name":{"kind":"Name","value":"identityKind"}},{"kind":"Field","name":{"kind":"Name","value":"identityValue"}}]}}]}}]}}]} as unknown as DocumentNode<ProfileWithEventsQuery, ProfileWithEventsQueryVariables>;
export const ProfileEventTimesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileEventTimes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messageId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"receivedAt"}},{"kind":"Field","name":{"kind":"Name","value":"clampedFrom"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProfileEventTimesQuery, ProfileEventTimesQueryVariables>;
export const UpsertProductsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertProducts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"products"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProductInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertProducts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"products"},"value":{"kind":"Variable","name":{"kind":"Name","value":"products"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"price"}},{"kind":"Field","name":{"kind":"Name","value":"imageUrl"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"attributes"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}}]}}]} as unknown as DocumentNode<UpsertProductsMutation, UpsertProductsMutationVariables>;
export const RecommendationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Recommendations"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"strategy"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecommendationStrategy"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"product"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"limit"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"excludePurchased"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recommendations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"anonymousId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"anonymousId"}}},{"kind":"Argument","name":{"kind":"Name","value":"strategy"},"value":{"kind":"Variable","name":{"kind":"Name","value":"strategy"}}},{"kind":"Argument","name":{"kind":"Name","value":"product"},"value":{"kind":"Variable","name":{"kind":"Name","value":"product"}}},{"kind":"Argument","name":{"kind":"Name","value":"limit"},"value":{"kind":"Variable","name":{"kind":"Name","value":"limit"}}},{"kind":"Argument","name":{"kind":"Name","value":"excludePurchased"},"value":{"kind":"Variable","name":{"kind":"Name","value":"excludePurchased"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"product"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"active"}}]}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"strategy"}}]}}]}}]} as unknown as DocumentNode<RecommendationsQuery, RecommendationsQueryVariables>;
export const RefreshRecommendationsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshRecommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshRecommendations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"similarities"}},{"kind":"Field","name":{"kind":"Name","value":"itemsWithSimilarities"}},{"kind":"Field","name":{"kind":"Name","value":"popularProducts"}},{"kind":"Field","name":{"kind":"Name","value":"segmentRows"}},{"kind":"Field","name":{"kind":"Name","value":"visitorLists"}}]}}]}}]} as unknown as DocumentNode<RefreshRecommendationsMutation, RefreshRecommendationsMutationVariables>;
export const RunScoringDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunScoring"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lifecycle"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"LifecycleRulesInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScoring"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}},{"kind":"Argument","name":{"kind":"Name","value":"lifecycle"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lifecycle"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"buyersScored"}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}},{"kind":"Field","name":{"kind":"Name","value":"churnRiskIncreases"}},{"kind":"Field","name":{"kind":"Name","value":"segmentsRecomputed"}},{"kind":"Field","name":{"kind":"Name","value":"model"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"r"}},{"kind":"Field","name":{"kind":"Name","value":"alpha"}},{"kind":"Field","name":{"kind":"Name","value":"a"}},{"kind":"Field","name":{"kind":"Name","value":"b"}},{"kind":"Field","name":{"kind":"Name","value":"logLikelihood"}},{"kind":"Field","name":{"kind":"Name","value":"sampleSize"}},{"kind":"Field","name":{"kind":"Name","value":"converged"}},{"kind":"Field","name":{"kind":"Name","value":"asOf"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rfmCells"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lifecycleStages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}},{"kind":"Field","name":{"kind":"Name","value":"valueTiers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<RunScoringMutation, RunScoringMutationVariables>;
export const LastScoringRunDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LastScoringRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lastScoringRun"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"pinned"}},{"kind":"Field","name":{"kind":"Name","value":"setting"}},{"kind":"Field","name":{"kind":"Name","value":"buyersScored"}},{"kind":"Field","name":{"kind":"Name","value":"finishedAt"}}]}}]}}]} as unknown as DocumentNode<LastScoringRunQuery, LastScoringRunQueryVariables>;
export const CreateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<CreateSegmentMutation, CreateSegmentMutationVariables>;
export const SegmentSizeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentSize"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<SegmentSizeQuery, SegmentSizeQueryVariables>;
export const UpdateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<UpdateSegmentMutation, UpdateSegmentMutationVariables>;
export const RecomputeSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecomputeSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recomputeSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entered"}},{"kind":"Field","name":{"kind":"Name","value":"exited"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<RecomputeSegmentMutation, RecomputeSegmentMutationVariables>;
export const SegmentMembershipChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SegmentMembershipChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentMembershipChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"segmentKey"}},{"kind":"Field","name":{"kind":"Name","value":"profileId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"cause"}}]}}]}}]} as unknown as DocumentNode<SegmentMembershipChangedSubscription, SegmentMembershipChangedSubscriptionVariables>;
export const PreviewSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PreviewSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"definition"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"JSONObject"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sampleSize"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"previewSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"definition"},"value":{"kind":"Variable","name":{"kind":"Name","value":"definition"}}},{"kind":"Argument","name":{"kind":"Name","value":"sampleSize"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sampleSize"}}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"Variable","name":{"kind":"Name","value":"asOf"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}},{"kind":"Field","name":{"kind":"Name","value":"sample"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<PreviewSegmentQuery, PreviewSegmentQueryVariables>;
export const SegmentStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"segment"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTimeISO"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"interval"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsInterval"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"source"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsSource"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segmentStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"segment"},"value":{"kind":"Variable","name":{"kind":"Name","value":"segment"}}},{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"interval"},"value":{"kind":"Variable","name":{"kind":"Name","value":"interval"}}},{"kind":"Argument","name":{"kind":"Name","value":"source"},"value":{"kind":"Variable","name":{"kind":"Name","value":"source"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"size"}},{"kind":"Field","name":{"kind":"Name","value":"entered"}},{"kind":"Field","name":{"kind":"Name","value":"exited"}},{"kind":"Field","name":{"kind":"Name","value":"members"}},{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"buyers"}},{"kind":"Field","name":{"kind":"Name","value":"conversionRate"}},{"kind":"Field","name":{"kind":"Name","value":"averageOrderValue"}}]}}]}}]} as unknown as DocumentNode<SegmentStatsQuery, SegmentStatsQueryVariables>;