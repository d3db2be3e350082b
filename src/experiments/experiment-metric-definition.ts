import { ValidationError } from '../common';
import { validateEventFilters, type EventPropertyFilters } from '../segments';

/**
 * What an experiment measures per exposed user, in a window after the exposure:
 * - CONVERSION: did the event (passing the filters) happen; compared as proportions;
 * - REVENUE: the net revenue of the orders completed (refunds and cancellations deducted);
 * - MEAN: the count of the event, or the sum of a numeric property of it.
 * REVENUE and MEAN are compared as means (Welch), with CUPED over the pre-exposure window.
 */
export enum MetricKind {
  CONVERSION = 'CONVERSION',
  REVENUE = 'REVENUE',
  MEAN = 'MEAN',
}

export interface ExperimentMetric {
  kind: MetricKind;
  /** The event (CONVERSION, MEAN); null for REVENUE, which reads orders. */
  event: string | null;
  /** MEAN: the numeric property summed (dot path); null: count the events. */
  property: string | null;
  /** Property filters on the event, as an event leaf's `where`. */
  where: EventPropertyFilters;
  windowDays: number;
  /** Days before the exposure of the same metric, CUPED's covariate (0: none; always 0 for CONVERSION). */
  preWindowDays: number;
}

/** An experiment's stored metrics: one primary, any number of guardrails (at most MAX_GUARDRAILS). */
export interface ExperimentMetrics {
  primary: ExperimentMetric | null;
  guardrails: ExperimentMetric[];
}

export const NO_METRICS: ExperimentMetrics = { primary: null, guardrails: [] };
export const MAX_GUARDRAILS = 10;
const MAX_DAYS = 365;
const DEFAULT_DAYS = 14;
const PROPERTY_PATH = /^[A-Za-z0-9_$-]{1,100}(\.[A-Za-z0-9_$-]{1,100}){0,4}$/;

export interface MetricInput {
  kind?: MetricKind | null;
  event?: string | null;
  property?: string | null;
  where?: readonly unknown[] | null;
  windowDays?: number | null;
  preWindowDays?: number | null;
}

function days(value: number | null | undefined, fallback: number, min: number, path: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min || n > MAX_DAYS) throw new ValidationError(`must be a whole number of days from ${min} to ${MAX_DAYS}`, path);
  return n;
}

/** A metric from input; MEAN unless a kind is given. Errors name the path under `path`. */
export function validateMetric(input: MetricInput, path = 'metric'): ExperimentMetric {
  const kind = input.kind ?? MetricKind.MEAN;
  if (!Object.values(MetricKind).includes(kind)) throw new ValidationError(`must be one of ${Object.values(MetricKind).join(', ')}`, `${path}.kind`);
  const event = input.event?.trim() || null;
  if (kind === MetricKind.REVENUE) {
    if (event) throw new ValidationError('REVENUE reads net revenue of orders: give no event', `${path}.event`);
  } else if (!event || event.length > 200) {
    throw new ValidationError('is required: 1–200 characters', `${path}.event`);
  }
  const property = input.property?.trim() || null;
  if (property && kind !== MetricKind.MEAN) throw new ValidationError('only a MEAN metric sums a property', `${path}.property`);
  if (property && !PROPERTY_PATH.test(property)) throw new ValidationError('must be a property path (1–5 dot-separated names of A-Z a-z 0-9 _ $ -)', `${path}.property`);
  if (input.where?.length && kind === MetricKind.REVENUE) throw new ValidationError('REVENUE takes no event filters', `${path}.where`);
  const where = input.where?.length ? validateEventFilters(input.where, `${path}.where`) : [];
  const preWindowDays = kind === MetricKind.CONVERSION ? 0 : days(input.preWindowDays, DEFAULT_DAYS, 0, `${path}.preWindowDays`);
  if (kind === MetricKind.CONVERSION && input.preWindowDays) throw new ValidationError('a CONVERSION metric has no CUPED pre-window', `${path}.preWindowDays`);
  return { kind, event, property, where, windowDays: days(input.windowDays, DEFAULT_DAYS, 1, `${path}.windowDays`), preWindowDays };
}

export function validateMetrics(primary: MetricInput | null | undefined, guardrails: readonly MetricInput[] | null | undefined): ExperimentMetrics {
  if (guardrails && guardrails.length > MAX_GUARDRAILS) throw new ValidationError(`at most ${MAX_GUARDRAILS} guardrails`, 'guardrailMetrics');
  return {
    primary: primary ? validateMetric(primary, 'primaryMetric') : null,
    guardrails: (guardrails ?? []).map((g, i) => validateMetric(g, `guardrailMetrics[${i}]`)),
  };
}
