import crypto from 'node:crypto';
import type { IdentityRules, IngestLimits } from '../config';
import { canonicalIdentity, IDENTITY_KINDS, type IdentityKind, type IdentityRef } from '../profiles';
import { ForbiddenError, ValidationError, unstorableText } from '../common';
import { parseOrderAction } from '../commerce';
import { EVENT_TYPES, type AccountRef, type EventType, type JsonObject, type NormalizedEvent, type PublicCaller } from './event.model';
import { eventTime, parseTime, type EventTime } from './event.time';

/** Top-level fields of a Segment message that we interpret; everything else is kept in `extra`. */
export const KNOWN_FIELDS = new Set([
  'type', 'messageId', 'userId', 'anonymousId', 'previousId', 'event', 'name', 'properties', 'traits',
  'context', 'timestamp', 'originalTimestamp', 'sentAt', 'receivedAt', 'identities', 'writeKey',
]);

export interface NormalizeOptions {
  limits: IngestLimits;
  identity: IdentityRules;
  source: string;
  /** Forced type, for endpoints such as `/v1/track` whose path says the type. */
  type?: EventType;
  /** The receipt time (Segment's `receivedAt`): now, unless a test fixes it. */
  now?: Date;
  /** `sentAt` of an enclosing batch, for client clock-skew correction (event.time.ts). */
  batchSentAt?: unknown;
  /** The API key that sent it (messageIds are unique per key); keyless tools share `source`. */
  sourceKey?: string;
  /** Set when the sender holds a public (`personalize`) key: what its events may claim. */
  caller?: PublicCaller;
}

/** What a public key may send: events about its own visitor, never links between identities (alias) or accounts (group). */
const PUBLIC_TYPES: readonly EventType[] = ['track', 'page', 'screen', 'identify'];

export function normalizeEvent(raw: unknown, options: NormalizeOptions, path = 'event'): NormalizedEvent {
  const msg = asObject(raw, path);
  if (!msg) throw new ValidationError('must be an object', path);
  const type = parseType(msg.type, options.type, `${path}.type`);
  if (options.caller && !PUBLIC_TYPES.includes(type)) {
    throw new ForbiddenError(`${path}.type: a personalize key may send ${PUBLIC_TYPES.join(', ')}; ${type} ${type === 'group' ? 'writes an account others belong to' : 'links identities'} and needs an ingest key`, { path: `${path}.type` });
  }
  const properties = asObject(msg.properties, `${path}.properties`) ?? {};
  const traits = asObject(msg.traits, `${path}.traits`);
  // A group call's traits describe the account, never the person: they set no trait and link no identity.
  const personTraits = type === 'group' ? null : traits;
  const context = asObject(msg.context, `${path}.context`) ?? {};
  const name = parseName(type, msg, path);
  const { identities, ignored } = options.caller
    ? publicIdentities(msg, personTraits, context, options.caller, options.identity, path)
    : { identities: collectIdentities(msg, personTraits, context, options.identity, path), ignored: [] };
  const account = parseAccount(type, msg, traits, context, options, path, ignored);
  const previousId = type === 'alias' ? requiredId(msg.previousId, options.identity, `${path}.previousId`) : undefined;
  if (identities.length === 0) {
    throw new ValidationError(
      'missing identity: an event needs a usable userId or anonymousId (or email/phone); placeholder values such as "anonymous" or "null" are ignored',
      `${path}.userId`,
    );
  }
  const order = parseOrderAction(name, properties, `${path}.properties`);
  const extra = collectExtra(msg);
  for (const [field, value] of [['properties', properties], ['traits', traits], ['context', context], ...Object.entries(extra ?? {})] as const) {
    assertStorableJson(value, `${path}.${field}`);
  }
  return {
    type,
    messageId: parseMessageId(msg.messageId, `${path}.messageId`),
    identities,
    previousId,
    name,
    properties,
    traits: personTraits,
    ...(account && { account }),
    context,
    extra,
    ...occurrence(msg, options, path),
    order,
    revenue: order && (order.kind === 'completed' || order.kind === 'updated') ? order.amountCents! / 100 : null,
    source: options.source,
    sourceKey: options.sourceKey ?? options.source,
    ignoredIdentities: ignored,
  };
}

