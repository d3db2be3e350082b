/**
 * The one place every "now"-relative computation takes its instant from: event windows,
 * recency, time-sensitive segments, triggers, decisions, statistics buckets and the
 * scoring job's default as-of (which SCORING_AS_OF may pin for analysing history; see
 * src/scoring/scoring-clock.ts). Services get it by construction; durations of work,
 * caches and timeouts keep using the process's own timers.
 */
export interface Clock {
  now(): Date;
}

export const wallClock: Clock = { now: () => new Date() };
