import { CONSENT_PURPOSES, type ConsentPurpose } from './consent.types';

export type ConsentChoices = Partial<Record<ConsentPurpose, boolean>>;

/**
 * Reads the consent a message carries in `context.consent`, in either shape:
 *   Segment's Consent Management: { categoryPreferences: { Personalization: true, Marketing: false } }
 *   the simple form:              { personalization: true, marketing: false }
 * Category names match our purposes case-insensitively; other categories and
 * non-boolean values are ignored (a tracking SDK must never fail on them).
 */
export function consentFromContext(context: unknown): ConsentChoices {
  const consent = asObject(asObject(context)?.consent);
  if (!consent) return {};
  const preferences = asObject(consent.categoryPreferences) ?? consent;
  const choices: ConsentChoices = {};
  for (const [name, value] of Object.entries(preferences)) {
    const purpose = CONSENT_PURPOSES.find((p) => p === name.toLowerCase());
    if (purpose && typeof value === 'boolean') choices[purpose] = value;
  }
  return choices;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
