import type { Queryable } from './database';

/**
 * How each table would be laid out on a Citus cluster (docs/scaling.md), and the check that
 * keeps the schema distributable. A table with a `profile_id` column is distributed by it,
 * colocated with `profiles`, unless declared below; every other table must be declared.
 */
export type TableDistribution =
  | { kind: 'distributed'; by: string; colocateWith: string; dropForeignKeys?: Record<string, string> }
  | { kind: 'reference' }
  /** Kept on the coordinator only (bookkeeping no query joins). */
  | { kind: 'local' };

const PROFILE_GROUP = 'profiles';
const perProfile = (by = 'profile_id'): TableDistribution => ({ kind: 'distributed', by, colocateWith: PROFILE_GROUP });
const reference: TableDistribution = { kind: 'reference' };

/** Tables without a `profile_id` column (or distributed otherwise), each with its layout. */
export const DECLARED_DISTRIBUTION: Record<string, TableDistribution> = {
  profiles: {
    kind: 'distributed', by: 'id', colocateWith: PROFILE_GROUP,
    dropForeignKeys: { profiles_merged_into_fkey: 'merged_into names another profile, which may live on another shard' },
  },
  profile_merges: {
    ...perProfile('survivor_id'),
    dropForeignKeys: { profile_merges_merged_id_fkey: 'merged_id names another profile, which may live on another shard' },
  } as TableDistribution,
  // Looked up by identity before the profile is known: distributed by the identity's value.
  identities: {
    kind: 'distributed', by: 'value', colocateWith: 'identities',
    dropForeignKeys: { identities_profile_id_fkey: 'identities are placed by value, their profile by id: the shards differ' },
  },
  message_ids: { kind: 'distributed', by: 'message_id', colocateWith: 'message_ids' },
  erased_messages: { kind: 'distributed', by: 'message_hash', colocateWith: 'erased_messages' },
  erasures: { kind: 'distributed', by: 'identity_hash', colocateWith: 'erasures' },
  suppressions: { kind: 'distributed', by: 'identity_hash', colocateWith: 'erasures' },
  segments: reference,
  computed_traits: reference,
  placements: reference,
  placement_rules: reference,
  content_items: reference,
  products: reference,
  experiments: reference,
  experiment_holdout: reference,
  api_keys: reference,
  accounts: reference,
  webhooks: reference,
  privacy_settings: reference,
  churn_models: reference,
  value_models: reference,
  discovery_jobs: reference,
  scoring_runs: reference,
  item_similarities: reference,
  product_popularity: reference,
  recommendation_coverage: reference,
  segmentary_time_zones: reference,
  segment_product_popularity: reference,
  mikro_orm_migrations: { kind: 'local' },
  bench_meta: { kind: 'local' },
};

export interface DistributionViolation {
  table: string;
  rule: string;
}

interface TableFacts {
  name: string;
  columns: Set<string>;
  /** Column lists of the primary key, unique constraints and unique indexes. */
  keys: { name: string; primary: boolean; columns: string[] }[];
  foreignKeys: { name: string; columns: string[]; references: string; referencedColumns: string[] }[];
}

/** The layout of a table: declared, or per profile when it has a `profile_id` column; undefined when neither. */
export function distributionOf(table: TableFacts): TableDistribution | undefined {
  return DECLARED_DISTRIBUTION[table.name] ?? (table.columns.has('profile_id') ? perProfile() : undefined);
}

/** Reads the catalog of the database `db` is connected to and lists every rule a table breaks. */
export async function checkDistributable(db: Queryable): Promise<DistributionViolation[]> {
  const tables = await readTables(db);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const violations: DistributionViolation[] = [];
  for (const table of tables) {
    const layout = distributionOf(table);
    const fail = (rule: string) => violations.push({ table: table.name, rule });
    if (!layout) {
      fail('not classified: it has no profile_id column and is not declared in DECLARED_DISTRIBUTION (src/db/distribution.ts)');
      continue;
    }
    if (layout.kind === 'local') continue;
    if (layout.kind === 'distributed') {
      if (!table.columns.has(layout.by)) fail(`distribution column ${layout.by} does not exist`);
      if (!table.keys.some((k) => k.primary)) fail('has no primary key');
      for (const key of table.keys) if (!key.columns.includes(layout.by)) fail(`key ${key.name} (${key.columns.join(', ')}) does not include the distribution column ${layout.by}`);
    }
    for (const fk of table.foreignKeys) {
      if (layout.kind === 'distributed' && layout.dropForeignKeys?.[fk.name]) continue;
      const target = byName.get(fk.references);
      const targetLayout = target && distributionOf(target);
      const rule = foreignKeyRule(layout, fk, targetLayout);
      if (rule) fail(`foreign key ${fk.name} ${rule}`);
    }
  }
  return violations;
}

