/**
 * What each scope may read: `Type: 'field field ...'`. test/auth/access.test.ts walks the
 * schema with a key of each scope, over HTTP and over graphql-ws, and requires exactly
 * these fields to be let through. Admin keys read everything. Changing what a scope sees
 * means changing this list, in the same commit and in review.
 */
export type WalkedScope = 'personalize' | 'read' | 'ingest' | 'subscribe';

export const REACHABLE: Record<WalkedScope, Record<string, string>> = {
  /** Browsers and apps (the key is public): for their own visitor only, the decision, the content to render, products, the experiment variant, and the keys and names of the visitor's segments. No profile, no member list, size, statistic or definition; no profile ids. */
  personalize: {
    ContentItem: 'id key locale payload tags title type version',
    Decision: 'content experiment placement reason segment variant',
    ExperimentAssignment: 'experimentKey holdout variant',
    IngestResult: 'accepted duplicates ignoredIdentities suppressed',
    Mutation: 'identify page track',
    Product: 'category id imageUrl name price url',
    ProfileSegment: 'enteredAt segment',
    Query: 'experimentVariant personalize personalizeMany recommendations segmentKeysFor segmentsFor userContext',
    Recommendation: 'product reason score strategy',
    Segment: 'key name',
    UserContext: 'decisions known recommendations segments',
  },
  /** BI tools and backends: profiles, segments, statistics, placements, experiments; not keys, webhooks, erasure or export. */
  read: {
    Account: 'createdAt groupId members traits updatedAt',
    ChurnModel: 'a alpha asOf b converged fittedAt id iterations logLikelihood r sampleSize',
    ComputedTrait: 'createdAt definition description id key name timeSensitive updatedAt version',
    ConfidenceInterval: 'lower upper',
    Consent: 'granted isDefault profileId purpose source updatedAt',
    ConsentChange: 'at granted id purpose source',
    ContentItem: 'active activeFrom activeUntil archivedAt createdAt id key locale payload tags title type updatedAt version',
    Decision: 'content experiment placement reason rule segment variant',
    Experiment:
      'coverage createdAt description goalEvent guardrailMetrics hashing hashingUnit holdout id key name primaryMetric seed startedAt status stoppedAt ' +
      'targetingCondition targetingSegment targetingSegmentId updatedAt variants',
    ExperimentAssignment: 'experimentKey holdout variant',
    ExperimentHoldout: 'seed share updatedAt',
    ExperimentResults: 'computedAt experiment holdout metrics sampleRatio totalExposures variants',
    ExperimentVariant: 'control key weight',
    Identity: 'createdAt kind value',
    HoldoutResult: 'confidenceInterval difference experimentedUsers experimentedValue lift pValue users value',
    MeanMetricResults: 'cupedTheta event preWindowDays property variants windowDays',
    MetricComparison: 'confidenceInterval degreesOfFreedom difference lift pValue tStatistic',
    MetricDefinition: 'event kind preWindowDays property where windowDays',
    MetricResult: 'conversion holdout mean metric role',
    MetricVariantResult: 'comparison control cupedComparison cupedMean cupedVariance key mean users variance',
    PageInfo: 'endCursor hasNextPage hasPreviousPage startCursor',
    PurchaseModelParams: 'a alpha b r',
    Placement: 'createdAt defaultContent description id key rules updatedAt version',
    PlacementRule: 'condition content enabled experiment id position segment variantContent',
    Product: 'active attributes category firstSeenAt id imageUrl name price updatedAt url',
    Profile: 'accounts computed consentHistory consents createdAt events id identities lastSeenAt merges segments stats traits',
    ProfileConnection: 'edges pageInfo',
    ProfileEdge: 'cursor node',
    ProfileEvent: 'clampedFrom context id messageId name occurredAt properties receivedAt source type',
    ProfileEventConnection: 'edges pageInfo',
    ProfileEventEdge: 'cursor node',
    ProfileMerge: 'identityKind identityValue mergedAt mergedProfileId messageId',
    ProfileSegment: 'enteredAt segment',
    ProfileStats:
      'avgOrderValue churnRisk clv52w clv52wDiscounted events expectedAvgOrderValue expectedOrders52w expectedOrders90d firstOrderAt firstSeenAt grossRevenue ' +
      'lastOrderAt lastSeenAt lifecycle orders pAlive purchaseProbability30d refunds revenue rfmF rfmM rfmR rfmSegment scoredAt scoresAsOf valueTier',
    Query: 'account churnModel computedTrait computedTraits contentItems experiment experimentHoldout experimentHoldoutResults experimentMetric experimentResults experimentVariant experiments lastScoringRun personalize personalizeMany placement placements previewSegment product profile profileByIdentity profiles recommendations rfmGrid segment segmentKeysFor segmentOverlap segmentStats segments segmentsFor userContext validateValueModel valueGrid valueModel',
    Recommendation: 'product reason score strategy',
    RfmCell: 'count frequency recency revenue segment',
    SampleRatioCheck: 'chiSquare degreesOfFreedom mismatch pValue',
    ScoringRunRecord: 'asOf buyersScored finishedAt pinned setting',
    Segment: 'builtIn createdAt definition description id key lastComputedAt members name purpose size timeSensitive updatedAt version',
    SegmentMember: 'enteredAt profile',
    SegmentMemberConnection: 'edges pageInfo',
    SegmentMemberEdge: 'cursor node',
    SegmentOverlap: 'count keyA keyB segmentA segmentB',
    SegmentPreview: 'sample size timeSensitive',
    SpendModel: 'asOf converged fittedAt gamma id iterations logLikelihood p populationMean q sampleSize',
    SpendModelParams: 'gamma p q',
    SegmentStatsPoint: 'averageOrderValue buyers conversionRate entered exited members orders revenue size start',
    UserContext: 'decisions known profileId recommendations segments',
    ValueCell: 'clv count decile lifecycle maxClv minClv revenue',
    ValueModel: 'purchases spend',
    ValueModelValidation: 'calibrationEnd holdoutEnd holdoutWeeks purchases rows spend',
    ValueTrackingRow: 'actualOrderValue actualPurchases calibrationPurchases customers predictedOrderValue predictedPurchases spendCustomers',
    VariantResult: 'confidenceInterval control conversions difference exposures key lift pValue rate zScore',
  },
  /** Servers sending events and consent. */
  ingest: {
    Consent: 'granted isDefault profileId purpose source updatedAt',
    IngestResult: 'accepted duplicates ignoredIdentities profileIds rejected suppressed',
    Mutation: 'alias group identify ingest page setConsent track',
    RejectedEvent: 'code index message messageId path',
  },
  /** Backend subscribers: the streams, nothing else. */
  subscribe: {
    ChurnRiskAlert: 'at clv52w cursor previousRisk profileId revenue risk',
    ComputedTraitChange: 'at cause cursor key previous profileId value',
    MembershipChange: 'at cause cursor kind profileId segmentId segmentKey segmentVersion',
    Subscription: 'churnRiskAlert computedTraitChanged profileSegmentsChanged segmentMembershipChanged triggerFired',
    TriggerOccurrence: 'cursor dedupeKey kind occurredAt payload profileId',
  },
};
