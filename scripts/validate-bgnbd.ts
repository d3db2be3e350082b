/**
 * Validates src/scoring/bgnbd.ts against the paper it implements: fits the CDNOW sample
 * (Fader, Hardie & Lee 2005) and compares with the published estimates.
 *
 *   npx ts-node --transpile-only scripts/validate-bgnbd.ts [path/to/CDNOW_sample.txt]
 *
 * The data stays where it is (../shared/data/cdnow by default); nothing is copied.
 * Exit status: 0 if the fit matches, 1 if it does not, 2 if the data cannot be read.
 */
import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BuyerSummary, fitBgNbd, bgnbdLogLikelihood } from '../src/scoring/bgnbd';
import { summarizePurchases } from '../src/scoring/purchase-summary';
import { CALIBRATION_END, compareWithPublished, DEFAULT_CDNOW as DEFAULT_DATA, readCdnow, verdict } from './cdnow';

/** Published estimates (paper, section 5) and how far a re-fit may land from them. */
const PUBLISHED = [
  { name: 'r', value: 0.243, tolerance: 0.005 },
  { name: 'alpha', value: 4.414, tolerance: 0.02 },
  { name: 'a', value: 0.793, tolerance: 0.005 },
  { name: 'b', value: 2.426, tolerance: 0.02 },
  { name: 'LL', value: -9582.4, tolerance: 0.1 },
] as const;

/**
 * Checks our summary convention against the summary file distributed with the data
 * (frequency, recency, T rounded to 2 decimals, keyed by sample id). Returns null when
 * that file is absent.
 */
function compareWithSummaryFile(path: string, summaries: Map<string, BuyerSummary>) {
  if (!existsSync(path)) return null;
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1);
  const closeEnough = (ours: number, theirs: number) => Math.abs(ours - theirs) <= 0.005 + 1e-9;
  let matching = 0;
  const mismatches: string[] = [];
  for (const line of lines) {
    const [id, frequency, recency, T] = line.split(',');
    const ours = summaries.get(String(Number(id)));
    const ok =
      ours !== undefined &&
      ours.frequency === Number(frequency) &&
      closeEnough(ours.recency, Number(recency)) &&
      closeEnough(ours.T, Number(T));
    if (ok) matching++;
    else if (mismatches.length < 5) mismatches.push(`${line} vs ${JSON.stringify(ours)}`);
  }
  return { rows: lines.length, matching, mismatches };
}

function main(): number {
  const dataPath = resolve(process.argv[2] ?? DEFAULT_DATA);
  if (!existsSync(dataPath)) {
    console.error(`CDNOW data not found at ${dataPath}`);
    return 2;
  }

  const summaries = new Map<string, BuyerSummary>();
  for (const [id, orders] of readCdnow(dataPath)) {
    summaries.set(id, summarizePurchases(orders.map((o) => o.at), CALIBRATION_END));
  }
  const buyers = [...summaries.values()];
  console.log(`${dataPath}: ${buyers.length} customers, calibration period ending 1997-09-30`);

  const summaryPath = join(dirname(dataPath), 'cdnow_customers_summary.csv');
  const comparison = compareWithSummaryFile(summaryPath, summaries);
  if (comparison) {
    console.log(`summary convention: ${comparison.matching}/${comparison.rows} rows match ${summaryPath}`);
    for (const mismatch of comparison.mismatches) console.log(`  mismatch: ${mismatch}`);
  } else {
    console.log(`summary convention: ${summaryPath} not found, not compared`);
  }

  const started = process.hrtime.bigint();
  const fit = fitBgNbd(buyers);
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(
    `fit: ${fit.iterations} Nelder–Mead iterations, converged=${fit.converged}, ${elapsedMs.toFixed(0)} ms`,
  );

  const fitted: Record<(typeof PUBLISHED)[number]['name'], number> = { ...fit.params, LL: fit.logLikelihood };
  const failures = compareWithPublished(PUBLISHED, fitted);
  const publishedParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  console.log(`\nLL at the published (rounded) parameters: ${bgnbdLogLikelihood(publishedParams, buyers).toFixed(4)}`);

  return verdict(failures, fit.converged);
}

process.exitCode = main();
