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
  /** Pass as `after` to resume. */
  cursor: Scalars['String']['output'];
  previousRisk?: Maybe<Scalars['Float']['output']>;
  profileId: Scalars['ID']['output'];
  revenue: Scalars['Float']['output'];
  risk: Scalars['Float']['output'];
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
};

/** Any message, for batches. */
export type EventInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Event name (track) */
  event?: InputMaybe<Scalars['String']['input']>;
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** Page or screen name */
  name?: InputMaybe<Scalars['String']['input']>;
  /** For alias */
  previousId?: InputMaybe<Scalars['String']['input']>;
  properties?: InputMaybe<Scalars['JSONObject']['input']>;
  /** ISO 8601; defaults to the time of receipt. */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  traits?: InputMaybe<Scalars['JSONObject']['input']>;
  type: EventType;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type EventType =
  | 'ALIAS'
  | 'IDENTIFY'
  | 'PAGE'
  | 'SCREEN'
  | 'TRACK';

export type IdentifyInput = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  context?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Further identifiers (email, phone, device_id). */
  identities?: InputMaybe<Array<IdentityInput>>;
  /** Unique per message; a retry with the same id is a no-op. */
  messageId?: InputMaybe<Scalars['String']['input']>;
  /** ISO 8601; defaults to the time of receipt. */
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
  /** Profile of each accepted event, in input order. */
  profileIds: Array<Scalars['ID']['output']>;
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

/** What made a profile enter or leave a segment. */
export type MembershipCause =
  | 'DEFINITION'
  | 'ERASURE'
  | 'EVENT'
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

export type Mutation = {
  __typename?: 'Mutation';
  /** Links previousId to userId, merging their profiles when the identity rules allow. */
  alias: IngestResult;
  createApiKey: CreatedApiKey;
  /** Creates a segment and computes its membership. */
  createSegment: Segment;
  /** Deletes a segment no other segment uses; returns it as it was. */
  deleteSegment: Segment;
  /** Sets traits on the profile the identities resolve to. */
  identify: IngestResult;
  /** Up to 1,000 messages, stored all together or not at all. */
  ingest: IngestResult;
  page: IngestResult;
  /** Full recompute now (normally membership updates by itself). */
  recomputeSegment: RecomputeResult;
  revokeApiKey: ApiKey;
  /** Runs the scoring job now (it also runs on a schedule). Orders after asOf (default: now) are ignored. */
  runScoring: ScoringRun;
  track: IngestResult;
  /** Changes a segment (by id or key): bumps its version and recomputes membership. */
  updateSegment: Segment;
};


export type MutationAliasArgs = {
  input: AliasInput;
};


export type MutationCreateApiKeyArgs = {
  name: Scalars['String']['input'];
  scopes: Array<Scalars['String']['input']>;
};


export type MutationCreateSegmentArgs = {
  input: CreateSegmentInput;
};


export type MutationDeleteSegmentArgs = {
  segment: Scalars['String']['input'];
};


export type MutationIdentifyArgs = {
  input: IdentifyInput;
};


