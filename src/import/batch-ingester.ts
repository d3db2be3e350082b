import { ValidationError, ValidationErrors } from '../common';
import type { IngestService } from '../ingest';
import type { RejectedRow, SegmentMessage } from './import.types';

export const KEPT_REJECTIONS = 100;
const EVENT_PATH = /^events\[(\d+)\]\.?/;

interface Pending {
  message: SegmentMessage;
  row: number;
  label?: string;
}

/** Rejected rows: the first hundred verbatim, all of them counted by reason. */
export class RejectionLog {
  readonly first: RejectedRow[] = [];
  readonly byReason: Record<string, number> = {};
  count = 0;

  add(row: number, reason: string, category = reason): void {
    this.count++;
    if (this.first.length < KEPT_REJECTIONS) this.first.push({ row, reason });
    this.byReason[category] = (this.byReason[category] ?? 0) + 1;
  }
}

/**
 * Feeds messages to the one ingestion path in fixed-size batches. A batch is
 * all-or-nothing there, so when validation refuses some of its events we drop
 * exactly those (the error's paths name `events[i]`), record why, and send the rest
 * again: one bad row never costs its neighbours.
 */
export class BatchIngester {
  rows = 0;
  events = 0;
  accepted = 0;
  duplicates = 0;
  readonly rejections = new RejectionLog();
  private pending: Pending[] = [];

  constructor(
    private readonly ingest: IngestService,
    private readonly batchSize: number,
    private readonly afterBatch: () => void = () => {},
  ) {}

  async add(item: Pending): Promise<void> {
    this.events++;
    this.pending.push(item);
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    let batch = this.pending.splice(0);
    while (batch.length) {
      try {
        const events = this.ingest.normalize(batch.map((p) => p.message), { source: 'import' }, 'events');
        const result = await this.ingest.ingest(events);
        this.accepted += result.accepted;
        this.duplicates += result.duplicates;
        break;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const offenders = this.offenders(error, batch);
        for (const [i, reason] of offenders) this.reject(batch[i], reason);
        batch = batch.filter((_, i) => !offenders.has(i));
      }
    }
    this.afterBatch();
  }

  private reject(item: Pending, problems: { field: string; message: string }[]): void {
    const reason = problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
    this.rejections.add(item.row, item.label ? `${item.label}: ${reason}` : reason, `invalid ${problems[0].field || 'event'}`);
  }

  /** Which events of the batch the error blames, with their problems; rethrows an error it cannot pin on any. */
  private offenders(error: ValidationError, batch: Pending[]): Map<number, { field: string; message: string }[]> {
    const found = new Map<number, { field: string; message: string }[]>();
    for (const problem of problemsOf(error)) {
      const m = EVENT_PATH.exec(problem.path);
      if (!m || Number(m[1]) >= batch.length) continue;
      const i = Number(m[1]);
      found.set(i, [...(found.get(i) ?? []), { field: problem.path.slice(m[0].length), message: problem.message }]);
    }
    if (!found.size) this.checkOneByOne(batch, found);
    if (!found.size) throw error;
    return found;
  }

  /** For an error that names no event (a batch-level refusal): validate each event alone. */
  private checkOneByOne(batch: Pending[], found: Map<number, { field: string; message: string }[]>): void {
    batch.forEach((item, i) => {
      try {
        this.ingest.normalizeOne(item.message, { source: 'import' }, 'event');
      } catch (e) {
        if (e instanceof ValidationError) found.set(i, problemsOf(e).map((p) => ({ field: p.path.replace(/^event\.?/, ''), message: p.message })));
        else throw e;
      }
    });
  }
}

function problemsOf(error: ValidationError): { path: string; message: string }[] {
  if (error instanceof ValidationErrors) return error.problems;
  const path = error.path ?? '';
  const message = path && error.message.startsWith(`${path}: `) ? error.message.slice(path.length + 2) : error.message;
  return [{ path, message }];
}
