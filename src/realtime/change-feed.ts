import crypto from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Queryable } from '../db';

export interface ChangeRange {
  from: number;
  to: number;
}

/** A notification's payload as sent (JSON), for channels that carry more than a range. */
export type ChangeMessage = Record<string, unknown>;

type Listener = (range: ChangeRange, message: ChangeMessage) => void;

/** A database handle that counts the transactions it committed (src/db/database.ts). */
export type CommitCounting = Queryable & { readonly commits: number };

/** How far this feed is known to have caught up with a database handle's commits. */
interface CatchUp {
  commits: number;
  pending?: { commits: number; done: Promise<boolean> };
}

const FENCE_CHANNEL = 'segmentary_fence';

/** Channels written by the transactions that change memberships, scores and segment definitions. */
export const CHANNELS = {
  membership: 'segmentary_membership',
  churn: 'segmentary_churn',
  /** Computed trait values changed (the id range of computed_trait_changes). */
  computed: 'segmentary_computed',
  segments: 'segmentary_segments',
  personalization: 'segmentary_personalization',
  triggers: 'segmentary_triggers',
  /** Profiles whose identities or consents changed (`{profiles: [...]}` or `{all: true}`), sent by triggers. */
  profiles: 'segmentary_profiles',
  /** Visitors whose FOR_YOU list state was written (`{profiles: [...]}`), or `{all: true}` (a product changed), sent by triggers. */
  recommendations: 'segmentary_recommendations',
  /** Popularity was recomputed (`{all: true}`), sent by triggers on product_popularity. */
  popularity: 'segmentary_popularity',
  /** An API key created, changed or revoked (`{key, revoked}`), sent by a trigger on api_keys. */
  apiKeys: 'segmentary_api_keys',
  /** Any write to experiments (`{}`), sent by a trigger: instances reload the experiments they serve from. */
  experiments: 'segmentary_experiments',
} as const;
export type Channel = keyof typeof CHANNELS;

/**
 * One LISTEN connection per server instance. Writers NOTIFY the id range they
 * committed; this fans the ranges out to local subscribers, which read the rows.
 * Several instances on one database therefore behave as one. When the connection
 * drops it reconnects with backoff and reports `reconnected`, so readers catch up
 * from the highest id they saw.
 */
export class ChangeFeed {
  private client?: pg.Client;
  private readonly listeners = new Map<Channel, Set<Listener>>();
  private readonly reconnectListeners = new Set<() => void>();
  private stopped = false;
  private retryMs = 250;
  private readonly fenceToken = crypto.randomUUID();
  private fencesSent = 0;
  private readonly fencesPending = new Map<string, () => void>();
  private connections = 0;
  private readonly catchUps = new WeakMap<CommitCounting, CatchUp>();

  constructor(
    private readonly url: string,
    private readonly logger: Pick<Logger, 'warn' | 'info'>,
    /** Where a lost connection is reported (logged once per outage with the requests' failures); other errors are logged here. */
    private readonly outage?: { report(error: unknown): boolean },
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => this.dispatch(msg.channel, msg.payload));
    client.on('error', (e) => {
      if (!this.outage?.report(e)) this.logger.warn({ err: e }, 'change feed connection error');
    });
    client.on('end', () => this.onEnd(client));
    await client.connect();
    for (const channel of [...Object.values(CHANNELS), FENCE_CHANNEL]) await client.query(`listen ${channel}`);
    this.client = client;
    this.connections++;
    this.retryMs = 250;
  }

  on(channel: Channel, listener: Listener): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /** True while the LISTEN connection is up, so no NOTIFY can be missed. */
  get listening(): boolean {
    return !!this.client && !this.stopped;
  }

  /** Counts LISTEN connections made: when it changes, notifications may have been missed in between. */
  get connection(): number {
    return this.connections;
  }

  /**
   * Resolves true once this feed has dispatched every notification of every transaction
   * that committed before the call: PostgreSQL delivers notifications in commit order, so
   * a marker NOTIFY sent now arrives after them. False when the marker does not come back
   * within `timeoutMs` (the connection is down) or cannot be sent.
   */
  async fence(db: Queryable, timeoutMs = 1_000): Promise<boolean> {
    if (!this.listening) return false;
    const token = `${this.fenceToken}:${++this.fencesSent}`;
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<boolean>((resolve) => {
      this.fencesPending.set(token, () => resolve(true));
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      await db.query(`select pg_notify('${FENCE_CHANNEL}', $1)`, [token]);
      return await arrived;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
      this.fencesPending.delete(token);
    }
  }

  /**
   * Resolves true once every notification of the transactions `db` has committed so far has
   * been dispatched (at once when nothing was committed since the last time): caches call
   * it before serving, so this instance's own writes show in its very next read. One fence
   * is shared by concurrent callers.
   */
  caughtUpWith(db: CommitCounting): Promise<boolean> {
    const commits = db.commits;
    let state = this.catchUps.get(db);
    if (!state) this.catchUps.set(db, (state = { commits }));
    if (state.commits === commits) return Promise.resolve(true);
    if (state.pending && state.pending.commits >= commits) return state.pending.done;
    const catchUp = state;
    const done = this.fence(db).then((arrived) => {
      if (arrived && commits > catchUp.commits) catchUp.commits = commits;
      if (catchUp.pending?.done === done) catchUp.pending = undefined;
      return arrived;
    });
    catchUp.pending = { commits, done };
    return done;
  }

  get subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => {});
  }

  private dispatch(channelName: string, payload: string | undefined): void {
    if (channelName === FENCE_CHANNEL) {
      this.fencesPending.get(payload ?? '')?.();
      return;
    }
    const channel = (Object.keys(CHANNELS) as Channel[]).find((c) => CHANNELS[c] === channelName);
    if (!channel) return;
    let message: ChangeMessage = {};
    try {
      const parsed: unknown = JSON.parse(payload ?? '{}');
      if (parsed && typeof parsed === 'object') message = parsed as ChangeMessage;
    } catch {
      /* a payload that is not JSON still signals a change */
    }
    const range = { from: Number(message.from ?? 0), to: Number(message.to ?? 0) };
    for (const listener of this.listeners.get(channel) ?? []) listener(range, message);
  }

  private onEnd(client: pg.Client): void {
    if (this.stopped || client !== this.client) return;
    this.client = undefined;
    const retry = () => {
      if (this.stopped) return;
      this.start().then(
        () => {
          this.logger.info({}, 'change feed reconnected');
          for (const l of this.reconnectListeners) l();
        },
        () => {
          this.retryMs = Math.min(this.retryMs * 2, 10_000);
          setTimeout(retry, this.retryMs);
        },
      );
    };
    setTimeout(retry, this.retryMs);
  }
}
