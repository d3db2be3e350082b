/** A Segment message as read from a file, before the ingestion path validates it. */
export type SegmentMessage = Record<string, unknown>;

/** One data row of a file: `row` is its 1-based line number (the CSV header is line 1). */
export interface CsvRecord {
  row: number;
  values: Record<string, string>;
}

export interface TextLine {
  row: number;
  text: string;
}

/** What a mapping makes of the rows it reads: events to ingest, or rows it refuses with a reason. */
export type ImportItem =
  | { kind: 'event'; message: SegmentMessage; row: number; label?: string }
  | { kind: 'reject'; row: number; reason: string; category?: string };

export interface RejectedRow {
  row: number;
  reason: string;
}

/** Mapping-specific figures (orders, refunds, customers, skipped lines by cause) and notes for the summary. */
export interface MappingReport {
  details: Record<string, number>;
  notes: string[];
}

export type ImportFormat = 'csv' | 'ndjson';
export type ImportMapping = 'transactions' | 'events' | 'segment';

export interface ImportProgress {
  rows: number;
  events: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Bytes of the file read so far (compressed bytes for .gz) and its size, for a percentage. */
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportSummary extends MappingReport {
  file: string;
  format: ImportFormat;
  mapping: ImportMapping;
  rows: number;
  events: number;
  accepted: number;
  duplicates: number;
  /** The first rejected rows (at most 100), with `rejectedCount` the total and `rejectedByReason` the tally. */
  rejected: RejectedRow[];
  rejectedCount: number;
  rejectedByReason: Record<string, number>;
  elapsedMs: number;
}

/** The file cannot be read as asked (missing, unreadable, unknown format, malformed, missing columns). */
export class ImportFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportFileError';
  }
}
