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
let replicasRead = false;

/**
 * Called by the read router when there are replicas. Until then no read asks for a session,
 * and none is opened: an AsyncLocalStorage once run installs promise hooks that tax every
 * promise of the process (measured on experimentVariant, bench/README.md).
 */
export function enableReadSessions(): void {
  replicasRead = true;
}

/** Runs `work` with `session` as what every read inside it sees (getters are read at each query). */
export function withReadSession<T>(session: ReadSession, work: () => T): T {
  return replicasRead ? sessions.run(session, work) : work();
}

export function currentReadSession(): ReadSession | undefined {
  return sessions.getStore();
}
