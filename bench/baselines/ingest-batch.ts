import crypto from 'node:crypto';
import pg from 'pg';
import { startBareJsonServer, type BareServer } from './http-server';

export const BASELINE_EVENTS_TABLE = 'bench_events_baseline';

/** A copy of `events` with its indexes and defaults but no foreign key (LIKE never copies one), and its own id sequence. */
export async function createBaselineEventsTable(pool: pg.Pool): Promise<void> {
  await pool.query(`drop table if exists ${BASELINE_EVENTS_TABLE}`);
  await pool.query(`create table ${BASELINE_EVENTS_TABLE} (like events including all)`);
  await pool.query(`create sequence if not exists ${BASELINE_EVENTS_TABLE}_id_seq owned by ${BASELINE_EVENTS_TABLE}.id`);
  await pool.query(`alter table ${BASELINE_EVENTS_TABLE} alter column id set default nextval('${BASELINE_EVENTS_TABLE}_id_seq')`);
}

interface EventInput {
  type: string;
  messageId: string;
  userId?: string;
  anonymousId?: string;
  event?: string;
  name?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
  context?: Record<string, unknown>;
  timestamp?: string;
}

const COLUMNS = ['profile_id', 'message_id', 'type', 'name', 'properties', 'revenue', 'context', 'occurred_at', 'source'];

/**
 * node:http + pg (pool of 8) storing the same GraphQL request bodies with one plain
 * multi-row INSERT: profiles come from an in-memory map (unknown ids get a fresh
 * uuid), so there is no identity resolution, no stats and no validation.
 */
export async function startIngestBaseline(databaseUrl: string, profileOf: Map<string, string>, poolSize = 8): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async (body) => {
    const events = (body as { variables: { events: EventInput[] } }).variables.events;
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (const e of events) {
      const profileId = (e.userId && profileOf.get(e.userId)) || (e.anonymousId && profileOf.get(e.anonymousId)) || crypto.randomUUID();
      const name = e.event ?? e.name ?? null;
      const revenue = name === 'Order Completed' ? Number(e.properties?.revenue ?? 0) : null;
      const base = params.length;
      params.push(profileId, e.messageId, e.type.toLowerCase(), name, e.properties ?? {}, revenue, e.context ?? {}, e.timestamp ?? new Date().toISOString(), 'baseline');
      tuples.push(`(${COLUMNS.map((_, i) => `$${base + i + 1}`).join(', ')})`);
    }
    const { rowCount } = await pool.query(`insert into ${BASELINE_EVENTS_TABLE} (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`, params);
    return { status: 200, json: { data: { ingest: { accepted: rowCount, duplicates: events.length - (rowCount ?? 0) } } } };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
