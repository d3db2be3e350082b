import { NotFoundError } from '../common';
import type { Recommendation, RecommendationRequest, StrategyName } from '../recommendations';

/** Whom a variant is for (the experiment hashes one of these, by its hashing unit). */
export interface ExperimentSubject {
  profileId: string | null;
  userId: string | null;
  anonymousId: string | null;
}

/** A variant served; `holdout`: the visitor is in the global holdout and gets the control. */
export interface ServedExperimentVariant {
  experimentKey: string;
  variant: string;
  holdout: boolean;
}

/**
 * What personalization needs from the experiments and recommendations features,
 * wired in src/app/services.ts. Either may be left out (tests, a server without them):
 * experiment rules are then refused on save and skipped at decision time, and
 * userContext returns no recommendations.
 */
export interface ExperimentServing {
  /** Assigns deterministically and logs an exposure once; null when the subject is not in a running experiment. */
  serve(experimentKey: string, subject: ExperimentSubject): Promise<ServedExperimentVariant | null>;
  /** The experiment's variant keys, or null when there is no experiment with that key (validates placement rules). */
  variantsOf(experimentKey: string): Promise<string[] | null>;
}

export type RecommendationStrategyName = StrategyName;

/** The recommendations feature's stable API (src/recommendations/recommendation.model.ts). */
export interface Recommending {
  recommend(request: RecommendationRequest): Promise<Recommendation[]>;
}

export interface PersonalizationPorts {
  experiments?: ExperimentServing;
  recommendations?: Recommending;
}

/** Adapts the experiments service: an experiment deleted after a rule named it is skipped, not an error. */
export function experimentServing(experiments: {
  serve(key: string, subject: ExperimentSubject): Promise<ServedExperimentVariant | null>;
  find(key: string): Promise<{ variants: { key: string }[] } | null>;
}): ExperimentServing {
  return {
    serve: (key, subject) => experiments.serve(key, subject).catch((e) => (e instanceof NotFoundError ? null : Promise.reject(e))),
    variantsOf: async (key) => (await experiments.find(key))?.variants.map((v) => v.key) ?? null,
  };
}
