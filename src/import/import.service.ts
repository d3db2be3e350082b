import path from 'node:path';
import type { IngestService } from '../ingest';
import { BatchIngester } from './batch-ingester';
import { EventColumnsMapping, mapNdjson } from './events.mapping';
import { assertReadable, detectFormat, readCsv, readLines, type ReadPosition } from './file-source';
import { ImportFileError, type ImportItem, type ImportMapping, type ImportProgress, type ImportSummary, type MappingReport } from './import.types';
import { checkTransactionHeader, TransactionMapping, type TransactionColumns } from './transactions.mapping';

export const DEFAULT_BATCH_SIZE = 500;

export interface ImportOptions {
  file: string;
  /** How CSV columns become events; NDJSON lines are Segment messages already. Default `events`. */
  mapping?: 'transactions' | 'events';
  batchSize?: number;
  /** Column names for the `transactions` mapping (defaults fit the UCI Online Retail log). */
  columns?: Partial<TransactionColumns>;
  currency?: string;
  /** Called after every batch, and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

/** A readable file turned into import items, and the mapping's own figures afterwards. */
interface ImportPlan {
  mapping: ImportMapping;
  items: AsyncIterable<ImportItem>;
  report(): MappingReport;
}

/**
 * Historical import: streams a CSV or NDJSON file (gzip or not) through the same
 * ingestion path as live traffic, batch by batch, so imported history gets the same
 * validation, identity resolution, stats and segment updates. Memory stays bounded
 * by one batch plus whatever the mapping must remember (an order, seen customers).
 */
export class ImportService {
  constructor(private readonly ingest: IngestService, private readonly limits: { maxBatchEvents: number } = { maxBatchEvents: 1000 }) {}

  async importFile(options: ImportOptions): Promise<ImportSummary> {
    const started = Date.now();
    const batchSize = this.checkBatchSize(options.batchSize ?? DEFAULT_BATCH_SIZE);
    const format = detectFormat(options.file);
    const position: ReadPosition = { bytesRead: 0, totalBytes: await assertReadable(options.file) };
    const counter = { rows: 0 };
    const plan = format === 'ndjson' ? ndjsonPlan(options.file, position, counter) : csvPlan(options, position, counter);

    const progress = (): ImportProgress => ({
      rows: counter.rows, events: run.events, accepted: run.accepted, duplicates: run.duplicates,
      rejected: run.rejections.count, bytesRead: position.bytesRead, totalBytes: position.totalBytes, elapsedMs: Date.now() - started,
    });
    const run: BatchIngester = new BatchIngester(this.ingest, batchSize, () => options.onProgress?.(progress()));
    for await (const item of plan.items) {
      if (item.kind === 'reject') run.rejections.add(item.row, item.reason, item.category);
      else await run.add(item);
    }
    await run.flush();

    const report = plan.report();
    return {
      file: path.basename(options.file),
      format,
      mapping: plan.mapping,
      rows: counter.rows,
      events: run.events,
      accepted: run.accepted,
      duplicates: run.duplicates,
      rejected: run.rejections.first,
      rejectedCount: run.rejections.count,
      rejectedByReason: run.rejections.byReason,
      details: report.details,
      notes: report.notes,
      elapsedMs: Date.now() - started,
    };
  }

  private checkBatchSize(size: number): number {
    if (!Number.isInteger(size) || size < 1 || size > this.limits.maxBatchEvents) {
      throw new ImportFileError(`batch size must be a whole number from 1 to ${this.limits.maxBatchEvents} (INGEST_MAX_BATCH); got ${size}`);
    }
    return size;
  }
}

async function* counted<T>(source: AsyncIterable<T>, counter: { rows: number }): AsyncGenerator<T> {
  for await (const item of source) {
    counter.rows++;
    yield item;
  }
}

function ndjsonPlan(file: string, position: ReadPosition, counter: { rows: number }): ImportPlan {
  return {
    mapping: 'segment',
    items: mapNdjson(counted(readLines(file, position), counter)),
    report: () => ({ details: {}, notes: ['lines without messageId get one derived from their content (re-import stays idempotent)'] }),
  };
}

function csvPlan(options: ImportOptions, position: ReadPosition, counter: { rows: number }): ImportPlan {
  if (options.mapping === 'transactions') {
    const mapping = new TransactionMapping({ columns: options.columns, currency: options.currency });
    const rows = readCsv(options.file, position, (header) => checkTransactionHeader(mapping.columns, header));
    return { mapping: 'transactions', items: mapping.map(counted(rows, counter)), report: () => mapping.summary() };
  }
  const mapping = new EventColumnsMapping();
  const rows = readCsv(options.file, position, (header) => mapping.checkHeader(header));
  return { mapping: 'events', items: mapping.map(counted(rows, counter)), report: () => mapping.summary() };
}
