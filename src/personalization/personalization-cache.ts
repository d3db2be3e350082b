import { type Queryable, SqlParams } from '../db';
import { NotFoundError } from '../common';
import { compileCondition, type SegmentCondition, type SegmentCatalog, type Segment } from '../segments';
import { toContentItem } from './content.mapper';
import type { ContentItem } from './content.types';
import { buildDecisionStatement, type DecisionStatement } from './decision.sql';
import type { Placement, PlacementRule } from './placement.types';
import { LOAD_PLACED_CONTENT, LOAD_PLACEMENTS } from './placements.sql';

/** A rule ready to decide with: everything it points at resolved from memory. */
export interface CompiledRule {
  rule: PlacementRule;
  segmentId: string | null;
  /** Inline condition; null when the rule has none. */
  condition: SegmentCondition | null;
  /** The condition no longer compiles (a segment it names was deleted): the rule never matches. */
  broken: boolean;
  content: ContentItem | null;
  experimentKey: string | null;
  /** variant key → content item */
  variants: Map<string, ContentItem>;
}

export interface CompiledPlacement {
  placement: Placement;
  /** Enabled rules, in order. */
  rules: CompiledRule[];
}

const MAX_STATEMENTS = 1000;

/** One consistent view of every placement, and the decision statements built from it. */
export class PersonalizationSnapshot {
  private readonly statements = new Map<string, DecisionStatement>();

  constructor(
    readonly placements: Map<string, CompiledPlacement>,
    readonly segments: Map<string, Segment>,
    readonly segmentsById: Map<string, Segment>,
  ) {}

  placement(key: string): CompiledPlacement {
    const placement = this.placements.get(key);
    if (!placement) throw new NotFoundError(`No placement "${key}"`, { placement: key });
    return placement;
  }

  /** The statement for this set of placements, built on first use. */
  statementFor(placements: CompiledPlacement[]): DecisionStatement {
    const cacheKey = placements.map((p) => p.placement.key).join('\n');
    let statement = this.statements.get(cacheKey);
    if (!statement) {
      const conditions = placements.flatMap((p) => p.rules.filter((r) => r.condition && !r.broken).map((r) => ({ ruleId: r.rule.id, definition: r.condition! })));
      statement = buildDecisionStatement(conditions, this.segments);
      if (this.statements.size >= MAX_STATEMENTS) this.statements.clear();
      this.statements.set(cacheKey, statement);
    }
    return statement;
  }
}

/**
 * Placements, rules and the content they can show, held in memory per instance because
 * every decision reads them. Dropped when this instance edits them, when another does
 * (NOTIFY `segmentary_personalization`), and whenever the segment catalog changes (inline
 * conditions inline other segments' definitions).
 */
export class PersonalizationCache {
  private loading?: Promise<PersonalizationSnapshot>;
  private loadedFor?: Map<string, Segment>;

  constructor(private readonly db: Queryable, private readonly catalog: SegmentCatalog) {}

  invalidate(): void {
    this.loading = undefined;
  }

  async snapshot(): Promise<PersonalizationSnapshot> {
    const segments = await this.catalog.byKey();
    if (!this.loading || this.loadedFor !== segments) {
      this.loadedFor = segments;
      const loading = this.load(segments);
      this.loading = loading;
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async load(segments: Map<string, Segment>): Promise<PersonalizationSnapshot> {
    const [placementRows, contentRows] = await Promise.all([this.db.query(LOAD_PLACEMENTS), this.db.query(LOAD_PLACED_CONTENT)]);
    const content = contentRows.rows.map(toContentItem);
    const contentById = new Map(content.map((c) => [c.id, c]));
    const contentByKey = new Map(content.map((c) => [c.key, c]));
    const segmentsById = new Map([...segments.values()].map((s) => [s.id, s]));
    const placements = new Map<string, CompiledPlacement>();
    for (const row of placementRows.rows) {
      const rules = (row.rules as RuleRecord[]).map((r) => compileRule(r, { contentById, contentByKey, segments, segmentsById }));
      const placement: Placement = {
        id: row.id,
        key: row.key,
        description: row.description,
        defaultContent: contentById.get(row.default_content_id) ?? null,
        rules: rules.map((r) => r.rule),
        version: row.version,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      placements.set(placement.key, { placement, rules: rules.filter((r) => r.rule.enabled) });
    }
    return new PersonalizationSnapshot(placements, segments, segmentsById);
  }
}

interface RuleRecord {
  id: string;
  position: number;
  segment_id: string | null;
  condition: Record<string, unknown> | null;
  content_id: string | null;
  experiment_key: string | null;
  variant_content: Record<string, string> | null;
  enabled: boolean;
}

interface Resolvers {
  contentById: Map<string, ContentItem>;
  contentByKey: Map<string, ContentItem>;
  segments: Map<string, Segment>;
  segmentsById: Map<string, Segment>;
}

function compileRule(r: RuleRecord, x: Resolvers): CompiledRule {
  const variants = new Map<string, ContentItem>();
  for (const [variant, key] of Object.entries(r.variant_content ?? {})) {
    const item = x.contentByKey.get(key);
    if (item) variants.set(variant, item);
  }
  const content = r.content_id ? (x.contentById.get(r.content_id) ?? null) : null;
  const rule: PlacementRule = {
    id: r.id,
    position: r.position,
    segment: r.segment_id ? (x.segmentsById.get(r.segment_id) ?? null) : null,
    condition: r.condition,
    content,
    experiment: r.experiment_key,
    variantContent: r.variant_content,
    enabled: r.enabled,
  };
  const condition = r.condition as unknown as SegmentCondition | null;
  return { rule, segmentId: r.segment_id, condition, broken: !!condition && !compiles(condition, x.segments), content, experimentKey: r.experiment_key, variants };
}

function compiles(condition: SegmentCondition, segments: Map<string, Segment>): boolean {
  try {
    const params = new SqlParams();
    compileCondition(condition, segments, params, params.add(new Date()));
    return true;
  } catch {
    return false;
  }
}
