import fs from 'node:fs';
import path from 'node:path';
import { checkDistributable, citusStatements, DECLARED_DISTRIBUTION } from '../../src/db';
import { startTestApp, type TestApp } from '../support/app';

/**
 * The schema stays distributable by Citus (docs/scaling.md): the check reads the migrated
 * database's catalog, and every rule it enforces fails on a table made to break it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t?.close());

const violationsOf = async (table: string) => (await checkDistributable(t.db)).filter((v) => v.table === table).map((v) => v.rule);

test('the migrated schema breaks no rule', async () => {
  expect(await checkDistributable(t.db)).toEqual([]);
});

test('each rule fails on a table that breaks it, naming the rule', async () => {
  await t.db.query(`create table broken_log (id bigserial primary key, profile_id uuid not null references profiles(id), note text)`);
  await t.db.query(`create table broken_pair (profile_id uuid not null, other_id uuid not null references profiles(id), primary key (profile_id, other_id))`);
  await t.db.query(`create table broken_catalog (id bigint primary key)`);
  await t.db.query(`create table broken_ref_to_profile (key text primary key, profile_id_x uuid references profiles(id))`);
  await t.db.query(`create table broken_lookup (value text primary key, profile_id_x uuid references profiles(id))`);
  DECLARED_DISTRIBUTION.broken_ref_to_profile = { kind: 'reference' };
  DECLARED_DISTRIBUTION.broken_lookup = { kind: 'distributed', by: 'value', colocateWith: 'identities' };
  try {
    expect(await violationsOf('broken_log')).toEqual(['key broken_log_pkey (id) does not include the distribution column profile_id']);
    expect(await violationsOf('broken_pair')).toEqual([
      'foreign key broken_pair_other_id_fkey (other_id) does not pair the distribution columns profile_id → profiles.id',
    ]);
    expect(await violationsOf('broken_catalog')).toEqual([
      'not classified: it has no profile_id column and is not declared in DECLARED_DISTRIBUTION (src/db/distribution.ts)',
    ]);
    expect(await violationsOf('broken_ref_to_profile')).toEqual(['foreign key broken_ref_to_profile_profile_id_x_fkey goes from a reference table to the distributed table profiles']);
    expect(await violationsOf('broken_lookup')).toEqual(['foreign key broken_lookup_profile_id_x_fkey joins profiles, which is not colocated (identities vs profiles)']);
  } finally {
    delete DECLARED_DISTRIBUTION.broken_ref_to_profile;
    delete DECLARED_DISTRIBUTION.broken_lookup;
    await t.db.query(`drop table broken_log, broken_pair, broken_catalog, broken_ref_to_profile, broken_lookup`);
  }
});

test('docs/scaling.md quotes every Citus statement the declaration gives', async () => {
  const { rows } = await t.db.query(`
    select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and relkind in ('r', 'p') and not relispartition order by relname`);
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/scaling.md'), 'utf8');
  const statements = citusStatements(rows.map((r) => r.relname));
  expect(statements.length).toBeGreaterThan(30);
  for (const statement of statements) expect(doc).toContain(statement);
});
