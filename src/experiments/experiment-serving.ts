import { NotFoundError, ValidationError, isUuid } from '../common';
import type { Database, Queryable } from '../db';
import type { IngestedBatch } from '../ingest';
import { positionOf, variantAt } from './bucketing';
import { HOLDOUT_VARIANT, isHeldOut } from './experiment-holdout';
import type { ExperimentTargeting } from './experiment-targeting';
import { ExperimentStatus, HashingUnit } from './experiments.types';
import { DELETE_MERGED, IS_MEMBER, MOVE_ASSIGNMENTS, MOVE_EXPOSURES, RECORD_ASSIGNMENT, RECORD_EXPOSURE, serveFactsSql, type SubjectLookup } from './experiments.sql';
import { RUNNING_EXPERIMENTS, type ServingCatalog, type ServingExperiment } from './serving-catalog';

/** Whom a variant is for: any of a profile id, a user id and an anonymous id (a first visit has only the last). */
export interface ExperimentSubject {
  profileId?: string | null;
  userId?: string | null;
  anonymousId?: string | null;
}

/** A variant served: `holdout` when the visitor is in the global holdout and gets the control. */
export interface ServedVariant {
  experimentKey: string;
  variant: string;
  holdout: boolean;
}

/** Segment's A/B testing spec: the event a frontend sends when it shows a variant. */
export const EXPERIMENT_VIEWED = 'Experiment Viewed';

/** What SERVE_FACTS finds out about the subject. */
interface SubjectFacts {
  profile_id: string | null;
  assigned: string | null;
  targeted: boolean;
}

const FIRST_VISIT: SubjectFacts = { profile_id: null, assigned: null, targeted: false };

/**
 * Serving: which variant a subject gets, sticky once recorded, and the exposures ingestion
 * records. Stateless: any number of instances agree on every variant because the hash decides
 * and the first decision is persisted.
 */
export class ExperimentServing {
  constructor(private readonly db: Database, private readonly targeting: ExperimentTargeting, readonly catalog: ServingCatalog) {}

  /**
   * The variant of a subject: the one recorded for its profile, else the hash of the
   * experiment's hashing unit; recorded (and, with `expose`, the exposure logged once) when a
   * profile exists. A first visit's variant comes from the hash alone, with one read and no
   * write. Null when the experiment is not RUNNING, the subject lacks the hashing unit, is
   * outside the coverage, or outside the targeting (checked on every call; a first visit meets
   * no targeting). Someone in the global holdout is served the control, flagged `holdout`.
   * The experiment comes from the in-memory catalog; the one read is about the subject.
   */
  async decide(experimentKey: string, subject: ExperimentSubject, expose: boolean): Promise<ServedVariant | null> {
    if (subject.profileId != null && !isUuid(subject.profileId)) throw new ValidationError('is not a profile id (UUID)', 'profileId');
    const experiment = await this.catalog.find(experimentKey);
    if (!experiment) throw new NotFoundError(`No experiment "${experimentKey}"`, { experiment: experimentKey });
    if (experiment.status !== ExperimentStatus.RUNNING) return null;
    const facts = await this.factsOf(subject, experiment);
    if (!(await this.isTargeted(experiment, facts))) return null;
    let recorded = facts.assigned;
    if (!recorded || expose) {
      recorded ??= chooseVariant(experiment, unitValue(experiment.hashing_unit, subject, facts.profile_id));
      if (recorded !== null && facts.profile_id) {
        const record = [facts.profile_id, experiment.id, recorded];
        recorded = expose ? await persist(this.db, RECORD_EXPOSURE, [...record, null]) : await persist(this.db, RECORD_ASSIGNMENT, record);
      }
    }
    return recorded === null ? null : served(experiment, recorded);
  }

  /** The subject's profile, recorded assignment and segment membership, by the first identity it gives (profile id, user id, anonymous id). */
  private async factsOf(subject: ExperimentSubject, experiment: ServingExperiment): Promise<SubjectFacts> {
    const lookup: SubjectLookup | null = subject.profileId ? 'profile' : subject.userId ? 'user' : subject.anonymousId ? 'anonymous' : null;
    if (!lookup) return FIRST_VISIT;
    const values: unknown[] = [subject.profileId || subject.userId || subject.anonymousId, experiment.id];
    if (lookup === 'user') values.push(subject.anonymousId ?? null);
    if (experiment.targeting_segment_id) values.push(experiment.targeting_segment_id);
    const segment = experiment.targeting_segment_id !== null;
    const { rows } = await this.db.query<SubjectFacts>(serveFactsSql(lookup, segment), values, `experiment-facts-${lookup}${segment ? '-segment' : ''}`);
    return rows[0] ?? FIRST_VISIT;
  }

