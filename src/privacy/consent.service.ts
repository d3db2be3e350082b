import type { Config } from '../config';
import type { Database, Queryable } from '../db';
import { NotFoundError, ValidationError, isUuid } from '../common';
import { canonicalIdentity } from '../profiles';
import type { IngestedBatch } from '../ingest';
import { MembershipCause, type MembershipWriter } from '../segments';
import { consentFromContext } from './consent-context';
import {
  APPLY_CONSENTS, CONSENT_HISTORY_OF, CONSENTS_OF, LOCK_PROFILE_BY_ID, LOCK_PROFILE_BY_IDENTITY, MOVE_CONSENTS_TO_SURVIVORS,
} from './consent.sql';
import { CONSENT_PURPOSES, ConsentPurpose, type Consent, type ConsentChange } from './consent.types';

const MAX_SOURCE = 200;

/** Which profile a choice is about: a profile id, or the user / anonymous id it is known by. */
export interface ProfileRef {
  profileId?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
}

/**
 * What is assumed when a profile recorded no choice. Marketing is opt-in (GDPR art. 6/7:
 * consent must be given, never presumed). Personalization defaults to granted, because
 * first-party tailoring of a site a person uses is commonly run under legitimate interest;
 * CONSENT_DEFAULT_PERSONALIZATION=false makes it opt-in too. Analytics is recorded only.
 */
export type ConsentDefaults = Record<ConsentPurpose, boolean>;

export function consentDefaults(config: Pick<Config, 'consent'>): ConsentDefaults {
  return { analytics: true, personalization: config.consent.defaultPersonalization, marketing: false };
}

interface ChoiceRow {
  profile_id: string;
  purpose: ConsentPurpose;
  granted: boolean;
  source: string;
  at: string;
  forced: boolean;
}

/**
 * Consent per profile and purpose: set by the API or carried by ingested events
 * (`context.consent`), kept with its history, and applied to MARKETING segment
 * membership in the same transaction as the change.
 */
export class ConsentService {
  constructor(private readonly db: Database, private readonly memberships: MembershipWriter, readonly defaults: ConsentDefaults) {}

  async set(ref: ProfileRef, purpose: ConsentPurpose, granted: boolean, sourceArg: string): Promise<Consent> {
    const source = sourceArg.trim();
    if (!source || source.length > MAX_SOURCE) throw new ValidationError(`must be 1–${MAX_SOURCE} characters`, 'source');
    if (!CONSENT_PURPOSES.includes(purpose)) throw new ValidationError(`must be one of ${CONSENT_PURPOSES.join(', ')}`, 'purpose');
    checkRef(ref);
    return this.db.transaction(async (tx) => {
      const profileId = await lockProfile(tx, ref);
      const row: ChoiceRow = { profile_id: profileId, purpose, granted, source, at: new Date().toISOString(), forced: true };
      await this.applyIn(tx, [row]);
      const { rows } = await tx.query(`${CONSENTS_OF} and purpose = $2`, [[profileId], purpose]);
      return this.toConsent(profileId, purpose, rows[0]);
    });
  }

  /** Every purpose for each profile, recorded or defaulted; one statement. */
  async ofProfiles(profileIds: readonly string[]): Promise<Consent[][]> {
    const { rows } = await this.db.query(CONSENTS_OF, [profileIds]);
    const recorded = new Map(rows.map((r) => [`${r.profile_id}|${r.purpose}`, r]));
    return profileIds.map((id) => CONSENT_PURPOSES.map((purpose) => this.toConsent(id, purpose, recorded.get(`${id}|${purpose}`))));
  }

  /** Every change for each profile, newest first; one statement. */
  /** The recorded choice for one purpose, or the server default when none is recorded. */
  async allows(profileId: string, purpose: ConsentPurpose): Promise<boolean> {
    const [consents] = await this.ofProfiles([profileId]);
    return consents.find((c) => c.purpose === purpose)?.granted ?? this.defaults[purpose];
  }

  async historyOf(profileIds: readonly string[]): Promise<ConsentChange[][]> {
    const { rows } = await this.db.query(CONSENT_HISTORY_OF, [profileIds]);
    const groups = new Map<string, ConsentChange[]>(profileIds.map((id) => [id, []]));
    for (const r of rows) groups.get(r.profile_id)?.push({ id: String(r.id), purpose: r.purpose, granted: r.granted, source: r.source, at: r.at });
    return profileIds.map((id) => groups.get(id) ?? []);
  }

