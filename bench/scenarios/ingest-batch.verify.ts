import type pg from 'pg';
import type { Check } from './types';
import type { IngestSourceSummary } from './ingest-batch.source';

/** Where the events table stood before the run. */
export interface IngestMark {
  maxEventId: number;
  at: Date;
}

export async function markEvents(pool: pg.Pool): Promise<IngestMark> {
  const { rows } = await pool.query<{ max_id: number; at: Date }>(`select coalesce(max(id), 0)::bigint as max_id, now() as at from events`);
  return { maxEventId: Number(rows[0].max_id), at: rows[0].at };
}

/**
 * Checks exactly what the run stored: each answered batch has as many rows as it was
 * told were accepted; a batch cut off by the end of the run is stored whole or not at
 * all; nothing else was written; profile_stats of every touched profile equal the
 * aggregates of its events; new anonymous ids made one profile each and nothing merged.
 */
export async function verifyIngest(pool: pg.Pool, mark: IngestMark, s: IngestSourceSummary): Promise<Check[]> {
  const { rows: perBatch } = await pool.query<{ seq: number; n: number }>(
    `select split_part(message_id, '-', 3)::int as seq, count(*)::int as n
       from events where id > $1 and message_id like $2 group by 1`,
    [mark.maxEventId, `b-${s.runId}-%`],
  );
  const { rows: grew } = await pool.query<{ n: number }>(`select count(*)::int as n from events where id > $1`, [mark.maxEventId]);
  const stored = new Map(perBatch.map((r) => [r.seq, r.n]));
  const answered = new Map(s.answered);
  const growth = grew[0].n;
  const ofRun = perBatch.reduce((a, r) => a + r.n, 0);

  const wrongAnswered = s.answered.filter(([seq, accepted]) => (stored.get(seq) ?? 0) !== accepted);
  const cutOff = [...stored].filter(([seq]) => !answered.has(seq));
  const partial = cutOff.filter(([, n]) => n !== s.batchSize);
  const cutOffRows = cutOff.reduce((a, [, n]) => a + n, 0);

  const checks: Check[] = [
    {
      name: 'events grew by the accepted count',
      ok: growth === s.accepted + cutOffRows && ofRun === growth,
      detail: `grew ${growth}; accepted in answers ${s.accepted}; whole batches cut off by the end of the run and stored ${cutOff.length} (${cutOffRows} rows); rows not from this run ${growth - ofRun}`,
    },
    {
      name: 'each answered batch stored as accepted',
      ok: wrongAnswered.length === 0,
      detail: wrongAnswered.length ? `${wrongAnswered.length} batches differ, e.g. seq ${wrongAnswered[0][0]}: accepted ${wrongAnswered[0][1]}, stored ${stored.get(wrongAnswered[0][0]) ?? 0}` : `${s.answered.length} batches`,
    },
    { name: 'cut-off batches all or nothing', ok: partial.length === 0, detail: `${cutOff.length} stored, ${partial.length} partially` },
    { name: 'no duplicates reported', ok: s.duplicates === 0, detail: `${s.duplicates}` },
  ];

  const { rows: stats } = await pool.query<{ touched: number; mismatched: number; stats_events: number; actual_events: number }>(
    `with touched as (select distinct profile_id from events where id > $1),
     actual as (
       select e.profile_id, count(*)::int as events,
              (count(distinct coalesce(e.properties->>'order_id', e.id::text)) filter (where e.name = 'Order Completed'))::int as orders,
              coalesce(sum((e.properties->>'revenue')::numeric) filter (where e.name = 'Order Completed'), 0) as revenue,
              max(e.occurred_at) as last_seen_at
         from touched t join events e on e.profile_id = t.profile_id group by e.profile_id)
     select count(*)::int as touched,
            (count(*) filter (where s.profile_id is null or s.events <> a.events or s.orders <> a.orders
                                 or s.revenue <> a.revenue or s.last_seen_at is distinct from a.last_seen_at))::int as mismatched,
            coalesce(sum(s.events), 0)::bigint as stats_events, sum(a.events)::bigint as actual_events
       from actual a left join profile_stats s using (profile_id)`,
    [mark.maxEventId],
  );
  const st = stats[0];
  checks.push({
    name: 'profile_stats match events',
    ok: st.mismatched === 0 && Number(st.stats_events) === Number(st.actual_events),
    detail: `${st.touched} touched profiles; sum(profile_stats.events) ${st.stats_events} vs count(events) ${st.actual_events}; ${st.mismatched} profiles with differing events/orders/revenue/last_seen_at`,
  });

  const { rows: fresh } = await pool.query<{ profiles: number; anon: number; merges: number }>(
    `select (select count(*) from profiles where created_at > $1)::int as profiles,
            (select count(*) from identities where kind = 'anonymous_id' and value like $2)::int as anon,
            (select count(*) from profile_merges where merged_at > $1)::int as merges`,
    [mark.at, `anon-new-${s.runId}-%`],
  );
  const f = fresh[0];
  checks.push({
    name: 'one new profile per new anonymous id, no merges',
    ok: f.profiles === f.anon && f.merges === 0,
    detail: `${f.profiles} profiles created, ${f.anon} new anonymous ids, ${f.merges} merges`,
  });
  return checks;
}
