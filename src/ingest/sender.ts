import { hasScope, type Principal } from '../auth';
import type { NormalizeOptions } from './event.normalize';

/**
 * Who sent a batch, as normalization needs it: messageIds are unique per key, and a key
 * without the `ingest` scope (a public `personalize` key in a browser or app) may speak only
 * for its own visitor — its anonymous id, or the user of its verified end-user token.
 */
export function senderOf(principal: Principal): Pick<NormalizeOptions, 'sourceKey' | 'caller'> {
  return { sourceKey: principal.keyId, caller: hasScope(principal, 'ingest') ? undefined : { userId: principal.userId } };
}
