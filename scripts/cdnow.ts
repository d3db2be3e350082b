/**
 * Reading the CDNOW sample (Fader, Hardie & Lee 2005) for the validation scripts: one line per
 * order, `customer-id sample-id yyyymmdd quantity dollars`. The data stays in ../shared/data.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ValuedPurchase } from '../src/scoring/purchase-summary';

export const DEFAULT_CDNOW = resolve(__dirname, '../../shared/data/cdnow/CDNOW_sample.txt');
/** The paper's calibration period is the 39 weeks ending 1997-09-30, inclusive. */
export const CALIBRATION_END = new Date(Date.UTC(1997, 8, 30));

function parseYyyymmdd(text: string): Date {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!match) throw new Error(`bad date ${text}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** Orders per customer, keyed by the sample id (column 2), which the summary file uses; value in dollars. */
export function readCdnow(path: string): Map<string, ValuedPurchase[]> {
  const purchases = new Map<string, ValuedPurchase[]>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5) continue;
    const id = String(Number(fields[1]));
    const orders = purchases.get(id) ?? [];
    orders.push({ at: parseYyyymmdd(fields[2]), value: Number(fields[4]) });
    purchases.set(id, orders);
  }
  return purchases;
}

export interface PublishedFigure {
  name: string;
  value: number;
  tolerance: number;
}

/** Prints fitted against published figures, one line each; returns how many are outside their tolerance. */
export function compareWithPublished(published: readonly PublishedFigure[], fitted: Record<string, number>): number {
  let failures = 0;
  console.log('\nparam          fitted    published    |diff|   allowed');
  for (const { name, value, tolerance } of published) {
    const diff = Math.abs(fitted[name] - value);
    const ok = diff <= tolerance + 1e-9;
    if (!ok) failures++;
    console.log(`${name.padEnd(9)} ${fitted[name].toFixed(5).padStart(13)} ${String(value).padStart(12)} ${diff.toFixed(4).padStart(9)} ${String(tolerance).padStart(9)}  ${ok ? 'ok' : 'FAIL'}`);
  }
  return failures;
}

/** The script's exit status after its checks: 0 when all held and the optimizer converged, else 1, with a last line saying which. */
export function verdict(failures: number, converged: boolean): number {
  if (!converged) console.log('optimizer did not report convergence');
  const total = failures + (converged ? 0 : 1);
  console.log(total === 0 ? '\nOK: matches the published estimates' : `\nFAILED: ${total} check(s)`);
  return total === 0 ? 0 : 1;
}
