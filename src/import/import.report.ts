import type { ImportProgress, ImportSummary } from './import.types';

const n = (value: number) => value.toLocaleString('en-US');

function rate(count: number, elapsedMs: number): string {
  return elapsedMs > 0 ? n(Math.round((count * 1000) / elapsedMs)) : '–';
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${(ms / 1000).toFixed(1)}s`;
}

export function progressLine(p: ImportProgress): string {
  const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
  return `${Math.round(share * 100)}%  ${n(p.rows)} rows  ${rate(p.rows, p.elapsedMs)} rows/s  ${n(p.accepted)} events accepted  ${n(p.rejected)} rejected  ${duration(p.elapsedMs)}`;
}

/**
 * A redrawn bar when stderr is a terminal; otherwise (CI logs, redirects) a plain
 * line every few seconds, since carriage returns would pile up there.
 */
export function createProgressReporter(stream: NodeJS.WriteStream, plainEveryMs = 5000): { update(p: ImportProgress): void; done(p?: ImportProgress): void } {
  let last = 0;
  let lastProgress: ImportProgress | undefined;
  let drawn: ImportProgress | undefined;
  const tty = !!stream.isTTY;
  const draw = (p: ImportProgress) => {
    drawn = p;
    if (!tty) return stream.write(`import: ${progressLine(p)}\n`);
    const width = 24;
    const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 0;
    const filled = Math.round(share * width);
    stream.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${progressLine(p)}`);
  };
  return {
    update(p) {
      lastProgress = p;
      const now = Date.now();
      if (now - last < (tty ? 100 : plainEveryMs)) return;
      last = now;
      draw(p);
    },
    done(p = lastProgress) {
      if (p && p !== drawn) draw(p);
      if (tty && p) stream.write('\n');
    },
  };
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value.padStart(12)}`);
}

/** The end-of-run summary as a plain-text table. */
export function formatSummary(s: ImportSummary, examples = 10): string {
  const lines = [`Imported ${s.file} (${s.format}, mapping ${s.mapping}) in ${duration(s.elapsedMs)}`];
  lines.push(
    ...table([
      ['rows read', n(s.rows)],
      ['events sent', n(s.events)],
      ['accepted', n(s.accepted)],
      ['duplicates (already stored)', n(s.duplicates)],
      ['rejected rows', n(s.rejectedCount)],
      ['elapsed', duration(s.elapsedMs)],
      ['rows/s', rate(s.rows, s.elapsedMs)],
      ['events/s', rate(s.events, s.elapsedMs)],
      ...Object.entries(s.details).map(([k, v]): [string, string] => [k, n(v)]),
    ]),
  );
  if (s.rejectedCount) {
    lines.push('', 'Rejected rows by reason:', ...table(Object.entries(s.rejectedByReason).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, n(v)])));
    lines.push('', `First ${Math.min(examples, s.rejected.length)} rejected rows (of ${n(s.rejectedCount)}):`);
    lines.push(...s.rejected.slice(0, examples).map((r) => `  row ${String(r.row).padStart(8)}  ${r.reason}`));
  }
  if (s.notes.length) lines.push('', 'Notes:', ...s.notes.map((note) => `  - ${note}`));
  return lines.join('\n') + '\n';
}