/** Why a foreign key cannot exist on Citus, or undefined when it can. */
function foreignKeyRule(from: TableDistribution, fk: TableFacts['foreignKeys'][number], to: TableDistribution | undefined): string | undefined {
  if (!to || to.kind === 'local') return `references ${fk.references}, which is not distributed nor a reference table`;
  if (to.kind === 'reference') return undefined;
  if (from.kind !== 'distributed') return `goes from a reference table to the distributed table ${fk.references}`;
  if (from.colocateWith !== to.colocateWith) return `joins ${fk.references}, which is not colocated (${from.colocateWith} vs ${to.colocateWith})`;
  const pairs = fk.columns.map((c, i) => [c, fk.referencedColumns[i]]);
  if (!pairs.some(([c, r]) => c === from.by && r === to.by)) return `(${fk.columns.join(', ')}) does not pair the distribution columns ${from.by} → ${fk.references}.${to.by}`;
  return undefined;
}

async function readTables(db: Queryable): Promise<TableFacts[]> {
  const { rows } = await db.query<{
    name: string;
    columns: string[];
    keys: { name: string; primary: boolean; columns: string[] }[];
    fks: { name: string; columns: string[]; references: string; referenced_columns: string[] }[];
  }>(`
    select c.relname as name,
           array(select a.attname::text from pg_attribute a where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped) as columns,
           coalesce((select json_agg(json_build_object('name', i.indexrelid::regclass::text, 'primary', i.indisprimary,
                                                       'columns', array(select a.attname from unnest(i.indkey) k join pg_attribute a on a.attrelid = c.oid and a.attnum = k)))
                       from pg_index i where i.indrelid = c.oid and i.indisunique), '[]') as keys,
           coalesce((select json_agg(json_build_object('name', k.conname, 'references', k.confrelid::regclass::text,
                                                       'columns', array(select a.attname from unnest(k.conkey) n join pg_attribute a on a.attrelid = c.oid and a.attnum = n),
                                                       'referenced_columns', array(select a.attname from unnest(k.confkey) n join pg_attribute a on a.attrelid = k.confrelid and a.attnum = n)))
                       from pg_constraint k where k.conrelid = c.oid and k.contype = 'f'), '[]') as fks
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
     order by c.relname`);
  return rows.map((r) => ({
    name: r.name,
    columns: new Set(r.columns),
    keys: r.keys,
    foreignKeys: r.fks.map((f) => ({ name: f.name, columns: f.columns, references: f.references, referencedColumns: f.referenced_columns })),
  }));
}

/** The Citus statements that lay the schema out (docs/scaling.md quotes them; a test keeps the two in step). */
export function citusStatements(tables: readonly string[]): string[] {
  const statements: string[] = [];
  const layouts = tables.map((name) => ({ name, layout: DECLARED_DISTRIBUTION[name] ?? perProfile() }));
  for (const { name, layout } of layouts) {
    if (layout.kind !== 'distributed') continue;
    for (const fk of Object.keys(layout.dropForeignKeys ?? {})) statements.push(`alter table ${name} drop constraint ${fk};`);
  }
  for (const { name, layout } of layouts) if (layout.kind === 'reference') statements.push(`select create_reference_table('${name}');`);
  // Each colocation group's first table anchors it; profiles goes first.
  const distributed = layouts.filter((l) => l.layout.kind === 'distributed').sort((a, b) => Number(b.name === 'profiles') - Number(a.name === 'profiles'));
  const anchors = new Map<string, string>();
  for (const { name, layout } of distributed) {
    if (layout.kind !== 'distributed') continue;
    const anchor = anchors.get(layout.colocateWith);
    statements.push(`select create_distributed_table('${name}', '${layout.by}'${anchor ? `, colocate_with => '${anchor}'` : ''});`);
    if (!anchor) anchors.set(layout.colocateWith, name);
  }
  return statements;
}