export type MutationIngestArgs = {
  events: Array<EventInput>;
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


export type MutationTrackArgs = {
  input: TrackInput;
};


export type MutationUpdateSegmentArgs = {
  input: UpdateSegmentInput;
  segment: Scalars['String']['input'];
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
  /** ISO 8601; defaults to the time of receipt. */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** One unified customer: identities, traits, stats and events from every source. */
export type Profile = {
  __typename?: 'Profile';
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
export type ProfileEventsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: Scalars['Int']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
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
  /** revenue / orders */
  avgOrderValue?: Maybe<Scalars['Float']['output']>;
  /** 1 − P(alive) under the fitted BG/NBD model */
  churnRisk?: Maybe<Scalars['Float']['output']>;
  events: Scalars['Int']['output'];
  expectedOrders90d?: Maybe<Scalars['Float']['output']>;
  firstOrderAt?: Maybe<Scalars['DateTimeISO']['output']>;
  firstSeenAt?: Maybe<Scalars['DateTimeISO']['output']>;
  lastOrderAt?: Maybe<Scalars['DateTimeISO']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** new, active, silent or churned */
  lifecycle?: Maybe<Scalars['String']['output']>;
  orders: Scalars['Int']['output'];
  pAlive?: Maybe<Scalars['Float']['output']>;
  revenue: Scalars['Float']['output'];
  rfmF?: Maybe<Scalars['Int']['output']>;
  rfmM?: Maybe<Scalars['Int']['output']>;
  rfmR?: Maybe<Scalars['Int']['output']>;
  /** Named RFM cell, e.g. Champions */
  rfmSegment?: Maybe<Scalars['String']['output']>;
  scoredAt?: Maybe<Scalars['DateTimeISO']['output']>;
  /** high_value or potential */
  valueTier?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  apiKeys: Array<ApiKey>;
  /** The latest BG/NBD fit behind p_alive, churn_risk and expected_orders_90d. */
  churnModel?: Maybe<ChurnModel>;
  /** Size and a sample of a definition, without saving it. */
  previewSegment: SegmentPreview;
  /** A profile by id; the id of a merged profile resolves to the survivor. */
  profile?: Maybe<Profile>;
  profileByIdentity?: Maybe<Profile>;
  profiles: ProfileConnection;
  /** Buyers and revenue per recency × frequency score, as of the last scoring run. */
  rfmGrid: Array<RfmCell>;
  /** By id or by key. */
  segment?: Maybe<Segment>;
  /** Pairwise member counts (including each segment with itself). */
  segmentOverlap: Array<SegmentOverlap>;
  /** Size, entries, exits, orders, revenue, conversion and AOV of a segment per time bucket. */
  segmentStats: Array<SegmentStatsPoint>;
  segments: Array<Segment>;
  /** A user's segments, by user id or anonymous id; an unknown user has none. */
  segmentsFor: Array<ProfileSegment>;
};


export type QueryPreviewSegmentArgs = {
  definition: Scalars['JSONObject']['input'];
  sampleSize?: Scalars['Int']['input'];
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


export type QuerySegmentArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  key?: InputMaybe<Scalars['String']['input']>;
};


export type QuerySegmentOverlapArgs = {
  segments: Array<Scalars['String']['input']>;
};


export type QuerySegmentStatsArgs = {
  from: Scalars['DateTimeISO']['input'];
  interval?: StatsInterval;
  segment: Scalars['String']['input'];
  to: Scalars['DateTimeISO']['input'];
};


export type QuerySegmentsForArgs = {
  anonymousId?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

export type RecomputeResult = {
  __typename?: 'RecomputeResult';
  durationMs: Scalars['Int']['output'];
  entered: Scalars['Int']['output'];
  exited: Scalars['Int']['output'];
  segment: Segment;
  size: Scalars['Int']['output'];
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
  /** new, active, silent, churned */
  lifecycleStages: Array<ScoreCount>;
  /** Null when no buyer has bought on two different days yet */
  model?: Maybe<ChurnModel>;
  /** Every RFM cell, in a fixed order, zeros included */
  rfmCells: Array<ScoreCount>;
  /** Segments on scores that were recomputed afterwards */
  segmentsRecomputed: Scalars['Int']['output'];
  /** high_value, potential (other buyers have no tier) */
  valueTiers: Array<ScoreCount>;
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

export type StatsInterval =
  | 'DAY'
  | 'MONTH'
  | 'WEEK';

export type Subscription = {
  __typename?: 'Subscription';
  /** Fires when a buyer's churn risk crosses `threshold` upward and their revenue is at least `minRevenue`. */
  churnRiskAlert: ChurnRiskAlert;
  /** Changes to one profile's segments. */
  profileSegmentsChanged: MembershipChange;
  /** Entries into and exits from one segment (by id or key). */
  segmentMembershipChanged: MembershipChange;
};


export type SubscriptionChurnRiskAlertArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  minRevenue?: Scalars['Float']['input'];
  threshold: Scalars['Float']['input'];
};


export type SubscriptionProfileSegmentsChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  profile: Scalars['ID']['input'];
};


export type SubscriptionSegmentMembershipChangedArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  segment: Scalars['String']['input'];
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
  /** ISO 8601; defaults to the time of receipt. */
  timestamp?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};

/** A trait at a dot path equals a JSON value. */
export type TraitEquals = {
  /** Dot path, e.g. "address.country" */
  path: Scalars['String']['input'];
  value: Scalars['JSON']['input'];
};

export type UpdateSegmentInput = {
  /** The rule tree: all / any / not over trait, stat, event and segment leaves. Validated against the published JSON Schema (schema/segment-definition.schema.json); errors name the bad path. */
  definition?: InputMaybe<Scalars['JSONObject']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  purpose?: InputMaybe<SegmentPurpose>;
};

export type IngestMutationVariables = Exact<{
  events: Array<EventInput> | EventInput;
}>;


export type IngestMutation = { __typename?: 'Mutation', ingest: { __typename?: 'IngestResult', accepted: number, duplicates: number, profileIds: Array<string> } };

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

export type ProfileByIdentityQueryVariables = Exact<{
  kind: IdentityKind;
  value: Scalars['String']['input'];
}>;


export type ProfileByIdentityQuery = { __typename?: 'Query', profileByIdentity?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, identities: Array<{ __typename?: 'Identity', kind: IdentityKind, value: string }>, stats: { __typename?: 'ProfileStats', orders: number, revenue: number, events: number, lastSeenAt?: string | null, avgOrderValue?: number | null }, merges: Array<{ __typename?: 'ProfileMerge', mergedProfileId: string, identityKind: IdentityKind, identityValue: string }>, segments: Array<{ __typename?: 'ProfileSegment', enteredAt: string, segment: { __typename?: 'Segment', key: string } }> } | null };

