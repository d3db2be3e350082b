import type { Queryable } from '../db';
import { canonicalIdentity, type IdentityKind } from './identity';
import { NotFoundError, ValidationError, checkPageSize, decodeCursor, encodeCursor, toPage, type Page, isUuid } from '../common';
import type { Identity, Profile, ProfileEvent, ProfileMerge, ProfileStats } from './profile.types';
import { EVENTS_PAGE, IDENTITIES_OF, MERGES_INTO, PROFILE_BY_ID, PROFILE_BY_IDENTITY, PROFILE_COLUMNS } from './profiles.sql';

const TRAIT_PATH = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

export interface ProfileQuery {
  traits?: { path: string; value: unknown }[];
  identity?: { kind: IdentityKind; value: string };
  lastSeenFrom?: Date;
  lastSeenTo?: Date;
}

export interface EventPageArgs {
  first: number;
  after?: string | null;
  name?: string | null;
}

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function toProfile(r: Row): Profile {
  const stats: ProfileStats = {
    orders: r.orders,
    revenue: r.revenue,
    grossRevenue: r.gross_revenue,
    refunds: r.refunds,
    avgOrderValue: r.orders > 0 ? Math.round((r.revenue / r.orders) * 100) / 100 : null,
    events: r.events,
    firstOrderAt: r.first_order_at,
    lastOrderAt: r.last_order_at,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.stats_last_seen_at,
    rfmR: r.rfm_r,
    rfmF: r.rfm_f,
    rfmM: r.rfm_m,
    rfmSegment: r.rfm_segment,
    lifecycle: r.lifecycle,
    valueTier: r.value_tier,
    pAlive: r.p_alive,
    churnRisk: r.churn_risk,
    expectedOrders90d: r.expected_orders_90d,
    expectedAvgOrderValue: r.expected_avg_order_value,
    purchaseProbability30d: r.purchase_probability_30d,
    expectedOrders52w: r.expected_orders_52w,
    clv52w: r.clv_52w,
    clv52wDiscounted: r.clv_52w_discounted,
    scoredAt: r.scored_at,
    scoresAsOf: r.scores_as_of,
  };
  return { id: r.id, traits: r.traits, createdAt: r.created_at, lastSeenAt: r.last_seen_at, stats };
}

function toEvent(r: Row): ProfileEvent {
  return {
    id: String(r.id),
    messageId: r.message_id,
    type: r.type,
    name: r.name,
    properties: r.properties,
    context: r.context,
    occurredAt: r.occurred_at,
    clampedFrom: r.clamped_from,
    receivedAt: r.received_at,
    source: r.source,
  };
}

/** Read side of profiles: one statement per question, batched where a list asks. */
export class ProfilesService {
  /** `db`: where reads go (a replica when configured; every statement here only reads). */
  constructor(private readonly db: Queryable) {}

  async byId(id: string): Promise<Profile | null> {
    if (!isUuid(id)) throw new ValidationError('is not a profile id (UUID)', 'id');
    const { rows } = await this.db.query(PROFILE_BY_ID, [id], 'profile_by_id');
    return rows[0] ? toProfile(rows[0]) : null;
  }

  async byIdOrFail(id: string): Promise<Profile> {
    const profile = await this.byId(id);
    if (!profile) throw new NotFoundError(`No profile ${id}`);
    return profile;
  }

  async byIdentity(kind: IdentityKind, value: string): Promise<Profile | null> {
    const { rows } = await this.db.query(PROFILE_BY_IDENTITY, [kind, canonicalIdentity(kind, value)], 'profile_by_identity');
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** Profiles in creation order, filtered; keyset pagination on (created_at, id). */
  async list(filter: ProfileQuery, firstArg: number, after?: string | null): Promise<Page<Profile>> {
    const first = checkPageSize(firstArg);
    const params: unknown[] = [];
    const where = ['p.merged_into is null'];
    const add = (v: unknown) => `$${params.push(v)}`;
    for (const [i, t] of (filter.traits ?? []).entries()) {
      if (!TRAIT_PATH.test(t.path)) throw new ValidationError('must be a dot path of identifiers', `filter.traits[${i}].path`);
      where.push(`p.traits @> ${add(JSON.stringify(nest(t.path.split('.'), t.value)))}::jsonb`);
    }
    if (filter.identity) {
      const { kind, value } = filter.identity;
      where.push(`exists (select 1 from identities i where i.profile_id = p.id and i.kind = ${add(kind)} and i.value = ${add(canonicalIdentity(kind, value))})`);
    }
    if (filter.lastSeenFrom) where.push(`p.last_seen_at >= ${add(filter.lastSeenFrom)}`);
    if (filter.lastSeenTo) where.push(`p.last_seen_at < ${add(filter.lastSeenTo)}`);
    const cursor = decodeCursor(after, ['time', 'uuid']);
    if (cursor) where.push(`(p.created_at, p.id) > (${add(cursor[0])}::timestamptz, ${add(cursor[1])}::uuid)`);
    const { rows } = await this.db.query(
      `select ${PROFILE_COLUMNS}, to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as cursor_time
         from profiles p left join profile_stats s on s.profile_id = p.id
        where ${where.join(' and ')}
        order by p.created_at, p.id limit ${add(first + 1)}`,
      params,
    );
    const page = toPage(rows, first, (r) => encodeCursor([r.cursor_time, r.id]), !!cursor);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toProfile(e.node) })) };
  }

  async identitiesOf(profileIds: readonly string[]): Promise<Identity[][]> {
    const { rows } = await this.db.query(IDENTITIES_OF, [profileIds]);
    return groupBy(profileIds, rows, (r) => ({ kind: r.kind, value: r.value, createdAt: r.created_at }));
  }

  async mergesInto(profileIds: readonly string[]): Promise<ProfileMerge[][]> {
    const { rows } = await this.db.query(MERGES_INTO, [profileIds]);
    return groupBy(profileIds, rows, (r) => ({
      mergedProfileId: r.merged_id,
      identityKind: r.identity_kind,
      identityValue: r.identity_value,
      messageId: r.message_id,
      mergedAt: r.merged_at,
    }), 'survivor_id');
  }

  /** One page of events for each profile, in a single statement. */
  async eventsOf(profileIds: readonly string[], args: EventPageArgs): Promise<Page<ProfileEvent>[]> {
    const first = checkPageSize(args.first);
    const cursor = decodeCursor(args.after, ['time', 'id']);
    const { rows } = await this.db.query(EVENTS_PAGE, [profileIds, args.name ?? null, cursor?.[0] ?? null, cursor?.[1] ?? null, first + 1]);
    const perProfile = groupBy(profileIds, rows, (r) => r);
    return perProfile.map((list) => {
      const page = toPage(list, first, (r) => encodeCursor([r.occurred_at.toISOString(), String(r.id)]), !!cursor);
      return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toEvent(e.node) })) };
    });
  }
}

function nest(path: string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function groupBy<T>(keys: readonly string[], rows: Row[], map: (r: Row) => T, column = 'profile_id'): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const r of rows) groups.get(r[column])?.push(map(r));
  return keys.map((k) => groups.get(k) ?? []);
}
