import type { Segment } from '../segments';
import { isContentActive } from './content.mapper';
import type { ContentItem } from './content.types';
import type { CompiledPlacement, CompiledRule } from './personalization-cache';
import type { ExperimentServing } from './personalization.ports';
import type { Decision } from './placement.types';

export const REASON = {
  segment: 'segment',
  condition: 'condition',
  everyone: 'everyone',
  experiment: 'experiment',
  holdout: 'holdout',
  default: 'default',
  unknownUser: 'unknown user',
  noConsent: 'no personalization consent',
} as const;

/** What the decision statement found out about the user. */
export interface UserFacts {
  profileId: string | null;
  /** The request's identities (an experiment hashes one of them). */
  userId: string | null;
  anonymousId: string | null;
  /** Stored (or default) personalization consent, narrowed by the request's own context.consent. */
  consented: boolean;
  segmentIds: ReadonlySet<string>;
  /** Truth of each inline condition, indexed by `slots`. */
  conditions: readonly boolean[];
  slots: ReadonlyMap<string, number>;
}

type Exposure = { experiment: string; variant: string } | null;

/**
 * First enabled rule that matches and has active content wins; otherwise the default.
 * Experiment rules ask the experiments feature for the variant (which logs the exposure);
 * a variant mapped to no active content falls through to the next rule, keeping the
 * exposure on the decision so the frontend can report it.
 *
 * A first visit (no profile yet) is in no segment and meets no inline condition; content
 * rules are for known users, but experiment rules apply to it: the experiment's own
 * targeting decides, and its hash gives the variant without any profile.
 */
export async function decide(p: CompiledPlacement, facts: UserFacts, now: Date, experiments?: ExperimentServing): Promise<Decision> {
  const known = facts.profileId !== null;
  if (!facts.consented) return fallback(p, now, known ? REASON.noConsent : REASON.unknownUser, null);
  let exposure: Exposure = null;
  for (const rule of p.rules) {
    if (!known && !rule.experimentKey) continue;
    if (!matches(rule, facts)) continue;
    if (rule.content) {
      if (isContentActive(rule.content, now)) return chosen(p, rule, rule.content, reasonOf(rule), exposure);
      continue;
    }
    if (!rule.experimentKey || !experiments) continue;
    const served = await experiments.serve(rule.experimentKey, { profileId: facts.profileId, userId: facts.userId, anonymousId: facts.anonymousId });
    if (!served) continue;
    exposure = { experiment: served.experimentKey, variant: served.variant };
    const content = rule.variants.get(served.variant);
    if (content && isContentActive(content, now)) return chosen(p, rule, content, served.holdout ? REASON.holdout : REASON.experiment, exposure);
  }
  return fallback(p, now, known ? REASON.default : REASON.unknownUser, exposure);
}

function matches(rule: CompiledRule, facts: UserFacts): boolean {
  if (rule.segmentId) return facts.segmentIds.has(rule.segmentId);
  if (rule.condition) return !rule.broken && facts.conditions[facts.slots.get(rule.rule.id) ?? -1] === true;
  return true;
}

function reasonOf(rule: CompiledRule): string {
  if (rule.segmentId) return REASON.segment;
  return rule.condition ? REASON.condition : REASON.everyone;
}

function chosen(p: CompiledPlacement, rule: CompiledRule, content: ContentItem, reason: string, exposure: Exposure): Decision {
  const segment: Segment | null = rule.rule.segment;
  return {
    placement: p.placement.key,
    content,
    rule: rule.rule,
    segment,
    experiment: exposure?.experiment ?? null,
    variant: exposure?.variant ?? null,
    reason,
  };
}

function fallback(p: CompiledPlacement, now: Date, reason: string, exposure: Exposure): Decision {
  const content = p.placement.defaultContent;
  return {
    placement: p.placement.key,
    content: content && isContentActive(content, now) ? content : null,
    rule: null,
    segment: null,
    experiment: exposure?.experiment ?? null,
    variant: exposure?.variant ?? null,
    reason,
  };
}
