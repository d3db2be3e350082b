import type { Logger } from 'pino';
import type { KeyChange } from '../auth';
import type { KeyAuthenticator } from './admission';
import type { CorsPolicy } from './cors';
import type { KeySockets } from './graphql-ws';

/**
 * What this instance does when a key changes here or elsewhere (the key service has
 * already forgotten its cached lookups): close the sockets of a revoked key with 4403,
 * and reload the origins a preflight may come from. After the change feed reconnected
 * (`keyId` unset) it asks the database which of its sockets' keys were revoked meanwhile.
 * Returns the unsubscribe function.
 */
export function followKeyChanges(keys: KeyAuthenticator, cors: CorsPolicy, sockets: KeySockets, logger: Pick<Logger, 'info' | 'warn'>): () => void {
  const closeRevoked = async (change: KeyChange) => {
    const revoked = change.keyId === undefined ? await keys.revokedAmong(sockets.keyIds) : change.revoked ? [change.keyId] : [];
    const closed = sockets.close(revoked);
    if (closed) logger.info({ keys: revoked, sockets: closed }, 'closed the sockets of revoked API keys');
  };
  return keys.onChange(async (change) => {
    sockets.keysChanged();
    const outcomes = await Promise.allSettled([closeRevoked(change), cors.refresh()]);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') logger.warn({ err: outcome.reason, change }, 'could not follow an API key change (retried on the next change or reconnect)');
    }
  });
}
