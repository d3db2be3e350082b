const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?))?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export interface ParsedTimestamp {
  iso: string;
  /** True when the text carried no offset and was read as UTC. */
  assumedUtc: boolean;
}

/**
 * ISO 8601 date or date-time, with or without an offset. Transaction logs usually
 * write local time without one; we read those as UTC rather than in the importing
 * machine's zone, so the same file imports identically everywhere.
 */
export function parseTimestamp(raw: string | undefined): ParsedTimestamp | null {
  const m = ISO.exec((raw ?? '').trim());
  if (!m) return null;
  const [, date, time = '00:00:00', offset] = m;
  const text = `${date}T${time.length === 5 ? `${time}:00` : time}${offset ? normalizeOffset(offset) : 'Z'}`;
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  return { iso: new Date(ms).toISOString(), assumedUtc: !offset };
}

function normalizeOffset(offset: string): string {
  if (offset.toUpperCase() === 'Z') return 'Z';
  return offset.includes(':') ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
}
