/**
 * `npm run check:distributable` (DATABASE_URL: a migrated database): lists every table that
 * breaks the rules a Citus cluster needs (src/db/distribution.ts) and exits 1 if any does;
 * `--citus` prints the statements that lay the schema out instead (docs/scaling.md).
 */
import pg from 'pg';
import { checkDistributable, citusStatements } from '../src/db/distribution';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL must name a migrated database\n');
    return 2;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    if (process.argv.includes('--citus')) {
      const { rows } = await client.query<{ relname: string }>(`
        select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = current_schema() and relkind in ('r', 'p') and not relispartition order by relname`);
      process.stdout.write(`${citusStatements(rows.map((r) => r.relname)).join('\n')}\n`);
      return 0;
    }
    const violations = await checkDistributable(client);
    for (const v of violations) process.stdout.write(`${v.table}: ${v.rule}\n`);
    process.stdout.write(violations.length ? `${violations.length} rule(s) broken\n` : 'every table is distributable\n');
    return violations.length ? 1 : 0;
  } finally {
    await client.end();
  }
}

main().then((code) => process.exit(code), (error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
