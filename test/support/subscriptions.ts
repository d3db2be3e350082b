import WebSocket from 'ws';
import { createClient, type Client } from 'graphql-ws';
import { print, type DocumentNode } from 'graphql';

/** A graphql-ws client that collects the messages of one subscription. */
export interface Subscriber<T> {
  received: T[];
  /** Resolves when at least `n` messages have arrived (rejects after `ms`). */
  waitFor(n: number, ms?: number): Promise<T[]>;
  errors: unknown[];
  close(): Promise<void>;
}

export function wsUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/, 'ws');
}

export function connect(graphqlUrl: string, key?: string): Client {
  return createClient({
    url: wsUrl(graphqlUrl),
    webSocketImpl: WebSocket,
    connectionParams: key ? { authorization: `Bearer ${key}` } : {},
    retryAttempts: 0,
    lazy: false,
  });
}

/** Subscribes with `query` (a typed document from test/generated, or a string), collecting the values of `field`. */
export function subscribe<T>(client: Client, query: string | DocumentNode, variables: Record<string, unknown>, field: string): Subscriber<T> {
  const received: T[] = [];
  const errors: unknown[] = [];
  const waiters: { n: number; resolve: (v: T[]) => void }[] = [];
  const notify = () => {
    for (const w of [...waiters]) {
      if (received.length < w.n) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(received);
    }
  };
  const dispose = client.subscribe<Record<string, T>>(
    { query: typeof query === 'string' ? query : print(query), variables },
    {
      next: (msg) => {
        if (msg.errors) errors.push(...msg.errors);
        if (msg.data?.[field]) received.push(msg.data[field]);
        notify();
      },
      error: (e) => errors.push(e),
      complete: () => {},
    },
  );
  return {
    received,
    errors,
    waitFor: (n, ms = 10_000) =>
      new Promise<T[]>((resolve, reject) => {
        if (received.length >= n) return resolve(received);
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${n} messages; got ${received.length}; errors ${JSON.stringify(errors)}`)), ms);
        waiters.push({ n, resolve: (v) => (clearTimeout(timer), resolve(v)) });
      }),
    close: async () => dispose(),
  };
}