  /**
   * Ingestion hook (inside the ingestion transaction, before segments re-evaluate):
   * merged profiles hand over their consents, then choices in `context.consent` apply.
   */
  async onStored(tx: Queryable, batch: IngestedBatch): Promise<void> {
    if (batch.merges.length) {
      const survivors = finalSurvivors(batch.merges);
      await tx.query(MOVE_CONSENTS_TO_SURVIVORS, [[...survivors.keys()], [...survivors.values()]]);
    }
    const latest = new Map<string, ChoiceRow>();
    for (const { profileId, event } of batch.events) {
      for (const [purpose, granted] of Object.entries(consentFromContext(event.context))) {
        const key = `${profileId}|${purpose}`;
        const at = event.occurredAt.toISOString();
        const previous = latest.get(key);
        if (previous && previous.at > at) continue;
        latest.set(key, { profile_id: profileId, purpose: purpose as ConsentPurpose, granted, source: `event ${event.messageId}`, at, forced: false });
      }
    }
    if (latest.size) await this.applyIn(tx, [...latest.values()]);
  }

  /** Writes the choices; profiles whose marketing consent changed are re-checked against MARKETING segments. */
  private async applyIn(tx: Queryable, choices: ChoiceRow[]): Promise<void> {
    const { rows } = await tx.query<{ profile_id: string; purpose: string }>(APPLY_CONSENTS, [JSON.stringify(choices)]);
    const marketing = rows.filter((r) => r.purpose === ConsentPurpose.MARKETING).map((r) => r.profile_id);
    if (marketing.length) await this.reevaluateMarketingSegments(tx, marketing);
  }

  /** The real-time membership check (same compiled SQL as batch) for segments that depend on marketing consent × these profiles. */
  private async reevaluateMarketingSegments(tx: Queryable, profileIds: string[]): Promise<void> {
    const segmentIds = await this.memberships.dependingOnMarketingConsent(tx);
    const pairs = segmentIds.flatMap((segmentId) => profileIds.map((profileId) => ({ segmentId, profileId })));
    await this.memberships.reevaluate(tx, pairs, MembershipCause.CONSENT);
  }

  private toConsent(profileId: string, purpose: ConsentPurpose, row: Record<string, unknown> | undefined): Consent {
    if (!row) return { profileId, purpose, granted: this.defaults[purpose], isDefault: true, source: null, updatedAt: null };
    return { profileId, purpose, granted: row.granted as boolean, isDefault: false, source: row.source as string, updatedAt: row.updated_at as Date };
  }
}

function checkRef(ref: ProfileRef): void {
  if (!ref.profileId && !ref.userId && !ref.anonymousId) throw new ValidationError('give profileId, userId or anonymousId', 'userId');
  if (ref.profileId && (ref.userId || ref.anonymousId)) throw new ValidationError('give either profileId or userId/anonymousId, not both', 'profileId');
  if (ref.profileId && !isUuid(ref.profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
}

/** Resolves the reference to a live profile, locking it so a concurrent merge waits for this change. */
async function lockProfile(tx: Queryable, ref: ProfileRef): Promise<string> {
  if (ref.profileId) {
    const { rows } = await tx.query<{ id: string }>(LOCK_PROFILE_BY_ID, [ref.profileId]);
    if (rows[0]) return rows[0].id;
    throw new NotFoundError(`No profile ${ref.profileId}`, { profileId: ref.profileId });
  }
  for (const [kind, value] of [['user_id', ref.userId], ['anonymous_id', ref.anonymousId]] as const) {
    if (!value) continue;
    const { rows } = await tx.query<{ id: string }>(LOCK_PROFILE_BY_IDENTITY, [kind, canonicalIdentity(kind, value)]);
    if (rows[0]) return rows[0].id;
  }
  // Consent for someone never seen arrives with their first event (context.consent) instead.
  throw new NotFoundError('No profile with that userId or anonymousId; send the choice in context.consent of an event', {
    userId: ref.userId ?? null,
    anonymousId: ref.anonymousId ?? null,
  });
}

/** merged id → the profile it finally folded into within this batch (merges may chain). */
function finalSurvivors(merges: IngestedBatch['merges']): Map<string, string> {
  const next = new Map(merges.map((m) => [m.merged, m.survivor]));
  const final = new Map<string, string>();
  for (const merged of next.keys()) {
    let survivor = next.get(merged)!;
    for (let hops = 0; next.has(survivor) && hops < merges.length; hops++) survivor = next.get(survivor)!;
    final.set(merged, survivor);
  }
  return final;
}
