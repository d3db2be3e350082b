import type { Database, Queryable } from '../db';
import { ORDER_COMPLETED, type IngestedBatch } from '../ingest';
import type { ForYouParams } from '../config';
import { finalSurvivors } from './product-catalog';
import * as sql from './user-lists.sql';

/** The event that makes a viewed product a FOR_YOU seed (recommendations.sql.ts `forYou`). */
export const PRODUCT_VIEWED = 'Product Viewed';
/** Visitors recomputed per worker transaction: small enough that its locks are brief. */
const VISITORS_PER_TRANSACTION = 500;
/** Transactions per worker run; what is left waits for the next run. */
const TRANSACTIONS_PER_RUN = 20;
/** Visitors remembered as waiting for their list; past this, later ones wait for the full refresh. */
const MAX_WANTED = 50_000;

export type ListScope = { all: true } | { profileIds: readonly string[] };

/**
 * Each visitor's FOR_YOU candidates kept ready (user_recommendations), as Gorse keeps its
 * recommendation cache: written set-based by the refresh job for every visitor with
 * history, and marked stale by ingest in the same transaction as a purchase or a view.
 * A read of a stale or missing list goes live and asks for the list (`want`); the worker
 * recomputes the stale lists that were asked for shortly after. Lists nobody reads wait
 * for the next full refresh: recomputing every marked list cost more PostgreSQL time than
 * ingesting the batch that marked it (about 3 ms per visitor on the bench seed).
 */
export class UserLists {
  /** Visitors whose list was read while stale or missing, in the order they asked. */
  private readonly wanted = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly forYou: ForYouParams,
  ) {}

  get enabled(): boolean {
    return this.forYou.keptItems > 0;
  }

  /** Rewrites the lists of the scope inside `tx` (which holds the refresh lock); returns the visitors written. */
  async rebuild(tx: Queryable, scope: ListScope, asOf: Date): Promise<number> {
    if (!this.enabled) return 0;
    const { seedItems, viewWeight, keptItems } = this.forYou;
    const all = 'all' in scope;
    await tx.query(all ? sql.CREATE_SCOPE_ALL : sql.CREATE_SCOPE_OF, all ? [] : [scope.profileIds]);
    await tx.query(sql.ANALYZE_SCOPE);
    await tx.query(sql.CREATE_SEEDS, [seedItems, viewWeight]);
    await tx.query(sql.ANALYZE_SEEDS);
    await tx.query(sql.CREATE_CANDIDATES, [keptItems]);
    await tx.query(all ? sql.CLEAR_ALL_LISTS : sql.CLEAR_LISTS_OF_SCOPE);
    await tx.query(sql.INSERT_LISTS, [keptItems]);
    const written = (await tx.query(sql.UPSERT_LIST_STATES, [keptItems, asOf])).rowCount ?? 0;
    if (all) {
      await tx.query(sql.DROP_STATES_OUT_OF_SCOPE);
      await tx.query(sql.RECORD_COVERAGE, [asOf]);
    } else {
      await tx.query(sql.DROP_MARKS_OUT_OF_SCOPE, [scope.profileIds]);
    }
    return written;
  }

  /** Until the next full rebuild, a profile without a list state may have history (lists were dropped, or not kept). */
  async forgetCoverage(): Promise<void> {
    await this.db.query(sql.FORGET_COVERAGE);
  }

  /** A read found this visitor's list stale or missing: the worker recomputes it if it is stale. True when newly asked for. */
  want(profileId: string): boolean {
    if (!this.enabled || this.wanted.has(profileId) || this.wanted.size >= MAX_WANTED) return false;
    this.wanted.add(profileId);
    return true;
  }

  /**
   * Recomputes the stale lists among those asked for, a bounded batch per transaction, each
   * under the refresh lock when it is free (`tryLock` says). True when none is left; false
   * when the lock was busy or more remain (the caller comes back later).
   */
  async recomputeWanted(tryLock: (tx: Queryable) => Promise<boolean>, asOf: () => Date): Promise<boolean> {
    if (!this.enabled) return true;
    for (let n = 0; n < TRANSACTIONS_PER_RUN && this.wanted.size; n++) {
      const asked = [...this.wanted].slice(0, VISITORS_PER_TRANSACTION);
      const done = await this.db.transaction(async (tx) => {
        if (!(await tryLock(tx))) return false;
        const { rows } = await tx.query<{ profile_id: string }>(sql.STALE_AMONG, [asked]);
        if (rows.length) await this.rebuild(tx, { profileIds: rows.map((r) => r.profile_id) }, asOf());
        return true;
      });
      if (!done) return false;
      for (const id of asked) this.wanted.delete(id);
    }
    return this.wanted.size === 0;
  }

  /**
   * The ingest hook (inside the ingestion transaction): lists of merged-away profiles go,
   * visitors who bought, viewed or gained a merged history are marked.
   */
  async onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    if (!this.enabled) return;
    const { merged, marked } = listChanges(batch);
    if (merged.length) await tx.query(sql.DROP_LISTS_OF, [merged]);
    if (marked.length) await tx.query(sql.MARK_LISTS_STALE, [marked], 'recs-mark-lists');
  }
}

/** Profiles merged away in the batch, and the (surviving) profiles whose seeds changed. */
function listChanges(batch: IngestedBatch): { merged: string[]; marked: string[] } {
  const survivorOf = new Map(finalSurvivors(batch.merges).map((m) => [m.merged, m.survivor]));
  const marked = new Set<string>(survivorOf.values());
  for (const { profileId, event } of batch.events) {
    if (changesSeeds(event)) marked.add(survivorOf.get(profileId) ?? profileId);
  }
  return { merged: [...survivorOf.keys()], marked: [...marked] };
}

/** A purchase line or a product view: what FOR_YOU's seeds and its excluded items are made of. */
function changesSeeds(event: IngestedBatch['events'][number]['event']): boolean {
  if (event.name === ORDER_COMPLETED) return Array.isArray(event.properties.products) && event.properties.products.length > 0;
  return event.name === PRODUCT_VIEWED && Object.hasOwn(event.properties, 'product_id');
}
