import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What a request tells the read router (read-replicas.ts) without passing it through
 * every service: whose key it runs under (its recent writes must be visible to it) and
 * whether it writes itself (then it reads the primary throughout). The HTTP layer opens one
 * per request; work outside a request (the scheduler, tools) has none and reads replicas
 * without waiting.
 */
export interface ReadSession {
  readonly keyId?: string;
  readonly writes: boolean;
}

const sessions = new AsyncLocalStorage<ReadSession>();

/** Runs `work` with `session` as what every read inside it sees (getters are read at each query). */
export function withReadSession<T>(session: ReadSession, work: () => T): T {
  return sessions.run(session, work);
}

export function currentReadSession(): ReadSession | undefined {
  return sessions.getStore();
}
