import path from 'node:path';
import { BASELINE_EVENTS_TABLE, createBaselineEventsTable, startIngestBaseline } from '../baselines/ingest-batch';
import { restoreSeed, sampleUsers } from '../seed';
import type { IngestSourceOptions, IngestSourceSummary } from './ingest-batch.source';
import { markEvents, verifyIngest, type IngestMark } from './ingest-batch.verify';
import { graphqlHeaders, type Scenario } from './types';

const SOURCE = path.join(__dirname, 'ingest-batch.source.js');
const BATCH = 100;

export const ingestBatch: Scenario = {
  name: 'ingest-batch',
  description: `GraphQL ingest(events: [${BATCH}]) with identity resolution and profile_stats maintained`,
  unit: 'events/s',
  perRequest: BATCH,
  defaultConnections: 8,
  aim: { minRate: 10_000 },
  async setup(ctx) {
    const users = await sampleUsers(ctx.pool, 10_000);
    const options: IngestSourceOptions = {
      users: users.map((u) => [u.userId, u.anonymousId]),
      batchSize: BATCH,
      usersPerBatch: 25,
      newAnonymousShare: 0.02,
      identifyShare: 0.03,
      orderShare: 0.1,
    };
    const source = { module: SOURCE, options };
    const profileOf = new Map(users.flatMap((u) => [[u.userId, u.profileId] as const, [u.anonymousId, u.profileId] as const]));
    await createBaselineEventsTable(ctx.pool);
    const baseline = await startIngestBaseline(ctx.databaseUrl, profileOf);
    let mark: IngestMark | undefined;

    return {
      ours: {
        url: ctx.app.graphqlUrl,
        headers: graphqlHeaders(ctx.app.adminKey),
        source,
        before: async () => {
          mark = await markEvents(ctx.pool);
        },
        after: async (outcome) => {
          await ctx.app.settle();
          try {
            return await verifyIngest(ctx.pool, mark!, outcome.source as IngestSourceSummary);
          } finally {
            await restoreSeed(ctx.pool, ctx.seed, ctx.log);
          }
        },
      },
      baseline: {
        url: baseline.url,
        headers: graphqlHeaders(),
        source,
        before: async () => {
          await ctx.pool.query(`truncate ${BASELINE_EVENTS_TABLE}`);
        },
        after: async (outcome) => {
          const s = outcome.source as IngestSourceSummary;
          await new Promise((r) => setTimeout(r, 500));
          const { rows } = await ctx.pool.query<{ n: number }>(`select count(*)::int as n from ${BASELINE_EVENTS_TABLE}`);
          const extra = rows[0].n - s.accepted;
          await ctx.pool.query(`truncate ${BASELINE_EVENTS_TABLE}`);
          return [
            {
              name: 'baseline stored what it accepted',
              ok: extra >= 0 && extra % BATCH === 0 && extra / BATCH <= s.built - s.answered.length,
              detail: `${rows[0].n} rows, ${s.accepted} accepted in answers`,
            },
          ];
        },
      },
      teardown: async () => {
        await baseline.close();
        await ctx.pool.query(`drop table if exists ${BASELINE_EVENTS_TABLE}`);
      },
    };
  },
};
