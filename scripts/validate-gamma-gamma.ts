/**
 * Validates src/scoring/gamma-gamma.ts against its published fit: the Gamma-Gamma model of
 * monetary value (Fader & Hardie 2013) on the CDNOW sample's calibration period (to
 * 1997-09-30): customers with a repeat purchase day, the average dollars of those days (same-day
 * orders merged, the first day left out). Published: p = 6.25, q = 3.74, γ = 15.44,
 * log-likelihood −4055.92 over 946 customers.
 *
 *   npx ts-node --transpile-only scripts/validate-gamma-gamma.ts [path/to/CDNOW_sample.txt]
 *
 * Exit status: 0 if the fit matches, 1 if it does not, 2 if the data cannot be read.
 */
import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expectedAverageValue, fitGammaGamma, populationMeanValue } from '../src/scoring/gamma-gamma';
import { summarizeSpend } from '../src/scoring/purchase-summary';
import { CALIBRATION_END, compareWithPublished, DEFAULT_CDNOW, readCdnow, verdict } from './cdnow';

const PUBLISHED = [
  { name: 'p', value: 6.25, tolerance: 0.005 },
  { name: 'q', value: 3.74, tolerance: 0.005 },
  { name: 'gamma', value: 15.44, tolerance: 0.005 },
  { name: 'LL', value: -4055.92, tolerance: 0.005 },
  { name: 'customers', value: 946, tolerance: 0 },
] as const;

function main(): number {
  const dataPath = resolve(process.argv[2] ?? DEFAULT_CDNOW);
  if (!existsSync(dataPath)) {
    console.error(`CDNOW data not found at ${dataPath}`);
    return 2;
  }
  const spend = [...readCdnow(dataPath).values()].map((orders) => summarizeSpend(orders, CALIBRATION_END));
  console.log(`${dataPath}: ${spend.length} customers, calibration period ending 1997-09-30`);
  const fit = fitGammaGamma(spend);
  console.log(`fit: ${fit.iterations} Nelder–Mead iterations, converged=${fit.converged}`);
  const fitted: Record<(typeof PUBLISHED)[number]['name'], number> = { ...fit.params, LL: fit.logLikelihood, customers: fit.sampleSize };
  const failures = compareWithPublished(PUBLISHED, fitted);
  console.log(`\npopulation mean of a customer's average order value: ${populationMeanValue(fit.params).toFixed(2)} dollars`);
  const example = spend.find((s) => s.frequency >= 2)!;
  console.log(`example: ${example.frequency} repeat days averaging ${example.averageValue.toFixed(2)} → expected ${expectedAverageValue(fit.params, example).toFixed(2)}`);
  return verdict(failures, fit.converged);
}

process.exitCode = main();