  /** Everyone when the experiment has no targeting; else a profile in its segment or meeting its condition (a first visit meets neither). */
  private async isTargeted(experiment: ServingExperiment, facts: SubjectFacts): Promise<boolean> {
    if (experiment.targeting_segment_id === null && experiment.targeting_condition === null) return true;
    if (facts.profile_id === null || !facts.targeted) return false;
    return this.targeting.meets(this.db, experiment.targeting_condition, facts.profile_id);
  }

  /**
   * Ingestion hook: a merged profile's assignments and exposures follow its events to the
   * survivor, and `Experiment Viewed` events record exposures.
   */
  async onStored(tx: Queryable, batch: Pick<IngestedBatch, 'merges' | 'events'>): Promise<void> {
    await moveMerged(tx, batch);
    await this.recordViewed(tx, batch);
  }

  /**
   * `Experiment Viewed` (Segment's A/B testing spec, `experiment_id` = our key) records the
   * exposure of the event's profile at the event's time, with the variant the server assigns
   * (the one recorded, else the hash of the event's hashing unit; the holdout for someone
   * held out): a client's own `variation_id` is not trusted. Events for experiments not
   * running, outside the coverage or the targeting record nothing.
   */
  private async recordViewed(tx: Queryable, batch: Pick<IngestedBatch, 'events'>): Promise<void> {
    const viewed = batch.events.filter(({ event }) => event.name === EXPERIMENT_VIEWED && typeof event.properties.experiment_id === 'string');
    if (!viewed.length) return;
    // Read inside the transaction, not from the catalog: what is recorded follows the experiment as committed.
    const { rows } = await tx.query<ServingExperiment>(RUNNING_EXPERIMENTS, [[...new Set(viewed.map(({ event }) => event.properties.experiment_id as string))]]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const { profileId, event } of viewed) {
      const experiment = byKey.get(event.properties.experiment_id as string);
      if (!experiment) continue;
      if (experiment.targeting_segment_id && !(await tx.query(IS_MEMBER, [experiment.targeting_segment_id, profileId])).rowCount) continue;
      if (!(await this.targeting.meets(tx, experiment.targeting_condition, profileId))) continue;
      const idOf = (kind: string) => event.identities.find((i) => i.kind === kind)?.value ?? null;
      const variant = chooseVariant(experiment, unitValue(experiment.hashing_unit, { userId: idOf('user_id'), anonymousId: idOf('anonymous_id') }, profileId));
      // A recorded assignment wins over `variant` inside the statement.
      if (variant !== null) await persist(tx, RECORD_EXPOSURE, [profileId, experiment.id, variant, event.occurredAt]);
    }
  }
}

async function moveMerged(tx: Queryable, batch: Pick<IngestedBatch, 'merges'>): Promise<void> {
  // In order: a chain A→B, B→C in one batch must end with everything on C.
  for (const { survivor, merged } of batch.merges) {
    await tx.query(MOVE_ASSIGNMENTS, [survivor, merged]);
    await tx.query(MOVE_EXPOSURES, [survivor, merged]);
    await tx.query(DELETE_MERGED, [merged]);
  }
}

/** Runs RECORD_ASSIGNMENT or RECORD_EXPOSURE with its values ((profile, experiment, variant[, exposed at])) until one holds. */
async function persist(q: Queryable, record: string, values: unknown[]): Promise<string> {
  const [profileId, experimentId] = values;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const { rows } = await q.query<{ variant: string }>(record, values);
    if (rows[0]) return rows[0].variant;
    // A concurrent first assignment committed after this statement's snapshot: the next pass reads it.
  }
  throw new Error(`could not record the assignment of profile ${profileId} to experiment ${experimentId}`);
}

/** A recorded variant as served: the holdout gets the control's experience. */
function served(experiment: ServingExperiment, recorded: string): ServedVariant {
  if (recorded !== HOLDOUT_VARIANT) return { experimentKey: experiment.key, variant: recorded, holdout: false };
  const control = experiment.variants.find((v) => v.control) ?? experiment.variants[0];
  return { experimentKey: experiment.key, variant: control.key, holdout: true };
}

/** The value of the experiment's hashing unit for this subject, if it has one. */
function unitValue(unit: HashingUnit, subject: ExperimentSubject, profileId: string | null): string | null {
  if (unit === HashingUnit.ANONYMOUS_ID) return subject.anonymousId || null;
  if (unit === HashingUnit.USER_ID) return subject.userId || null;
  return profileId;
}

/**
 * What a unit value gets when nothing is recorded: the holdout (checked first, as GrowthBook
 * does, so the held-out share is of all eligible traffic), else the variant its hash gives,
 * or null without a unit value or outside the coverage.
 */
function chooseVariant(row: ServingExperiment, value: string | null): string | null {
  if (value === null) return null;
  if (isHeldOut(row.holdout, value)) return HOLDOUT_VARIANT;
  return variantAt(row.hashing, row.variants, positionOf(row.hashing, row.seed, value), row.coverage)?.key ?? null;
}
