import type { IncomingMessage, ServerResponse } from 'node:http';
import { requireScope, type Principal } from '../auth';
import { UnauthenticatedError, ValidationError, NotFoundError } from '../common';
import { senderOf, type IngestService, type EventType } from '../ingest';
import { parseJson, readBody } from './body';

/** Segment HTTP Tracking API paths and the message type each implies (batch carries its own). */
const SINGLE: Record<string, EventType> = {
  '/v1/identify': 'identify',
  '/v1/track': 'track',
  '/v1/page': 'page',
  '/v1/screen': 'screen',
  '/v1/alias': 'alias',
  '/v1/group': 'group',
  // analytics.js (browser) posts to one-letter paths with the write key in the body.
  '/v1/i': 'identify',
  '/v1/t': 'track',
  '/v1/p': 'page',
  '/v1/s': 'screen',
  '/v1/a': 'alias',
  '/v1/g': 'group',
};
const BATCH = new Set(['/v1/batch', '/v1/import', '/v1/b']);

/** What the Segment endpoint needs: the ingestion service, the body limit, and a key check (which also admits the key). */
export interface SegmentEndpointDeps {
  ingest: Pick<IngestService, 'normalizeOne' | 'ingest' | 'ingestEach'>;
  maxBodyBytes: number;
  /** The key (and, for a personalize key, its end-user token); admits it on success. */
  authenticate(secret: string, userToken?: string): Promise<Principal | undefined>;
  /** With read replicas: told before the answer, so the key's next reads wait for these events. */
  wrote?: (keyId: string) => Promise<void>;
}

/**
 * Segment-compatible ingestion, so existing tracking SDKs can point at this server.
 * The write key is the Basic-auth user name (or `writeKey` in the body). An `ingest` key
 * (a backend) may send anything; a `personalize` key (a browser's public key, with an
 * optional `X-User-Token`) may send track, page, screen and identify for its own visitor,
 * and the identity values it adds link nothing (ingest/event.normalize.ts). Answers
 * `{ success: true }` like Segment, plus our counts and what was not used.
 *
 * A batch (`/v1/batch`, `/v1/import`, `/v1/b`) is partial: its valid messages are stored and
 * each invalid one is listed in `rejected` (index, messageId, code, message, path) with
 * status 200 — Segment's SDKs drop a whole batch that gets a 400, good events included. A
 * body that is not JSON, too big, unauthenticated, or not a batch at all is refused whole.
 * A single-message path answers 400 (or 403) for its message, as before.
 */
export async function handleSegmentRequest(req: IncomingMessage, res: ServerResponse, path: string, deps: SegmentEndpointDeps): Promise<void> {
  const type = SINGLE[path];
  if (!type && !BATCH.has(path)) throw new NotFoundError(`No Segment endpoint ${path}; use /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/alias, /v1/group, /v1/batch or /v1/import`);
  if (req.method !== 'POST') throw new ValidationError('use POST', 'method');
  // A key in the Authorization header is checked before the body is read, so a wrong key is
  // always 401 (never 400/413) and an unauthenticated caller cannot make us inflate 1 MB.
  const headerPrincipal = req.headers.authorization ? requireScope(await authenticateWriteKey(req, {}, deps), 'ingest', 'personalize') : undefined;
  const body = parseJson(await readBody(req, deps.maxBodyBytes));
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ValidationError('must be a JSON object', 'body');
  const message = body as Record<string, unknown>;
  const principal = headerPrincipal ?? requireScope(await authenticateWriteKey(req, message, deps), 'ingest', 'personalize');

  const sender = senderOf(principal);
  const result = type
    ? await deps.ingest.ingest([deps.ingest.normalizeOne(withoutWriteKey(message), { source: 'http', type, ...sender }, 'body')])
    : await deps.ingest.ingestEach(batchMessages(message), { source: 'http', batchSentAt: message.sentAt, ...sender }, 'batch');
  if (result.accepted) await deps.wrote?.(principal.keyId);
  const { accepted, duplicates, suppressed, ignoredIdentities, rejected } = result;
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({
    success: true,
    accepted,
    duplicates,
    ...(suppressed ? { suppressed } : {}),
    ...(ignoredIdentities.length ? { ignoredIdentities } : {}),
    ...(rejected.length ? { rejected } : {}),
  }));
}

async function authenticateWriteKey(req: IncomingMessage, body: Record<string, unknown>, deps: SegmentEndpointDeps): Promise<Principal> {
  const header = req.headers.authorization;
  let key: string | undefined;
  if (header) {
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    if (basic) key = Buffer.from(basic[1], 'base64').toString('utf8').split(':')[0];
    else if (bearer) key = bearer[1];
    else throw new UnauthenticatedError('Authorization must be Basic (write key as user name) or Bearer');
  } else if (typeof body.writeKey === 'string') {
    key = body.writeKey;
  }
  if (!key) throw new UnauthenticatedError('A write key is required: Basic auth with the key as user name');
  const userToken = req.headers['x-user-token'];
  const principal = await deps.authenticate(key, typeof userToken === 'string' ? userToken : undefined);
  if (!principal) throw new UnauthenticatedError('Unknown or revoked write key');
  return principal;
}

function withoutWriteKey(message: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...message };
  delete copy.writeKey;
  return copy;
}

/**
 * A batch's top-level `context` and `integrations` apply to every message that lacks its
 * own (a message's own context is merged over the batch's; one that is not an object stays,
 * to be rejected). Anything but a list is left for the ingestion service to refuse.
 */
function batchMessages(body: Record<string, unknown>): unknown {
  const batch = body.batch;
  if (!Array.isArray(batch)) return batch;
  const context = isObject(body.context) ? body.context : undefined;
  const integrations = isObject(body.integrations) ? body.integrations : undefined;
  return batch.map((m) => {
    if (!isObject(m)) return m;
    const merged: Record<string, unknown> = { ...m };
    if (context && (m.context === undefined || m.context === null || isObject(m.context))) merged.context = { ...context, ...(m.context ?? {}) };
    if (integrations && merged.integrations === undefined) merged.integrations = integrations;
    return merged;
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
