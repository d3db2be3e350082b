import type { Database } from '../db';
import { AsyncQueue } from './async-queue';
import type { Channel, ChangeFeed, ChangeRange } from './change-feed';

export interface ChangeSource<T extends { id: number }> {
  channel: Channel;
  /** Rows with $1 <= id <= $2, ordered by id. */
  rangeSql: string;
  /** Rows with id > $1 matching the subscriber's filter ($2...), ordered by id, for replay. */
  map(row: Record<string, unknown>): T;
}

/**
 * Fans one change table out to many subscribers: each NOTIFY'd range is read once
 * per instance, then every subscriber filters in memory. A subscriber passing a
 * cursor first replays what it missed, then switches to live changes without gaps
 * or repeats (changes that commit out of id order are still delivered once).
 */
export class ChangeStream<T extends { id: number }> {
  private readonly subscribers = new Set<(change: T) => void>();
  private maxSeen = 0;
  /**
   * Reads run one after another, in the order the notifications came (commit order): two
   * ranges read at once could be published in the wrong order, and a subscriber resuming
   * from the later cursor would then skip the earlier change.
   */
  private reads: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database, feed: ChangeFeed, private readonly source: ChangeSource<T>) {
    feed.on(source.channel, (range) => this.inOrder(() => this.fetch(range)));
    feed.onReconnect(() => this.inOrder(() => this.catchUp()));
  }

  private inOrder(read: () => Promise<void>): void {
    // A read that fails (the database went away) is made good by the catch-up after the feed reconnects.
    this.reads = this.reads.then(read).catch(() => {});
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Live changes accepted by `filter`, after replaying `replay()` (rows already matching the filter). */
  subscribe(filter: (change: T) => boolean, replay?: () => Promise<T[]>): AsyncIterableIterator<T> {
    const replayed = new Set<number>();
    let replaying = !!replay;
    const held: T[] = [];
    const queue = new AsyncQueue<T>(10_000, () => this.subscribers.delete(deliver));
    const deliver = (change: T) => {
      if (!filter(change) || replayed.has(change.id)) return;
      if (replaying) held.push(change);
      else queue.push(change);
    };
    this.subscribers.add(deliver);
    if (replay) {
      replay().then(
        (rows) => {
          for (const row of rows) {
            replayed.add(row.id);
            queue.push(row);
          }
          replaying = false;
          for (const change of held) if (!replayed.has(change.id)) queue.push(change);
        },
        (error: Error) => queue.fail(error),
      );
    }
    return queue;
  }

  private async fetch(range: ChangeRange): Promise<void> {
    if (!this.subscribers.size || !range.to) return;
    const { rows } = await this.db.query(this.source.rangeSql, [range.from, range.to]);
    this.publish(rows.map((r) => this.source.map(r)));
  }

  private async catchUp(): Promise<void> {
    if (!this.subscribers.size || !this.maxSeen) return;
    const { rows } = await this.db.query(this.source.rangeSql, [this.maxSeen + 1, Number.MAX_SAFE_INTEGER]);
    this.publish(rows.map((r) => this.source.map(r)));
  }

  private publish(changes: T[]): void {
    for (const change of changes) {
      this.maxSeen = Math.max(this.maxSeen, change.id);
      for (const deliver of this.subscribers) deliver(change);
    }
  }
}
