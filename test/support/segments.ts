import type { TestApp } from './app';

/** The user ids of a segment's members, sorted: what membership tests compare with their expected users. */
export async function memberUserIds(t: TestApp, key: string): Promise<string[]> {
  const { rows } = await t.db.query(
    `select i.value from memberships m join segments s on s.id = m.segment_id join identities i on i.profile_id = m.profile_id and i.kind = 'user_id'
      where s.key = $1 order by 1`,
    [key],
  );
  return rows.map((r) => r.value);
}
