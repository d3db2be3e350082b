import type { Database } from '../db';
import { ValidationError, type Clock } from '../common';
import { consentFromContext } from '../privacy';
import { decide, type UserFacts } from './decide';
import { decisionValues, type DecisionRow } from './decision.sql';
import type { CompiledPlacement, PersonalizationCache, PersonalizationSnapshot } from './personalization-cache';
import type { CacheStats } from '../realtime';
import type { ProfileFacts, ProfileFactsCache } from './profile-facts-cache';
import type { Recommendation } from '../recommendations';
import type { PersonalizationPorts, RecommendationStrategyName } from './personalization.ports';
import type { Decision } from './placement.types';

const MAX_PLACEMENTS = 50;
const MAX_ID_LENGTH = 512;
const MAX_RECOMMENDATIONS = 100;

/** Who is asking: a user id and/or an anonymous id (user id wins), and the request's context. */
export interface DecisionRequest {
  userId?: string | null;
  anonymousId?: string | null;
  /** Only `context.consent` is read: a choice the frontend holds right now can withdraw personalization for this request. */
  context?: Record<string, unknown> | null;
}

export interface UserContextRequest extends DecisionRequest {
  placements: string[];
  recommendations?: { strategy: RecommendationStrategyName; limit: number; product?: string | null } | null;
}

export interface UserContextResult {
  profileId: string | null;
  known: boolean;
  /** Keys of the segments the user is in (empty without personalization consent). */
  segments: string[];
  decisions: Decision[];
  recommendations: Recommendation[];
}

/**
 * Decisions for frontends: which content each placement shows to a user. Placements come
 * from memory (PersonalizationCache); everything about the user comes from ONE statement
 * per request whatever the number of placements, or from memory (ProfileFactsCache) when
 * the placements have no inline conditions and the user was seen before. Experiment rules
 * add the experiments feature's own statements, and only when such a rule is reached.
 */
export class PersonalizationService {
  constructor(
    private readonly db: Database,
    readonly cache: PersonalizationCache,
    private readonly defaultConsent: boolean,
    private readonly ports: PersonalizationPorts,
    private readonly clock: Clock,
    /** Absent when PERSONALIZATION_CACHE_PROFILES is 0: every decision then reads the database. */
    private readonly factsCache?: ProfileFactsCache,
  ) {}

  get factsCacheStats(): CacheStats | undefined {
    return this.factsCache?.stats;
  }

  async decide(placement: string, request: DecisionRequest): Promise<Decision> {
    return (await this.decideMany([placement], request))[0];
  }

  async decideMany(placementKeys: string[], request: DecisionRequest): Promise<Decision[]> {
    const snapshot = await this.cache.snapshot();
    const placements = this.placementsOf(snapshot, placementKeys);
    const facts = await this.facts(snapshot, placements, request);
    return this.decideAll(placements, facts);
  }

  /** Profile, segments, decisions and recommendations for one user, in one call. */
  async userContext(request: UserContextRequest): Promise<UserContextResult> {
    const recommendation = checkRecommendationRequest(request.recommendations);
    const snapshot = await this.cache.snapshot();
    const placements = this.placementsOf(snapshot, request.placements);
    const facts = await this.facts(snapshot, placements, request);
    const [decisions, recommendations] = await Promise.all([this.decideAll(placements, facts), this.recommend(recommendation, facts)]);
    const segments = facts.consented ? [...facts.segmentIds].map((id) => snapshot.segmentsById.get(id)?.key).filter((k): k is string => !!k).sort() : [];
    return { profileId: facts.profileId, known: !!facts.profileId, segments, decisions, recommendations };
  }

  /**
   * The profile a visitor's history may be used from: their profile when they consented to
   * personalization, else null (served as a new visitor). From this instance's memory when
   * the visitor was seen before (no statement), else the decision statement, as for a
   * decision with no placement. The recommendations query resolves visitors with it.
   */
  async personalProfileOf(request: Pick<DecisionRequest, 'userId' | 'anonymousId' | 'context'>): Promise<string | null> {
    const facts = await this.facts(await this.cache.snapshot(), [], request);
    return facts.consented ? facts.profileId : null;
  }

  private decideAll(placements: CompiledPlacement[], facts: UserFacts): Promise<Decision[]> {
    const now = this.clock.now();
    return Promise.all(placements.map((p) => decide(p, facts, now, this.ports.experiments)));
  }

  private placementsOf(snapshot: PersonalizationSnapshot, keys: string[]): CompiledPlacement[] {
    if (keys.length > MAX_PLACEMENTS) throw new ValidationError(`at most ${MAX_PLACEMENTS} placements per request`, 'placements');
    return keys.map((key) => snapshot.placement(key));
  }