export type ProfileByIdQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ProfileByIdQuery = { __typename?: 'Query', profile?: { __typename?: 'Profile', id: string, traits: Record<string, unknown>, stats: { __typename?: 'ProfileStats', orders: number, revenue: number } } | null };

export type CreateSegmentMutationVariables = Exact<{
  input: CreateSegmentInput;
}>;


export type CreateSegmentMutation = { __typename?: 'Mutation', createSegment: { __typename?: 'Segment', id: string, key: string, version: number, timeSensitive: boolean, size: number } };

export type SegmentSizeQueryVariables = Exact<{
  key: Scalars['String']['input'];
}>;


export type SegmentSizeQuery = { __typename?: 'Query', segment?: { __typename?: 'Segment', id: string, size: number } | null };


export const IngestDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Ingest"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"events"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EventInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ingest"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"events"},"value":{"kind":"Variable","name":{"kind":"Name","value":"events"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<IngestMutation, IngestMutationVariables>;
export const IdentifyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Identify"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentifyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"identify"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<IdentifyMutation, IdentifyMutationVariables>;
export const TrackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Track"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TrackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"track"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<TrackMutation, TrackMutationVariables>;
export const AliasDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Alias"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AliasInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alias"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}},{"kind":"Field","name":{"kind":"Name","value":"duplicates"}},{"kind":"Field","name":{"kind":"Name","value":"profileIds"}}]}}]}}]} as unknown as DocumentNode<AliasMutation, AliasMutationVariables>;
export const ProfileByIdentityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileByIdentity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IdentityKind"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"value"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profileByIdentity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}},{"kind":"Argument","name":{"kind":"Name","value":"value"},"value":{"kind":"Variable","name":{"kind":"Name","value":"value"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"identities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"value"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}},{"kind":"Field","name":{"kind":"Name","value":"events"}},{"kind":"Field","name":{"kind":"Name","value":"lastSeenAt"}},{"kind":"Field","name":{"kind":"Name","value":"avgOrderValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"merges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mergedProfileId"}},{"kind":"Field","name":{"kind":"Name","value":"identityKind"}},{"kind":"Field","name":{"kind":"Name","value":"identityValue"}}]}},{"kind":"Field","name":{"kind":"Name","value":"segments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enteredAt"}},{"kind":"Field","name":{"kind":"Name","value":"segment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ProfileByIdentityQuery, ProfileByIdentityQueryVariables>;
export const ProfileByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProfileById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"traits"}},{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"orders"}},{"kind":"Field","name":{"kind":"Name","value":"revenue"}}]}}]}}]}}]} as unknown as DocumentNode<ProfileByIdQuery, ProfileByIdQueryVariables>;
export const CreateSegmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateSegment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateSegmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createSegment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"timeSensitive"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<CreateSegmentMutation, CreateSegmentMutationVariables>;
export const SegmentSizeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SegmentSize"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"key"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"segment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"key"},"value":{"kind":"Variable","name":{"kind":"Name","value":"key"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"size"}}]}}]}}]} as unknown as DocumentNode<SegmentSizeQuery, SegmentSizeQueryVariables>;