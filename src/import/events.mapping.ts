import crypto from 'node:crypto';
import { ImportFileError, type CsvRecord, type ImportItem, type MappingReport, type SegmentMessage, type TextLine } from './import.types';

/** Top-level Segment fields a generic CSV may name as columns. */
const SEGMENT_COLUMNS = new Set(['type', 'userId', 'anonymousId', 'previousId', 'event', 'name', 'timestamp', 'messageId']);
const NESTED_PREFIXES = ['properties.', 'traits.', 'context.'];

/**
 * Without a messageId a re-import would duplicate everything, so one is derived from
 * the message's content: two byte-identical messages are the same event.
 */
export function withMessageId(message: SegmentMessage): SegmentMessage {
  if (message.messageId !== undefined && message.messageId !== null && message.messageId !== '') return message;
  const digest = crypto.createHash('sha1').update(canonicalJson(message)).digest('hex');
  return { ...message, messageId: `import-${digest}` };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** NDJSON: every line is one Segment message. */
export async function* mapNdjson(lines: AsyncIterable<TextLine>): AsyncGenerator<ImportItem> {
  for await (const { row, text } of lines) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      yield { kind: 'reject', row, reason: `not JSON: ${(error as Error).message}`, category: 'not JSON' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { kind: 'reject', row, reason: 'not a JSON object', category: 'not a JSON object' };
      continue;
    }
    yield { kind: 'event', row, message: withMessageId(value as SegmentMessage) };
  }
}

/**
 * Generic CSV whose columns name Segment fields (`type`, `userId`, `event`, ...) or
 * nested ones (`properties.revenue`, `traits.address.city`). Cells are text, so
 * numbers, booleans and JSON arrays/objects are recognised; empty cells are omitted.
 */
export class EventColumnsMapping {
  private ignored: string[] = [];

  checkHeader(header: string[]): void {
    if (!header.includes('type') && !header.includes('event')) {
      throw new ImportFileError(`a CSV of events needs a "type" or an "event" column (it has ${header.join(', ')})`);
    }
    this.ignored = header.filter((h) => !isMappedColumn(h));
  }

  async *map(records: AsyncIterable<CsvRecord>): AsyncGenerator<ImportItem> {
    for await (const { row, values } of records) {
      const message: SegmentMessage = {};
      for (const [column, cell] of Object.entries(values)) {
        if (cell === undefined || cell.trim() === '' || !isMappedColumn(column)) continue;
        setPath(message, column.split('.'), SEGMENT_COLUMNS.has(column) ? cell.trim() : cellValue(cell));
      }
      // A row with an event name but no type is a track, as in Segment's own CSV uploads.
      if (message.type === undefined && message.event !== undefined) message.type = 'track';
      yield { kind: 'event', row, message: withMessageId(message) };
    }
  }

  summary(): MappingReport {
    const notes = this.ignored.length ? [`ignored columns: ${this.ignored.join(', ')}`] : [];
    return { details: {}, notes: [...notes, 'rows without messageId get one derived from their content (re-import stays idempotent)'] };
  }
}

function isMappedColumn(column: string): boolean {
  return SEGMENT_COLUMNS.has(column) || NESTED_PREFIXES.some((p) => column.startsWith(p) && column.length > p.length);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (!node[key] || typeof node[key] !== 'object') node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Numbers without leading zeros (so codes like "007" stay text), booleans, JSON for `[`/`{`. */
export function cellValue(cell: string): unknown {
  const text = cell.trim();
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return cell;
    }
  }
  return cell;
}
