import pg from 'pg';
import { startBareJsonServer, type BareServer } from './http-server';

/**
 * The first rule of the placement whose segment the user is a member of, in one SQL
 * statement: the user's memberships among the placement's rule segments, by position.
 */
export const FIRST_MATCHING_RULE = `
  select c.key as content, r.position, s.key as segment
    from placements pl
    join placement_rules r on r.placement_id = pl.id and r.enabled
    join memberships m on m.segment_id = r.segment_id
     and m.profile_id = (select i.profile_id from identities i where i.kind = 'user_id' and i.value = $2)
    join segments s on s.id = r.segment_id
    join content_items c on c.id = r.content_id
   where pl.key = $1
   order by r.position
   limit 1`;

export interface FirstMatch {
  content: string;
  position: number;
  segment: string;
}

export async function firstMatchingRule(pool: pg.Pool, placement: string, userId: string): Promise<FirstMatch | undefined> {
  const { rows } = await pool.query<FirstMatch>({ name: 'first_matching_rule', text: FIRST_MATCHING_RULE, values: [placement, userId] });
  return rows[0];
}

/** node:http + pg (pool of 8) answering personalize(placement, userId) like the GraphQL shape; default content from memory. */
export async function startPersonalizeBaseline(databaseUrl: string, defaultContent: string, poolSize = 8): Promise<BareServer> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  pool.on('error', () => {});
  const server = await startBareJsonServer(async (body) => {
    const v = (body as { variables?: { placement?: string; userId?: string } }).variables ?? {};
    const hit = await firstMatchingRule(pool, v.placement ?? '', v.userId ?? '');
    const personalize = hit
      ? { placement: v.placement, reason: 'segment', content: { key: hit.content }, rule: { position: hit.position }, segment: { key: hit.segment } }
      : { placement: v.placement, reason: 'default', content: { key: defaultContent }, rule: null, segment: null };
    return { status: 200, json: { data: { personalize } } };
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}
