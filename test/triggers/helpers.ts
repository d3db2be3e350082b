import type { TestApp } from '../support/app';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface HistoryEvent {
  at: Date;
  event?: string;
  properties?: Record<string, unknown>;
  traits?: Record<string, unknown>;
}

let sequence = 0;

/** Ingests a user's history through the real ingestion path, with historical timestamps. Returns the profile id. */
export async function ingestHistory(t: TestApp, userId: string, events: HistoryEvent[]): Promise<string> {
  const raw = events.map((e) => ({
    type: e.traits ? 'identify' : 'track',
    messageId: `${userId}-${++sequence}`,
    userId,
    timestamp: e.at.toISOString(),
    ...(e.traits ? { traits: e.traits } : { event: e.event, properties: e.properties ?? {} }),
  }));
  const result = await t.app.services.ingest.ingest(t.app.services.ingest.normalize(raw, { source: 'test' }));
  return result.profileIds[0];
}

export interface StoredOccurrence {
  id: number;
  kind: string;
  profile_id: string;
  dedupe_key: string;
  payload: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  occurred_at: Date;
}

export async function occurrencesOf(t: TestApp, profileId: string): Promise<StoredOccurrence[]> {
  const { rows } = await t.db.query<StoredOccurrence>(`select * from trigger_occurrences where profile_id = $1 order by id`, [profileId]);
  return rows;
}

/** Awaits a condition without fixed sleeps: polls on the event loop until it holds or time runs out. */
export async function until(condition: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
