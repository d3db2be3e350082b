import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { PassThrough, pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { ImportFileError, type CsvRecord, type ImportFormat, type TextLine } from './import.types';

/** Byte counter for the progress bar: how much of the file (as stored on disk) has been read. */
export interface ReadPosition {
  bytesRead: number;
  totalBytes: number;
}

/** `.csv`, `.ndjson` / `.jsonl`, each optionally `.gz`. */
export function detectFormat(file: string): ImportFormat {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  throw new ImportFileError(`cannot tell the format of ${path.basename(file)}: expected .csv, .ndjson or .jsonl (optionally .gz)`);
}

export async function assertReadable(file: string): Promise<number> {
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    const stat = await fs.promises.stat(file);
    if (!stat.isFile()) throw new ImportFileError(`${file} is not a file`);
    return stat.size;
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { cause: error });
  }
}

/**
 * The file's text piped into `sink` (a CSV parser or a pass-through), gunzipped when
 * the name ends in `.gz`. A read or gunzip failure ends the sink with that error;
 * `failed` tells the caller it came from the file rather than from parsing.
 */
function pipeText<T extends NodeJS.WritableStream & Readable>(file: string, position: ReadPosition, sink: T): { sink: T; failed: () => Error | undefined } {
  let failure: Error | undefined;
  const raw = fs.createReadStream(file);
  raw.on('data', (chunk) => (position.bytesRead += chunk.length));
  const stages: Readable[] = [raw, ...(file.toLowerCase().endsWith('.gz') ? [zlib.createGunzip()] : [])];
  for (const stage of stages) stage.once('error', (error) => (failure ??= error));
  pipeline([...stages, sink] as unknown as [Readable, NodeJS.WritableStream], () => {});
  return { sink, failed: () => failure };
}

function fileError(file: string, cause: Error): ImportFileError {
  return new ImportFileError(`cannot read ${file}: ${cause.message}`, { cause });
}

/**
 * CSV rows as objects keyed by the trimmed header. `checkHeader` may throw to refuse
 * a file whose columns do not fit the mapping, before any row is imported.
 */
export async function* readCsv(file: string, position: ReadPosition, checkHeader: (columns: string[]) => void): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
    columns: (header: string[]) => {
      const columns = header.map((h) => h.trim());
      checkHeader(columns);
      return columns;
    },
  });
  const source = pipeText(file, position, parser);
  try {
    for await (const { record, info } of source.sink) {
      yield { row: info.lines, values: record as Record<string, string> };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    const failed = source.failed();
    if (failed) throw fileError(file, failed);
    throw new ImportFileError(`${path.basename(file)} is not readable as CSV: ${(error as Error).message}`, { cause: error });
  }
}

/** Non-blank lines with their line numbers (LF or CRLF endings). */
export async function* readLines(file: string, position: ReadPosition): AsyncGenerator<TextLine> {
  const source = pipeText(file, position, new PassThrough());
  source.sink.setEncoding('utf8');
  let row = 0;
  let rest = '';
  try {
    for await (const chunk of source.sink as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const part of parts) {
        row++;
        if (part.trim()) yield { row, text: part };
      }
    }
  } catch (error) {
    throw fileError(file, source.failed() ?? (error as Error));
  }
  if (rest.trim()) yield { row: row + 1, text: rest };
}
