import pg from 'pg';
import type { Logger } from 'pino';

export interface ChangeRange {
  from: number;
  to: number;
}

type Listener = (range: ChangeRange) => void;

/** Channels written by the transactions that change memberships, scores and segment definitions. */
export const CHANNELS = {
  membership: 'segmentary_membership',
  churn: 'segmentary_churn',
  segments: 'segmentary_segments',
  personalization: 'segmentary_personalization',
  triggers: 'segmentary_triggers',
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

  constructor(private readonly url: string, private readonly logger: Pick<Logger, 'warn' | 'info'>) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => this.dispatch(msg.channel, msg.payload));
    client.on('error', (e) => this.logger.warn({ err: e }, 'change feed connection error'));
    client.on('end', () => this.onEnd(client));
    await client.connect();
    for (const channel of Object.values(CHANNELS)) await client.query(`listen ${channel}`);
    this.client = client;
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
    const channel = (Object.keys(CHANNELS) as Channel[]).find((c) => CHANNELS[c] === channelName);
    if (!channel) return;
    let range: ChangeRange = { from: 0, to: 0 };
    try {
      const parsed = JSON.parse(payload ?? '{}');
      range = { from: Number(parsed.from ?? 0), to: Number(parsed.to ?? 0) };
    } catch {
      /* a payload without a range still signals a change */
    }
    for (const listener of this.listeners.get(channel) ?? []) listener(range);
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
