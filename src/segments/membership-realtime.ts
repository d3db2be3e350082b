import { wallClock, type Clock } from '../common';
import { statementName, type Queryable, SqlParams } from '../db';
import { type IngestedBatch, ORDER_COMPLETED } from '../ingest';
import { SegmentCatalog } from './segment-catalog';
import { membershipDiffSql } from './membership.sql';
import type { MembershipWriter } from './membership-writer';
import { MembershipCause, type Segment } from './segment.types';

/** Stats that move when an order arrives, and stats that move with any event. */
const ORDER_STATS = new Set(['orders', 'revenue', 'avg_order_value', 'first_order_at', 'last_order_at', 'recency_days']);
const ACTIVITY_STATS = new Set(['events', 'first_seen_at', 'last_seen_at', 'days_since_last_seen', 'tenure_days']);

interface ProfileChange {
  eventNames: Set<string>;
  traitKeys: Set<string>;
  ordered: boolean;
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

  async onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    const losers = batch.merges.map((m) => m.merged);
    await this.writer.removeProfiles(tx, losers, MembershipCause.MERGE);
    const byKey = await this.catalog.byKey(tx);
    if (!byKey.size) return;
    const pairs = this.pairsToEvaluate([...byKey.values()], summarize(batch));
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
    await tx.query(sql, [this.clock.now(), scopeSegments, scopeProfiles, ...catalogValues], name);
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
      const predicates = SegmentCatalog.predicates([...byKey.values()], byKey, params, '$1');
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

function summarize(batch: IngestedBatch): Map<string, ProfileChange> {
  const changes = new Map<string, ProfileChange>();
  const get = (id: string) => {
    let c = changes.get(id);
    if (!c) changes.set(id, (c = { eventNames: new Set(), traitKeys: new Set(), ordered: false, everything: false }));
    return c;
  };
  for (const { profileId, event } of batch.events) {
    const c = get(profileId);
    if (event.name) c.eventNames.add(event.name);
    if (event.name === ORDER_COMPLETED) c.ordered = true;
    for (const k of Object.keys(event.traits ?? {})) c.traitKeys.add(k);
  }
  for (const id of batch.createdProfiles) get(id).everything = true;
  for (const m of batch.merges) get(m.survivor).everything = true;
  for (const m of batch.merges) changes.delete(m.merged);
  return changes;
}

function affects(segment: Segment, change: ProfileChange): boolean {
  if (change.everything) return true;
  const deps = segment.dependencies;
  if (deps.eventNames?.some((n) => change.eventNames.has(n))) return true;
  if (deps.traitPaths?.some((p) => change.traitKeys.has(p.split('.')[0]))) return true;
  return (deps.stats ?? []).some((s) => ACTIVITY_STATS.has(s) || (change.ordered && ORDER_STATS.has(s)));
}
