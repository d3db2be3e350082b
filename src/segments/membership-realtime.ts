import { wallClock, type Clock } from '../common';
import { queryWithGenericPlan, statementName, type Queryable, SqlParams } from '../db';
import type { IngestedBatch } from '../ingest';
import { membersOfAccounts } from '../accounts';
import { SegmentCatalog } from './segment-catalog';
import { membershipDiffSql } from './membership.sql';
import type { MembershipWriter } from './membership-writer';
import type { ComputedChange } from './membership-expiry';
import { MembershipCause, type Segment } from './segment.types';

/** Stats that move when an order arrives, and stats that move with any event. */
/** Stats an order event can move. (`lifecycle`: only where ingest said the stage moved, `restaged`.) */
const ORDER_STATS = new Set(['orders', 'revenue', 'avg_order_value', 'first_order_at', 'last_order_at', 'recency_days']);
const ACTIVITY_STATS = new Set(['events', 'first_seen_at', 'last_seen_at', 'days_since_last_seen', 'tenure_days']);

interface ProfileChange {
  eventNames: Set<string>;
  traitKeys: Set<string>;
  /** Top-level trait keys the batch set on an account the profile is in. */
  accountTraitKeys: Set<string>;
  /** Computed traits whose value (or next change) the batch moved (src/computed-traits, earlier in the transaction). */
  computedKeys: Set<string>;
  /** The batch linked the profile to an account it was not in (a group call, or context.groupId). */
  joinedAccount: boolean;
  ordered: boolean;
  /** Ingest moved the lifecycle stage (a first order, a reactivation, a new prospect). */
  restaged: boolean;
  /** New or merged profiles: every segment must look at them. */
  everything: boolean;
}

/**
 * Real-time membership: inside the ingestion transaction, re-evaluates only the
 * (segment, profile) pairs the batch could have changed, with the same compiled SQL
 * as the full recompute, in a single statement.
 */
interface RealtimeStatement {
  sql: string;
  name: string;
  catalogValues: unknown[];
}

export class MembershipRealtime {
  // Keyed by the catalog's map, which is replaced whenever a segment changes.
  private readonly statements = new WeakMap<Map<string, Segment>, RealtimeStatement>();

  constructor(
    private readonly catalog: SegmentCatalog,
    private readonly writer: MembershipWriter,
    private readonly clock: Clock = wallClock,
  ) {}

  /**
   * `joinedAccounts`: profiles the batch linked to an account they were not in (accounts' own hook says which);
   * `computed`: computed trait values the batch moved (the computed traits' hook says which).
   */
  async onStored(tx: Queryable, batch: IngestedBatch, joinedAccounts: readonly string[] = [], computed: readonly ComputedChange[] = []): Promise<void> {
    const losers = batch.merges.map((m) => m.merged);
    await this.writer.removeProfiles(tx, losers, MembershipCause.MERGE);
    const byKey = await this.catalog.byKey(tx);
    if (!byKey.size) return;
    const changes = summarize(batch);
    for (const id of joinedAccounts) changeOf(changes, id).joinedAccount = true;
    for (const { profileId, key } of computed) if (changes.has(profileId)) changeOf(changes, profileId).computedKeys.add(key);
    await addAccountMembers(tx, [...byKey.values()], batch, changes);
    const pairs = this.pairsToEvaluate([...byKey.values()], changes);
    if (!pairs.size) return;

    const scopeSegments: string[] = [];
    const scopeProfiles: string[] = [];
    for (const [segmentId, profiles] of pairs) {
      for (const profileId of profiles) {
        scopeSegments.push(segmentId);
        scopeProfiles.push(profileId);
      }
    }
    const { sql, name, catalogValues } = this.statementFor(byKey);
    await queryWithGenericPlan(tx, sql, [this.clock.now(), scopeSegments, scopeProfiles, ...catalogValues], name);
  }

