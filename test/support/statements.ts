import type { TestApp } from './app';

/** How many SQL statements the app's pool runs while `work` runs (only those `counts` accepts, when given). */
export async function countStatements(t: TestApp, work: () => Promise<unknown>, counts: (sql: string) => boolean = () => true): Promise<number> {
  let n = 0;
  const stop = t.db.onQuery((sql) => {
    if (counts(sql)) n++;
  });
  try {
    await work();
  } finally {
    stop();
  }
  return n;
}