  /**
   * The one statement: identity → profile, consent, memberships, inline conditions. Without
   * inline conditions (evaluated at request time) the answer is kept in `factsCache` and the
   * next decision for the same identity needs no statement at all.
   */
  private async facts(snapshot: PersonalizationSnapshot, placements: CompiledPlacement[], request: Pick<DecisionRequest, 'userId' | 'anonymousId' | 'context'>): Promise<UserFacts> {
    const userId = checkId(request.userId, 'userId');
    const anonymousId = checkId(request.anonymousId, 'anonymousId');
    const contextAllows = consentFromContext(request.context).personalization !== false;
    const ids = { userId, anonymousId };
    const unknown = (): UserFacts => ({ profileId: null, ...ids, consented: this.defaultConsent && contextAllows, segmentIds: NO_SEGMENTS, conditions: [], slots: NO_SLOTS });
    if (!userId && !anonymousId) return unknown();
    const statement = snapshot.statementFor(distinctByKey(placements));
    const cacheKey = this.factsCache && statement.slots.size === 0 ? factsKey(userId, anonymousId) : undefined;
    if (cacheKey) {
      const cached = await this.factsCache!.get(cacheKey, snapshot.segments);
      if (cached) return userFacts(cached, ids, contextAllows, [], statement.slots);
    }
    const read = this.factsCache?.beginRead();
    const values = decisionValues(statement, { userId, anonymousId, now: this.clock.now(), defaultConsent: this.defaultConsent });
    const { rows } = await this.db.query<DecisionRow>(statement.sql, values, statement.name);
    const row = rows[0];
    if (!row) return unknown();
    const facts: ProfileFacts = { profileId: row.profile_id, consented: row.consented, segmentIds: new Set(row.segment_ids ?? []) };
    // Kept under the identity that found the profile: a user id that names no profile yet is not remembered.
    if (cacheKey && read && row.by_user_id === !!userId) this.factsCache!.put(cacheKey, facts, read, snapshot.segments);
    return userFacts(facts, ids, contextAllows, row.conditions ?? [], statement.slots);
  }

  /** Without personalization consent only non-personal recommendations (POPULAR) are given. */
  private async recommend(request: UserContextRequest['recommendations'], facts: UserFacts): Promise<Recommendation[]> {
    const recommender = this.ports.recommendations;
    if (!request || !recommender) return [];
    const personal = facts.consented;
    return recommender.recommend({
      profileId: personal ? facts.profileId : null,
      strategy: personal ? request.strategy : 'POPULAR',
      productId: personal ? (request.product ?? null) : null,
      limit: request.limit,
      excludePurchased: personal && !!facts.profileId,
    });
  }
}

const NO_SEGMENTS: ReadonlySet<string> = new Set();
const NO_SLOTS: ReadonlyMap<string, number> = new Map();

/** Each placement once, in key order: the decision statement is built per such set. */
function distinctByKey(placements: CompiledPlacement[]): CompiledPlacement[] {
  if (placements.length === 1) return placements;
  return [...new Map(placements.map((p) => [p.placement.key, p])).values()].sort((a, b) => a.placement.key.localeCompare(b.placement.key));
}

/** The decision statement prefers the user id: so does the cache key. */
function factsKey(userId: string | null, anonymousId: string | null): string {
  return userId ? `user_id:${userId}` : `anonymous_id:${anonymousId}`;
}

function userFacts(
  facts: ProfileFacts, ids: Pick<UserFacts, 'userId' | 'anonymousId'>, contextAllows: boolean, conditions: readonly boolean[], slots: ReadonlyMap<string, number>,
): UserFacts {
  return { profileId: facts.profileId, ...ids, consented: facts.consented && contextAllows, segmentIds: facts.segmentIds, conditions, slots };
}

function checkId(value: string | null | undefined, path: string): string | null {
  if (value == null || value === '') return null;
  if (value.length > MAX_ID_LENGTH) throw new ValidationError(`must be at most ${MAX_ID_LENGTH} characters`, path);
  return value;
}

function checkRecommendationRequest(request: UserContextRequest['recommendations']): UserContextRequest['recommendations'] {
  if (!request) return null;
  if (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > MAX_RECOMMENDATIONS) {
    throw new ValidationError(`must be between 1 and ${MAX_RECOMMENDATIONS}`, 'recommendations.limit');
  }
  if (request.strategy === 'ALSO_BOUGHT' && !request.product?.trim()) {
    throw new ValidationError('is required for ALSO_BOUGHT (the product the visitor is looking at)', 'recommendations.product');
  }
  return request;
}