function occurrence(msg: JsonObject, options: NormalizeOptions, path: string): EventTime {
  const clock = { receivedAt: options.now ?? new Date(), batchSentAt: parseTime(options.batchSentAt, 'sentAt'), maxFutureSkewMs: options.limits.maxFutureSkewMs };
  return eventTime(msg, clock, path);
}

function asObject(value: unknown, path: string): JsonObject | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ValidationError('must be a JSON object', path);
  return value as JsonObject;
}

function parseType(value: unknown, forced: EventType | undefined, path: string): EventType {
  if (forced) return forced;
  if (typeof value !== 'string' || !(EVENT_TYPES as readonly string[]).includes(value)) {
    throw new ValidationError(`must be one of ${EVENT_TYPES.join(', ')}`, path);
  }
  return value as EventType;
}

function parseName(type: EventType, msg: JsonObject, path: string): string | null {
  if (type === 'track') {
    if (typeof msg.event !== 'string' || !msg.event.trim()) throw new ValidationError('a track event needs a non-empty event name', `${path}.event`);
    if (msg.event.length > 200) throw new ValidationError('must be at most 200 characters', `${path}.event`);
    return storable(msg.event, `${path}.event`).trim();
  }
  if ((type === 'page' || type === 'screen') && msg.name !== undefined && msg.name !== null) {
    if (typeof msg.name !== 'string') throw new ValidationError('must be a string', `${path}.name`);
    return storable(msg.name, `${path}.name`).slice(0, 200);
  }
  return null;
}

function parseMessageId(value: unknown, path: string): string {
  if (value === undefined || value === null) return `gen-${crypto.randomUUID()}`;
  if (typeof value !== 'string' || !value.trim() || value.length > 200) throw new ValidationError('must be a non-empty string of at most 200 characters', path);
  return storable(value, path);
}

/** `text` itself, when PostgreSQL can store it as text. */
function storable(text: string, path: string): string {
  const why = unstorableText(text);
  if (why) throw new ValidationError(why, path);
  return text;
}

function identityValue(value: unknown, path: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new ValidationError('must be a string', path);
  if (value.length > 256) throw new ValidationError('must be at most 256 characters', path);
  return storable(value, path).trim();
}

function isBlocked(value: string, rules: IdentityRules): boolean {
  return rules.blockedValues.includes(value.trim().toLowerCase());
}

function requiredId(value: unknown, rules: IdentityRules, path: string): string {
  const v = identityValue(value, path);
  if (!v || isBlocked(v, rules)) throw new ValidationError('an alias needs a usable previousId', path);
  return v;
}

function collectIdentities(msg: JsonObject, traits: JsonObject | null, context: JsonObject, rules: IdentityRules, path: string): IdentityRef[] {
  const found: IdentityRef[] = [];
  const add = (kind: IdentityKind, value: unknown, at: string) => {
    const v = identityValue(value, at);
    if (v === undefined) return;
    const canonical = canonicalIdentity(kind, v);
    if (!canonical || isBlocked(canonical, rules)) return;
    if (!found.some((f) => f.kind === kind && f.value === canonical)) found.push({ kind, value: canonical });
  };
  add('user_id', msg.userId, `${path}.userId`);
  add('anonymous_id', msg.anonymousId, `${path}.anonymousId`);
  const contextTraits = asObject(context.traits, `${path}.context.traits`);
  add('email', traits?.email ?? contextTraits?.email, `${path}.traits.email`);
  add('phone', traits?.phone ?? contextTraits?.phone, `${path}.traits.phone`);
  const device = asObject(context.device, `${path}.context.device`);
  add('device_id', device?.id, `${path}.context.device.id`);
  for (const [i, ref] of explicitIdentities(msg.identities, `${path}.identities`).entries()) add(ref.kind, ref.value, `${path}.identities[${i}].value`);
  return found.sort((a, b) => IDENTITY_KINDS.indexOf(a.kind) - IDENTITY_KINDS.indexOf(b.kind));
}

