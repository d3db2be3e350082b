import { NotFoundError, ValidationError } from '../common';
import { computedKeysOf, validateCondition, type SegmentCondition, type Segment } from '../segments';
import type { Problems } from './validation';

export const MAX_RULES = 100;

/** A rule as a client sends it (GraphQL input or plain object). */
export interface RuleInput {
  segment?: string | null;
  condition?: unknown;
  content?: string | null;
  experiment?: string | null;
  variantContent?: unknown;
  enabled?: boolean | null;
}

/** A checked rule, ready for INSERT_RULES. */
export interface RuleRow {
  position: number;
  segment_id: string | null;
  condition: SegmentCondition | null;
  content_id: string | null;
  experiment_key: string | null;
  variant_content: Record<string, string> | null;
  enabled: boolean;
}

export interface RuleLookups {
  segments: Map<string, Segment>;
  /** The computed traits that exist, by key (conditions may read only those). */
  computedKeys: ReadonlySet<string>;
  /** content key → id and whether it is archived; keys absent here do not exist */
  content: Map<string, { id: string; archived: boolean }>;
  /** experiment key → its variant keys (null: no such experiment); the whole map is null when experiments are unavailable */
  experiments: Map<string, string[] | null> | null;
}

/** Every content key an input mentions, so they can be looked up in one statement. */
export function referencedContentKeys(defaultContent: string | null | undefined, rules: RuleInput[]): string[] {
  const keys = new Set<string>();
  if (defaultContent) keys.add(defaultContent);
  for (const r of rules) {
    if (typeof r.content === 'string') keys.add(r.content);
    if (isObject(r.variantContent)) for (const v of Object.values(r.variantContent)) if (typeof v === 'string') keys.add(v);
  }
  return [...keys];
}

export function checkContentRef(key: string, path: string, lookups: RuleLookups, problems: Problems): string | null {
  const ref = lookups.content.get(key);
  if (!ref) problems.add(path, `unknown content item "${key}"`);
  else if (ref.archived) problems.add(path, `content item "${key}" is archived`);
  return ref && !ref.archived ? ref.id : null;
}

export function checkRules(rules: RuleInput[], lookups: RuleLookups, problems: Problems): RuleRow[] {
  if (rules.length > MAX_RULES) problems.add('rules', `at most ${MAX_RULES} rules`);
  return rules.map((rule, position) => checkRule(rule, position, lookups, problems));
}

function checkRule(rule: RuleInput, position: number, lookups: RuleLookups, problems: Problems): RuleRow {
  const path = `rules[${position}]`;
  const row: RuleRow = {
    position, segment_id: null, condition: null, content_id: null, experiment_key: null, variant_content: null, enabled: rule.enabled ?? true,
  };
  if (rule.segment != null && rule.condition != null) problems.add(`${path}.condition`, 'give either segment or condition, not both');
  if (rule.segment != null) {
    const segment = lookups.segments.get(rule.segment);
    if (segment) row.segment_id = segment.id;
    else problems.add(`${path}.segment`, `unknown segment "${rule.segment}"`);
  }
  if (rule.condition != null) row.condition = checkCondition(rule.condition, `${path}.condition`, lookups, problems);
  if ((rule.content == null) === (rule.experiment == null)) {
    problems.add(`${path}.content`, 'give exactly one of content or experiment');
  } else if (rule.content != null) {
    row.content_id = checkContentRef(rule.content, `${path}.content`, lookups, problems);
    if (rule.variantContent != null) problems.add(`${path}.variantContent`, 'only experiment rules map variants to content');
  } else {
    row.experiment_key = rule.experiment!;
    row.variant_content = checkExperiment(rule, path, lookups, problems);
  }
  return row;
}

/** The same validator and compiler as stored segments; a reference to an unknown segment is reported here. */
function checkCondition(input: unknown, path: string, lookups: RuleLookups, problems: Problems): SegmentCondition | null {
  try {
    const definition = validateCondition(input, path);
    // Compiling finds unknown segments and refused leaves, and says which computed traits it reads.
    const unknown = computedKeysOf(definition, lookups.segments).filter((key) => !lookups.computedKeys.has(key));
    if (unknown.length) {
      problems.add(path, `refers to an unknown computed trait: ${unknown.join(', ')}`);
      return null;
    }
    return definition;
  } catch (e) {
    if (e instanceof NotFoundError) problems.add(path, `refers to an unknown segment: ${e.message}`);
    else if (e instanceof ValidationError && !e.details.problems) problems.add(e.path ?? path, e.path ? e.message.replace(`${e.path}: `, '') : e.message);
    else problems.addAll(e);
    return null;
  }
}

function checkExperiment(rule: RuleInput, path: string, lookups: RuleLookups, problems: Problems): Record<string, string> | null {
  const key = rule.experiment!;
  const variants = lookups.experiments ? lookups.experiments.get(key) : undefined;
  if (lookups.experiments === null) problems.add(`${path}.experiment`, 'experiments are not available on this server');
  else if (!variants) problems.add(`${path}.experiment`, `unknown experiment "${key}"`);
  if (!isObject(rule.variantContent) || !Object.keys(rule.variantContent).length) {
    problems.add(`${path}.variantContent`, 'map at least one variant key to a content item key');
    return null;
  }
  const mapping: Record<string, string> = {};
  for (const [variant, contentKey] of Object.entries(rule.variantContent)) {
    const at = `${path}.variantContent.${variant}`;
    if (variants && !variants.includes(variant)) problems.add(at, `experiment "${key}" has no variant "${variant}" (it has ${variants.join(', ')})`);
    if (typeof contentKey !== 'string') problems.add(at, 'must be a content item key');
    else if (checkContentRef(contentKey, at, lookups, problems)) mapping[variant] = contentKey;
  }
  return mapping;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
