import type { IngestService } from '../ingest';
import type { RejectedRow, SegmentMessage } from './import.types';

export const KEPT_REJECTIONS = 100;
const EVENT_PATH = /^events\[\d+\]\.?/;

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
 * Feeds messages to the one ingestion path in fixed-size partial batches: the valid
 * messages of a batch are stored and each invalid one comes back with its index and
 * why, which is recorded against its row. One bad row never costs its neighbours.
 */
export class BatchIngester {
  rows = 0;
  events = 0;
  accepted = 0;
  duplicates = 0;
  readonly rejections = new RejectionLog();
  private pending: Pending[] = [];

  constructor(
    private readonly ingest: Pick<IngestService, 'ingestEach'>,
    private readonly batchSize: number,
    private readonly afterBatch: () => void = () => {},
  ) {}

  async add(item: Pending): Promise<void> {
    this.events++;
    this.pending.push(item);
    if (this.pending.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.pending.splice(0);
    if (batch.length) {
      const result = await this.ingest.ingestEach(batch.map((p) => p.message), { source: 'import' }, 'events');
      this.accepted += result.accepted;
      this.duplicates += result.duplicates;
      for (const { index, path, message } of result.rejected) this.reject(batch[index], path.replace(EVENT_PATH, ''), message);
    }
    this.afterBatch();
  }

  private reject(item: Pending, field: string, message: string): void {
    const reason = field ? `${field}: ${message}` : message;
    this.rejections.add(item.row, item.label ? `${item.label}: ${reason}` : reason, `invalid ${field || 'event'}`);
  }
}