/**
 * A public key's event names its visitor by anonymous id, or by the user id its verified
 * token carries (a different user id is FORBIDDEN; none is filled in from the token). Any
 * other identity-bearing value (traits or context email and phone, device id, explicit
 * identities) links nothing: it stays where it was sent, as unverified data, and its path
 * is reported so the caller can see what was not used.
 */
function publicIdentities(msg: JsonObject, traits: JsonObject | null, context: JsonObject, caller: PublicCaller, rules: IdentityRules, path: string) {
  const claimed = identityValue(msg.userId, `${path}.userId`) || undefined;
  if (claimed && claimed !== caller.userId) {
    const message = caller.userId
      ? 'names another user than the signed user token (X-User-Token)'
      : 'a personalize key may name a userId only with a signed user token (X-User-Token); send anonymousId otherwise';
    throw new ForbiddenError(`${path}.userId: ${message}`, { path: `${path}.userId` });
  }
  const identities = collectIdentities({ userId: caller.userId, anonymousId: msg.anonymousId }, null, {}, rules, path);
  const contextTraits = asObject(context.traits, `${path}.context.traits`);
  const device = asObject(context.device, `${path}.context.device`);
  const candidates: [string, unknown][] = [
    [`${path}.traits.email`, traits?.email],
    [`${path}.traits.phone`, traits?.phone],
    [`${path}.context.traits.email`, contextTraits?.email],
    [`${path}.context.traits.phone`, contextTraits?.phone],
    [`${path}.context.device.id`, device?.id],
  ];
  const ignored = candidates.filter(([, value]) => value !== undefined && value !== null && value !== '').map(([at]) => at);
  if (Array.isArray(msg.identities)) msg.identities.forEach((_, i) => ignored.push(`${path}.identities[${i}]`));
  return { identities, ignored };
}

/**
 * The account an event names: a group call's `groupId` (required) with its traits, or
 * `context.groupId` on any other event (a link without traits). A public key's
 * `context.groupId` links nothing, as its identity values do: it is reported in `ignored`.
 */
function parseAccount(
  type: EventType, msg: JsonObject, traits: JsonObject | null, context: JsonObject, options: NormalizeOptions, path: string, ignored: string[],
): AccountRef | undefined {
  if (type === 'group') {
    const groupId = identityValue(msg.groupId, `${path}.groupId`);
    if (!groupId || isBlocked(groupId, options.identity)) throw new ValidationError('a group call needs a usable groupId', `${path}.groupId`);
    return { groupId, traits };
  }
  const groupId = identityValue(context.groupId, `${path}.context.groupId`);
  if (!groupId || isBlocked(groupId, options.identity)) return undefined;
  if (options.caller) {
    ignored.push(`${path}.context.groupId`);
    return undefined;
  }
  return { groupId, traits: null };
}

function explicitIdentities(value: unknown, path: string): IdentityRef[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError('must be a list of {kind, value}', path);
  return value.map((item, i) => {
    const ref = asObject(item, `${path}[${i}]`);
    const kind = ref?.kind;
    if (typeof kind !== 'string' || !(IDENTITY_KINDS as readonly string[]).includes(kind)) {
      throw new ValidationError(`unknown identity kind ${JSON.stringify(kind)}; allowed: ${IDENTITY_KINDS.join(', ')}`, `${path}[${i}].kind`);
    }
    return { kind: kind as IdentityKind, value: ref?.value as string };
  });
}

function assertStorableJson(value: unknown, path: string, depth = 0): void {
  if (depth > 32) throw new ValidationError('is nested more than 32 levels deep', path);
  if (typeof value === 'string') {
    storable(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorableJson(v, `${path}[${i}]`, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const why = unstorableText(k);
      if (why) throw new ValidationError(`has a key that ${why}`, path);
      assertStorableJson(v, `${path}.${k}`, depth + 1);
    }
  }
}

function collectExtra(msg: JsonObject): JsonObject | null {
  const extra: JsonObject = {};
  for (const [k, v] of Object.entries(msg)) if (!KNOWN_FIELDS.has(k)) extra[k] = v;
  return Object.keys(extra).length ? extra : null;
}
