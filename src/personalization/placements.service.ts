import type { Database, Queryable } from '../db';
import { ConflictError, NotFoundError } from '../common';
import type { SegmentCatalog } from '../segments';
import { NOTIFY_PERSONALIZATION_CHANGED } from './content.sql';
import type { PersonalizationCache } from './personalization-cache';
import type { ExperimentServing } from './personalization.ports';
import { checkContentRef, checkRules, referencedContentKeys, type RuleInput, type RuleLookups, type RuleRow } from './placement-validation';
import type { Placement } from './placement.types';
import { COMPUTED_TRAIT_KEYS, CONTENT_REFS, DELETE_RULES, INSERT_PLACEMENT, INSERT_RULES, LOCK_PLACEMENT, UPDATE_PLACEMENT } from './placements.sql';
import { KEY_PATTERN, Problems } from './validation';

const MAX_DESCRIPTION = 1000;

export interface PlacementInput {
  key: string;
  description?: string | null;
  /** Content item key. */
  defaultContent?: string | null;
  rules?: RuleInput[];
}

/** Absent fields keep their value; `rules`, when given, replaces the whole ordered list. */
export type PlacementPatch = Partial<Omit<PlacementInput, 'key'>>;

interface Prepared {
  description: string | null;
  defaultContentId: string | null;
  rules: RuleRow[] | undefined;
}

/**
 * Placements and their ordered rules. Every change is validated as a whole (all problems
 * reported with their paths) and written in one transaction that NOTIFYs the other instances.
 */
export class PlacementsService {
  constructor(
    private readonly db: Database,
    private readonly cache: PersonalizationCache,
    private readonly catalog: SegmentCatalog,
    private readonly experiments?: ExperimentServing,
  ) {}

  async list(): Promise<Placement[]> {
    return [...(await this.cache.snapshot()).placements.values()].map((p) => p.placement);
  }

  async get(key: string): Promise<Placement | null> {
    return (await this.cache.snapshot()).placements.get(key)?.placement ?? null;
  }

  async create(input: PlacementInput): Promise<Placement> {
    const problems = new Problems();
    if (!KEY_PATTERN.test(input.key)) problems.add('key', 'must be 1–64 characters of a-z, 0-9, _ . - starting with a letter or digit');
    const prepared = await this.prepare({ ...input, rules: input.rules ?? [] }, problems);
    await this.write(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(INSERT_PLACEMENT, [input.key, prepared.description, prepared.defaultContentId]);
      if (!rows[0]) throw new ConflictError(`A placement with key "${input.key}" exists`, { key: input.key });
      await tx.query(INSERT_RULES, [rows[0].id, JSON.stringify(prepared.rules)]);
    });
    return (await this.get(input.key))!;
  }

  async update(key: string, patch: PlacementPatch): Promise<Placement> {
    const current = await this.get(key);
    if (!current) throw new NotFoundError(`No placement "${key}"`, { placement: key });
    const problems = new Problems();
    const prepared = await this.prepare(
      { description: patch.description === undefined ? current.description : patch.description, defaultContent: patch.defaultContent, rules: patch.rules ?? undefined },
      problems,
      current.defaultContent?.id ?? null,
    );
    await this.write(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(LOCK_PLACEMENT, [key]);
      if (!rows[0]) throw new NotFoundError(`No placement "${key}"`, { placement: key });
      await tx.query(UPDATE_PLACEMENT, [rows[0].id, prepared.description, prepared.defaultContentId]);
      if (prepared.rules) {
        await tx.query(DELETE_RULES, [rows[0].id]);
        await tx.query(INSERT_RULES, [rows[0].id, JSON.stringify(prepared.rules)]);
      }
    });
    return (await this.get(key))!;
  }

  /** Checks everything against current segments, content and experiments; throws every problem at once. */
  private async prepare(input: PlacementPatch, problems: Problems, currentDefaultId: string | null = null): Promise<Prepared> {
    const description = input.description?.trim() || null;
    if (description && description.length > MAX_DESCRIPTION) problems.add('description', `must be at most ${MAX_DESCRIPTION} characters`);
    const lookups = await this.lookups(input);
    const defaultContentId =
      input.defaultContent === undefined
        ? currentDefaultId
        : input.defaultContent
          ? checkContentRef(input.defaultContent, 'defaultContent', lookups, problems)
          : null;
    const rules = input.rules ? checkRules(input.rules, lookups, problems) : undefined;
    problems.throwIfAny();
    return { description, defaultContentId, rules };
  }

  private async lookups(input: PlacementPatch): Promise<RuleLookups> {
    const rules = input.rules ?? [];
    const contentKeys = referencedContentKeys(input.defaultContent, rules);
    const experimentKeys = [...new Set(rules.map((r) => r.experiment).filter((k): k is string => typeof k === 'string'))];
    const [segments, contentRows, experiments, computed] = await Promise.all([
      this.catalog.byKey(),
      contentKeys.length ? this.db.query(CONTENT_REFS, [contentKeys]).then((r) => r.rows) : [],
      this.experimentVariants(experimentKeys),
      this.db.query<{ key: string }>(COMPUTED_TRAIT_KEYS).then((r) => r.rows),
    ]);
    const content = new Map(contentRows.map((r) => [r.key as string, { id: r.id as string, archived: !!r.archived_at }]));
    return { segments, content, experiments, computedKeys: new Set(computed.map((r) => r.key)) };
  }

  private async experimentVariants(keys: string[]): Promise<RuleLookups['experiments']> {
    const experiments = this.experiments;
    if (!experiments) return keys.length ? null : new Map();
    return new Map(await Promise.all(keys.map(async (k) => [k, await experiments.variantsOf(k)] as const)));
  }

  private async write(work: (tx: Queryable) => Promise<void>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await work(tx);
      await tx.query(NOTIFY_PERSONALIZATION_CHANGED, ['placements']);
    });
    this.cache.invalidate();
  }
}
