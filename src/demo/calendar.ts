import type { Rng } from './random';

export const DAY_MS = 86_400_000;

/** Sunday first: online shops sell most on Sunday and Monday evenings, least on Friday. */
const WEEKDAY = [1.2, 1.12, 1.0, 0.97, 0.97, 0.82, 0.92];
/** January first: a post-Christmas slump, a quiet summer, and the November–December gift season. */
const MONTH = [0.75, 0.8, 0.9, 0.9, 0.95, 0.9, 0.85, 0.85, 1.0, 1.1, 1.7, 1.9];
/** Share of sessions by hour (UTC): little at night, a lunchtime bump, an evening peak. */
const HOURS = [0.3, 0.2, 0.15, 0.1, 0.1, 0.15, 0.4, 0.8, 1.1, 1.2, 1.3, 1.4, 1.6, 1.5, 1.3, 1.3, 1.4, 1.5, 1.8, 2.1, 2.2, 1.9, 1.3, 0.7];
const HOURS_TOTAL = HOURS.reduce((a, b) => a + b, 0);

/** The peak of `demand`, for thinning a Poisson process against it. */
export const MAX_DEMAND = Math.max(...WEEKDAY) * Math.max(...MONTH) * 1.6;

/** Black Friday to Cyber Monday (the Friday after the fourth Thursday of November, through Monday). */
function isBlackFridayWeekend(d: Date): boolean {
  if (d.getUTCMonth() !== 10) return false;
  const firstDay = new Date(Date.UTC(d.getUTCFullYear(), 10, 1)).getUTCDay();
  const thanksgiving = 1 + ((4 - firstDay + 7) % 7) + 21;
  const day = d.getUTCDate();
  return day >= thanksgiving + 1 && day <= thanksgiving + 4;
}

/** Relative shopping demand on a day: weekly rhythm × season, late December quiet after the last posting day. */
export function demand(ms: number): number {
  const d = new Date(ms);
  let season = MONTH[d.getUTCMonth()];
  if (d.getUTCMonth() === 11 && d.getUTCDate() > 20) season = 0.8;
  if (isBlackFridayWeekend(d)) season *= 1.6;
  return WEEKDAY[d.getUTCDay()] * season;
}

export function isGiftSeason(ms: number): boolean {
  const d = new Date(ms);
  return d.getUTCMonth() === 10 || (d.getUTCMonth() === 11 && d.getUTCDate() <= 22);
}

/**
 * Next arrival after `from` of a Poisson process whose rate is `ratePerDay × demand(t)`,
 * by thinning (Lewis & Shedler, 1979): candidates at the peak rate, each kept with
 * probability demand/peak. Returns Infinity past `until`.
 */
export function nextArrival(rng: Rng, from: number, ratePerDay: number, until: number): number {
  let t = from;
  for (;;) {
    t += rng.exponential(ratePerDay * MAX_DEMAND) * DAY_MS;
    if (t > until) return Infinity;
    if (rng.next() * MAX_DEMAND < demand(t)) return t;
  }
}

/** A moment on the day of `ms` at an hour drawn from the daily rhythm. */
export function timeOfDay(rng: Rng, ms: number): number {
  const midnight = Math.floor(ms / DAY_MS) * DAY_MS;
  let target = rng.next() * HOURS_TOTAL;
  let hour = 0;
  while (hour < 23 && target >= HOURS[hour]) target -= HOURS[hour++];
  return midnight + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
}
