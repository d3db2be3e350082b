import pg from 'pg';
import { PROFILE_BY_ID } from '../../src/profiles/profiles.sql';
import { startBareJsonServer, type BareServer } from './http-server';

/**
 * node:http + pg (pool of 8) answering the same SQL as our `profile(id)` resolver
 * (PROFILE_BY_ID, prepared), shaped like the GraphQL answer, with no GraphQL, auth or
 * validation.
 */
export async function startProfileByIdBaseline(databaseUrl: string, poolSize = 8): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async (body) => {
    const id = (body as { variables?: { id?: string } }).variables?.id;
    // A named (prepared) statement, as ProfilesService.byId sends it.
    const { rows } = await pool.query({ name: 'profile_by_id', text: PROFILE_BY_ID, values: [id] });
    const r = rows[0];
    const profile = r ? { id: r.id, traits: r.traits, stats: { orders: r.orders, revenue: r.revenue, lastOrderAt: r.last_order_at } } : null;
    return { status: 200, json: { data: { profile } } };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