  /**
   * Every segment's predicate in one statement, with the (segment, profile) pairs
   * limiting the work: the text depends on the catalog alone, so it is compiled once per
   * catalog and prepared once per connection (planning it cost more than running it).
   * $1 is now, $2 and $3 the pairs; the catalog's own values follow.
   */
  private statementFor(byKey: Map<string, Segment>): RealtimeStatement {
    let statement = this.statements.get(byKey);
    if (!statement) {
      const params = new SqlParams(4);
      const predicates = SegmentCatalog.predicates([...byKey.values()], byKey, params, '$1', { expiries: 'scoped' });
      const sql = membershipDiffSql(predicates, { params, now: '$1', cause: MembershipCause.EVENT, scope: { segmentIds: '$2', profileIds: '$3' } });
      statement = { sql, name: statementName('membership-realtime', sql), catalogValues: params.values };
      this.statements.set(byKey, statement);
    }
    return statement;
  }

  private pairsToEvaluate(segments: Segment[], changes: Map<string, ProfileChange>): Map<string, string[]> {
    const pairs = new Map<string, string[]>();
    for (const segment of segments) {
      const profiles = [...changes].filter(([, change]) => affects(segment, change)).map(([id]) => id);
      if (profiles.length) pairs.set(segment.id, profiles);
    }
    return pairs;
  }
}

function changeOf(changes: Map<string, ProfileChange>, profileId: string): ProfileChange {
  let c = changes.get(profileId);
  if (!c) {
    c = { eventNames: new Set(), traitKeys: new Set(), accountTraitKeys: new Set(), computedKeys: new Set(), joinedAccount: false, ordered: false, restaged: false, everything: false };
    changes.set(profileId, c);
  }
  return c;
}

function summarize(batch: IngestedBatch): Map<string, ProfileChange> {
  const changes = new Map<string, ProfileChange>();
  for (const { profileId, event } of batch.events) {
    const c = changeOf(changes, profileId);
    if (event.name) c.eventNames.add(event.name);
    if (event.order) c.ordered = true;
    for (const k of Object.keys(event.traits ?? {})) c.traitKeys.add(k);
  }
  for (const id of batch.restaged) changeOf(changes, id).restaged = true;
  for (const id of batch.createdProfiles) changeOf(changes, id).everything = true;
  for (const m of batch.merges) changeOf(changes, m.survivor).everything = true;
  for (const m of batch.merges) changes.delete(m.merged);
  return changes;
}

/**
 * A group call that sets traits an `account` condition reads can move every member of
 * that account, not only its sender: the members join the changes, with the keys set.
 * One statement, and only when some segment reads one of those keys.
 */
async function addAccountMembers(tx: Queryable, segments: Segment[], batch: IngestedBatch, changes: Map<string, ProfileChange>): Promise<void> {
  const read = new Set(segments.flatMap((s) => (s.dependencies.accountTraitPaths ?? []).map((p) => p.split('.')[0])));
  if (!read.size) return;
  const keysByGroup = new Map<string, Set<string>>();
  for (const { event } of batch.events) {
    for (const key of Object.keys(event.account?.traits ?? {}).filter((k) => read.has(k))) {
      const keys = keysByGroup.get(event.account!.groupId) ?? new Set<string>();
      keysByGroup.set(event.account!.groupId, keys.add(key));
    }
  }
  for (const { groupId, profileId } of await membersOfAccounts(tx, [...keysByGroup.keys()])) {
    const c = changeOf(changes, profileId);
    for (const key of keysByGroup.get(groupId)!) c.accountTraitKeys.add(key);
  }
}

function affects(segment: Segment, change: ProfileChange): boolean {
  if (change.everything) return true;
  const deps = segment.dependencies;
  if (deps.eventNames?.some((n) => change.eventNames.has(n))) return true;
  if (deps.traitPaths?.some((p) => change.traitKeys.has(p.split('.')[0]))) return true;
  if (deps.computedKeys?.some((k) => change.computedKeys.has(k))) return true;
  const accountPaths = deps.accountTraitPaths ?? [];
  if (accountPaths.length && change.joinedAccount) return true;
  if (accountPaths.some((p) => change.accountTraitKeys.has(p.split('.')[0]))) return true;
  return (deps.stats ?? []).some((s) => ACTIVITY_STATS.has(s) || (change.ordered && ORDER_STATS.has(s)) || (change.restaged && s === 'lifecycle'));
}
